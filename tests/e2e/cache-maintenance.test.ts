/**
 * The cache over many runs: the compiler's warnings come back on a hit, an
 * entry whose warnings were edited or whose format is old is rebuilt, and
 * the folder keeps only the most recently used entries.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type RunResult, lines, sctrace, testEnv, useScratch } from './helpers';

const scratch = useScratch();

const LOG = '7  read(3, "x", 1) = 1\n7  close(3) = 0\n';
/** An unused bitflags rule gives a warning; the comment puts quotes and a header look-alike into its source line. */
const WARNED_RULES =
  'unused_flags = O_RDONLY | O_WRONLY; // "quoted" \\ sctrace-cache-2 key=0 sha256=0\n' + 'read(fd, buf, count);\n';

interface Setup {
  cacheHome: string;
  rules: string;
  args: string[];
}

/** A rule file, a log and a cache folder of their own, under `name`. */
function setup(name: string, rules = WARNED_RULES): Setup {
  const dir = path.join(scratch.dir, name);
  mkdirSync(dir);
  const rulesFile = path.join(dir, 'rules.scml');
  const log = path.join(dir, 'app.log');
  writeFileSync(rulesFile, rules);
  writeFileSync(log, LOG);
  return { cacheHome: path.join(dir, 'cache'), rules: rulesFile, args: [rulesFile, '--input', log] };
}

function run(s: Setup): RunResult {
  return sctrace(s.args, { env: testEnv(s.cacheHome) });
}

function cacheFolder(s: Setup): string {
  return path.join(s.cacheHome, 'sctrace');
}

/** The one entry file of a cache that holds one. */
function onlyEntry(s: Setup): string {
  const names = readdirSync(cacheFolder(s));
  expect(names).toHaveLength(1);
  return path.join(cacheFolder(s), names[0]);
}

function setMtime(file: string, date: Date): void {
  utimesSync(file, date, date);
}

function expectSame(a: RunResult, b: RunResult): void {
  expect(a.status).toBe(b.status);
  expect(a.stdout.equals(b.stdout)).toBe(true);
  expect(a.stderr.equals(b.stderr)).toBe(true);
}

/** stderr of a run that found a damaged entry: the notice, then what the miss printed. */
function expectRebuiltNotice(r: RunResult, reference: RunResult, reason: string): void {
  expect(r.status).toBe(reference.status);
  expect(r.stdout.equals(reference.stdout)).toBe(true);
  const notice = lines(r.err)[0];
  expect(notice).toMatch(/^sctrace: warning: ignoring damaged cache entry \S+[0-9a-f]{64}\.js \((.*)\); compiling again$/);
  expect(notice).toContain(`(${reason})`);
  expect(r.err.slice(notice.length + 1)).toBe(reference.err);
}

