/** discoverScml: files, directories (recursive), globs; sorted, unique; clear errors. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverScml } from '../../compiler/discover';
import { ASTERINAS_DIR } from './helpers';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'scmlc-discover-'));
  const files = ['rules/b.scml', 'rules/a.scml', 'rules/net/z.scml', 'rules/net/notes.txt', 'rules/.hidden/h.scml', 'other/x.rules', 'empty/readme.md'];
  for (const f of files) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), 'f(x);\n');
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a directory is searched recursively for *.scml, sorted, without hidden folders', () => {
  expect(discoverScml(['rules'], root)).toEqual({
    files: ['rules/a.scml', 'rules/b.scml', 'rules/net/z.scml'],
    errors: [],
  });
});

test('a trailing slash or ./ prefix does not change the paths', () => {
  expect(discoverScml(['./rules/'], root).files).toEqual(['rules/a.scml', 'rules/b.scml', 'rules/net/z.scml']);
});

test('an explicit file is taken whatever its extension', () => {
  expect(discoverScml(['other/x.rules'], root)).toEqual({ files: ['other/x.rules'], errors: [] });
});

test('globs', () => {
  expect(discoverScml(['rules/**/*.scml'], root).files).toEqual(['rules/a.scml', 'rules/b.scml', 'rules/net/z.scml']);
  expect(discoverScml(['rules/*.scml'], root).files).toEqual(['rules/a.scml', 'rules/b.scml']);
});

test('duplicates from several operands count once; the result is sorted across operands', () => {
  expect(discoverScml(['rules/net/z.scml', 'rules', 'rules/a.scml', './rules/../rules/b.scml'], root)).toEqual({
    files: ['rules/a.scml', 'rules/b.scml', 'rules/net/z.scml'],
    errors: [],
  });
});

test('absolute operands give absolute paths', () => {
  const abs = path.join(root, 'rules', 'net');
  expect(discoverScml([abs], os.tmpdir()).files).toEqual([path.join(abs, 'z.scml').split(path.sep).join('/')]);
});

test('errors: a missing path, a folder without .scml, a glob that matches nothing or no .scml', () => {
  expect(discoverScml(['missing.scml', 'empty', 'nope/*.scml', 'rules/net/*.txt', 'rules/a.scml'], root)).toEqual({
    files: ['rules/a.scml'],
    errors: [
      `no such file or directory: 'missing.scml'`,
      `no .scml file in directory 'empty'`,
      `no file matches 'nope/*.scml'`,
      `no .scml file among the 1 file(s) matching 'rules/net/*.txt'`,
    ],
  });
});

test('a symlink loop does not repeat files; a file reached through a symlink counts once', () => {
  mkdirSync(path.join(root, 'loop', 'a'), { recursive: true });
  writeFileSync(path.join(root, 'loop', 'a', 'r.scml'), 'f(x);\n');
  symlinkSync('..', path.join(root, 'loop', 'a', 'up'));
  expect(discoverScml(['loop'], root)).toEqual({ files: ['loop/a/r.scml'], errors: [] });
});

test('the Asterinas folder yields its 75 files', () => {
  const found = discoverScml([ASTERINAS_DIR]);
  expect(found.errors).toEqual([]);
  expect(found.files).toHaveLength(75);
});
