/**
 * Who the cache trusts, folder by folder up to `/` (cli/cache-trust.ts):
 * the cache folder is yours and writable by you alone; every folder above it
 * and every link on the way is yours or root's, and writable by no one else
 * unless sticky (like /tmp). Cases that need another user run as root, which
 * can give a folder to uid 65534.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { folderTrouble } from '../../cli/cache-trust';
import { tempDir } from '../e2e/helpers';

const asRoot = process.getuid?.() === 0 ? test : test.skip;
const OTHER = 65534;

let tmp: ReturnType<typeof tempDir>;
let n = 0;
beforeAll(() => (tmp = tempDir('sctrace-trust-unit-')));
afterAll(() => tmp.cleanup());

/** A fresh `$HOME`-like folder (mode 0755, ours) per test. */
function home(): string {
  const dir = path.join(tmp.dir, `home${n++}`);
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  return dir;
}

const mode = (p: string) => fs.statSync(p).mode & 0o7777;

describe('the way to the cache folder', () => {
  test('a cache under a $HOME-like folder is made, mode 0700, and trusted', () => {
    const h = home();
    const cache = path.join(h, '.cache', 'sctrace');
    expect(folderTrouble(cache)).toBeNull();
    expect(mode(cache)).toBe(0o700);
    expect(mode(path.join(h, '.cache'))).toBe(0o700);
  });

  test.each([
    ['mode 0777', 0o777],
    ['mode 0775', 0o775],
    ['mode 0757', 0o757],
  ])('a parent writable by others (%s) is not trusted, and nothing is made under it', (shown, bits) => {
    const h = home();
    fs.chmodSync(h, bits);
    const cache = path.join(h, '.cache', 'sctrace');
    expect(folderTrouble(cache)).toBe(`the folder ${h} above it is writable by others (${shown})`);
    expect(fs.existsSync(path.join(h, '.cache'))).toBe(false);
  });

  test('a grandparent writable by others is not trusted either', () => {
    const h = home();
    fs.mkdirSync(path.join(h, 'a', 'b'), { recursive: true });
    fs.chmodSync(path.join(h, 'a'), 0o777);
    expect(folderTrouble(path.join(h, 'a', 'b', 'sctrace'))).toBe(`the folder ${path.join(h, 'a')} above it is writable by others (mode 0777)`);
  });

  test('a sticky parent writable by others (like /tmp) is fine when the folder below it is yours', () => {
    const h = home();
    fs.chmodSync(h, 0o1777);
    expect(folderTrouble(path.join(h, 'mine', 'sctrace'))).toBeNull();
  });

  test('the cache folder itself may not be writable by others, sticky or not', () => {
    const h = home();
    const cache = path.join(h, 'sctrace');
    fs.mkdirSync(cache);
    fs.chmodSync(cache, 0o1777);
    expect(folderTrouble(cache)).toBe('writable by others (mode 1777)');
  });

  test('a file on the way means no cache, quietly; a file as the cache folder is named', () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'f'), '');
    expect(folderTrouble(path.join(h, 'f', 'sctrace'))).toBe('');
    expect(folderTrouble(path.join(h, 'f'))).toBe('not a folder');
  });

  test('a link of yours is followed, and the way to its target is checked too', () => {
    const h = home();
    const real = path.join(h, 'real');
    fs.mkdirSync(path.join(real, 'sctrace'), { recursive: true, mode: 0o700 });
    fs.symlinkSync(real, path.join(h, 'link'));
    fs.symlinkSync('real/sctrace', path.join(h, 'cachelink'));
    expect(folderTrouble(path.join(h, 'link', 'sctrace'))).toBeNull();
    expect(folderTrouble(path.join(h, 'cachelink'))).toBeNull();
    // Relative targets with `..` are resolved from the link's real folder.
    fs.mkdirSync(path.join(h, 'deep'));
    fs.symlinkSync('../real', path.join(h, 'deep', 'up'));
    expect(folderTrouble(path.join(h, 'deep', 'up', 'sctrace'))).toBeNull();
    fs.chmodSync(real, 0o777);
    expect(folderTrouble(path.join(h, 'link', 'sctrace'))).toBe(`the folder ${real} above it is writable by others (mode 0777)`);
    fs.chmodSync(real, 0o755);
    fs.chmodSync(path.join(real, 'sctrace'), 0o777);
    expect(folderTrouble(path.join(h, 'cachelink'))).toBe('writable by others (mode 0777)');
  });

  test('a loop of links is refused, not followed forever', () => {
    const h = home();
    fs.symlinkSync('b', path.join(h, 'a'));
    fs.symlinkSync('a', path.join(h, 'b'));
    expect(folderTrouble(path.join(h, 'a', 'sctrace'))).toBe('more than 40 symbolic links on the way');
  });

  asRoot('as root: a folder above it owned by another user is not trusted, even when no one else can write it', () => {
    const h = home();
    const theirs = path.join(h, 'theirs');
    fs.mkdirSync(theirs, { mode: 0o755 });
    fs.chownSync(theirs, OTHER, OTHER);
    expect(folderTrouble(path.join(theirs, 'sctrace'))).toBe(`the folder ${theirs} above it is owned by user ${OTHER}, neither by you (0) nor by root`);
    expect(fs.existsSync(path.join(theirs, 'sctrace'))).toBe(false);
  });

  asRoot("as root: under a sticky folder, another user's folder is not trusted (they could swap what is in it)", () => {
    const h = home();
    fs.chmodSync(h, 0o1777);
    const theirs = path.join(h, 'theirs');
    fs.mkdirSync(theirs, { mode: 0o755 });
    fs.chownSync(theirs, OTHER, OTHER);
    expect(folderTrouble(path.join(theirs, 'sctrace'))).toBe(`the folder ${theirs} above it is owned by user ${OTHER}, neither by you (0) nor by root`);
  });

  asRoot("as root: another user's link on the way is not followed, even to a good folder", () => {
    const h = home();
    fs.chmodSync(h, 0o1777);
    const real = path.join(h, 'real');
    fs.mkdirSync(real, { mode: 0o700 });
    const link = path.join(h, 'link');
    fs.symlinkSync(real, link);
    fs.lchownSync(link, OTHER, OTHER);
    expect(folderTrouble(path.join(link, 'sctrace'))).toBe(`the symbolic link ${link} on the way is owned by user ${OTHER}, neither by you (0) nor by root`);
    expect(fs.existsSync(path.join(real, 'sctrace'))).toBe(false);
  });

  asRoot('as root: a cache folder of another user is not trusted', () => {
    const h = home();
    const cache = path.join(h, 'sctrace');
    fs.mkdirSync(cache, { mode: 0o700 });
    fs.chownSync(cache, OTHER, OTHER);
    expect(folderTrouble(cache)).toBe(`owned by user ${OTHER}, not by you (0)`);
  });
});