describe('warnings on a cache hit', () => {
  test('the hit prints the same warning text as the miss', () => {
    const s = setup('replay');
    const miss = run(s);
    expect(miss.status).toBe(0);
    expect(miss.err).toMatch(/^\S+rules\.scml:1:1: warning: bitflags rule 'unused_flags' is never used\nunused_flags = O_RDONLY/);
    expect(miss.err).toContain('"quoted" \\ sctrace-cache-2 key=0 sha256=0\n^~~~');

    const entry = onlyEntry(s);
    const before = statSync(entry);
    setMtime(entry, new Date(2001, 0, 1));
    const hit = run(s);
    expectSame(hit, miss);
    // A hit: the same file (a miss would have renamed a new one into place), its mtime refreshed.
    const after = statSync(entry);
    expect(after.ino).toBe(before.ino);
    expect(after.mtime.getFullYear()).toBeGreaterThan(2001);
  });

  test('rules without warnings print nothing extra on a hit', () => {
    const s = setup('quiet', 'read(fd, buf, count);\nclose(fd);\n');
    const miss = run(s);
    expect(miss.err).toBe('');
    expectSame(run(s), miss);
  });

  test('an edited warning is noticed, not trusted, and the entry is rebuilt', () => {
    const s = setup('tampered');
    const miss = run(s);
    const entry = onlyEntry(s);
    const good = readFileSync(entry, 'utf8');
    const warningsLine = good.split('\n')[1];
    expect(warningsLine).toContain('is never used');
    writeFileSync(entry, good.replace(warningsLine, warningsLine.replace('is never used', 'is fine, ignore')));

    expectRebuiltNotice(run(s), miss, 'checksum mismatch');
    expect(readFileSync(entry, 'utf8')).toBe(good);
    expectSame(run(s), miss); // and the rebuilt entry is a hit again
  });

  test('an entry in the old format (sctrace-cache-1) is rebuilt', () => {
    const s = setup('old-format');
    const miss = run(s);
    const entry = onlyEntry(s);
    const good = readFileSync(entry, 'utf8');
    // What the old format held: key, checksum of the module, the module; no warnings.
    const [, , ...moduleLines] = good.split('\n');
    const code = moduleLines.join('\n');
    const key = path.basename(entry, '.js');
    const sha = createHash('sha256').update(code, 'utf8').digest('hex');
    writeFileSync(entry, `// sctrace-cache-1 key=${key} sha256=${sha}\n${code}`);

    expectRebuiltNotice(run(s), miss, 'no valid header');
    expect(readFileSync(entry, 'utf8')).toBe(good);
  });
});

describe('pruning', () => {
  const MINUTE = 60 * 1000;

  function fakeName(i: number): string {
    return createHash('sha256').update(`fake ${i}`).digest('hex') + '.js';
  }

  /** `count` fake entries, fakeName(0) the most recently used, all used in the last hours. */
  function fakeEntries(folder: string, count: number): void {
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < count; i++) {
      const file = path.join(folder, fakeName(i));
      writeFileSync(file, '// not a real entry\n');
      setMtime(file, new Date(Date.now() - (i + 1) * 10 * MINUTE));
    }
  }

  test('a new entry leaves the 16 most recently used; other files stay', () => {
    const s = setup('prune', 'read(fd, buf, count);\n');
    const folder = cacheFolder(s);
    fakeEntries(folder, 20);
    writeFileSync(path.join(folder, 'notes.txt'), 'mine\n');
    setMtime(path.join(folder, 'notes.txt'), new Date(2001, 0, 1));

    const r = run(s);
    expect(r.status).toBe(0);
    const left = readdirSync(folder);
    const fakes = new Set(Array.from({ length: 20 }, (_, i) => fakeName(i)));
    const made = left.filter((n) => /^[0-9a-f]{64}\.js$/.test(n) && !fakes.has(n));
    expect(made).toHaveLength(1); // the new entry
    const fakesKept = Array.from({ length: 15 }, (_, i) => fakeName(i)); // the 15 most recently used
    expect(left.sort()).toEqual([...made, ...fakesKept, 'notes.txt'].sort());
  });

  test('an entry just used survives newer unused ones; a hit deletes nothing', () => {
    const a = setup('lru-a', 'read(fd, buf, count);\n');
    const folder = cacheFolder(a);
    run(a);
    const entryA = onlyEntry(a);
    setMtime(entryA, new Date(2001, 0, 1)); // the least recently used of all
    fakeEntries(folder, 20);

    expect(run(a).status).toBe(0); // a hit: refreshes A's mtime, prunes nothing
    expect(readdirSync(folder)).toHaveLength(21);

    // Rule set B, same cache: a miss, which prunes.
    const b: Setup = { ...setup('lru-b', 'close(fd);\n'), cacheHome: a.cacheHome };
    expect(run(b).status).toBe(0);
    const left = readdirSync(folder);
    expect(left).toHaveLength(16);
    expect(left).toContain(path.basename(entryA));
    for (let i = 0; i < 14; i++) expect(left).toContain(fakeName(i));
  });
});
