/**
 * The cache entry format (module text plus the compiler's warnings, under one
 * checksum) and the pruning of the cache folder, in process.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_ENTRIES, entryPath, pruneEntries, readEntry, touchEntry, writeEntry } from '../../cli/matcher-cache';
import { temporaryTarget, writeAtomically } from '../../cli/write-atomically';
import { tempDir } from '../e2e/helpers';

let tmp: ReturnType<typeof tempDir>;
let n = 0;
beforeAll(() => (tmp = tempDir('sctrace-unit-')));
afterAll(() => tmp.cleanup());

/** A fresh folder per test. */
function freshDir(): string {
  const dir = path.join(tmp.dir, `d${n++}`);
  fs.mkdirSync(dir);
  return dir;
}

const KEY = 'a'.repeat(64);
const CODE = 'module.exports = 1;\n';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An entry file with a correct checksum over whatever `rest` is. */
function forge(dir: string, key: string, format: string, rest: string): void {
  fs.writeFileSync(entryPath(dir, key), `// ${format} key=${key} sha256=${sha256(rest)}\n${rest}`);
}

describe('entry format', () => {
  const tricky = [
    'rules.scml:1:1: warning: bitflags rule \'x\' is never used\n',
    'x = A; // "quoted" and \\backslashed\\ and \'single\'\n',
    `// sctrace-cache-2 key=${'b'.repeat(64)} sha256=${'c'.repeat(64)}\n`,
    '// warnings "forged"\n',
    'module.exports = "not the module";\n',
    '\r\n\t\u2028\u2029\u0000 ünïcödé 日本 😀\n',
    'no final newline',
  ].join('');

  test('module text and warnings read back exactly, whatever the warnings hold', () => {
    const dir = freshDir();
    expect(writeEntry(dir, KEY, CODE, tricky)).toBe(true);
    expect(readEntry(dir, KEY)).toEqual({ kind: 'hit', code: CODE, warnings: tricky });
  });

  test('the warnings take exactly one line of the file, however many lines they have', () => {
    const dir = freshDir();
    writeEntry(dir, KEY, CODE, tricky);
    const fileLines = fs.readFileSync(entryPath(dir, KEY), 'utf8').split('\n');
    expect(fileLines[0]).toMatch(/^\/\/ sctrace-cache-2 key=a{64} sha256=[0-9a-f]{64}$/);
    expect(fileLines[1]).toMatch(/^\/\/ warnings "/);
    expect(fileLines.slice(2).join('\n')).toBe(CODE);
    // U+2028/2029 end a line in JavaScript: escaped, so the .js file stays one comment per line.
    expect(fileLines[1]).not.toMatch(/[\u2028\u2029\r]/);
  });

  test('no warnings: the hit has no warnings field', () => {
    const dir = freshDir();
    writeEntry(dir, KEY, CODE);
    expect(readEntry(dir, KEY)).toEqual({ kind: 'hit', code: CODE });
    writeEntry(dir, KEY, CODE, '');
    expect(readEntry(dir, KEY)).toEqual({ kind: 'hit', code: CODE });
  });

  test('the checksum covers the warnings', () => {
    const dir = freshDir();
    writeEntry(dir, KEY, CODE, 'w.scml:1:1: warning: never used\n');
    const file = entryPath(dir, KEY);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('never used', 'NEVER USED'));
    expect(readEntry(dir, KEY)).toEqual({ kind: 'damaged', reason: 'checksum mismatch' });
    fs.writeFileSync(file, text.replace('// warnings', '// Warnings'));
    expect(readEntry(dir, KEY)).toEqual({ kind: 'damaged', reason: 'checksum mismatch' });
  });

  test('a warnings line that is not one JSON string is damaged, even with a matching checksum', () => {
    const dir = freshDir();
    for (const line of ['// warnings "unterminated\n', '// warnings 42\n', '// warnings ["a"]\n', '// warnings "a" "b"\n', '']) {
      forge(dir, KEY, 'sctrace-cache-2', line + CODE);
      expect(readEntry(dir, KEY)).toEqual({ kind: 'damaged', reason: 'no valid warnings line' });
    }
    forge(dir, KEY, 'sctrace-cache-2', '// warnings "ok"\n' + CODE); // the same, well formed
    expect(readEntry(dir, KEY)).toEqual({ kind: 'hit', code: CODE, warnings: 'ok' });
  });

  test('an entry of the old format (sctrace-cache-1) is not trusted', () => {
    const dir = freshDir();
    forge(dir, KEY, 'sctrace-cache-1', CODE);
    expect(readEntry(dir, KEY)).toEqual({ kind: 'damaged', reason: 'no valid header' });
  });
});

describe('writeAtomically temporary names', () => {
  test('temporaryTarget recognizes the names writeAtomically uses, and nothing else', () => {
    const dir = freshDir();
    const renamed: string[] = [];
    // The module object itself (not the import's copy), so writeAtomically sees the spy.
    const spy = jest.spyOn(require('node:fs') as typeof fs, 'renameSync').mockImplementation((from) => {
      renamed.push(path.basename(String(from)));
      throw new Error('simulated crash before the rename');
    });
    try {
      expect(() => writeAtomically(path.join(dir, `${KEY}.js`), 'x')).toThrow('simulated');
    } finally {
      spy.mockRestore();
    }
    expect(renamed).toHaveLength(1);
    expect(temporaryTarget(renamed[0])).toBe(`${KEY}.js`);
    for (const other of [`${KEY}.js`, 'notes.txt', `.${KEY}.js.tmp`, `.${KEY}.js.12.abcdefgh.tmp`, `${KEY}.js.12.abcdef01.tmp`]) {
      expect(temporaryTarget(other)).toBeNull();
    }
  });
});

describe('pruning', () => {
  const HOUR = 3600 * 1000;
  const NOW = Date.now();

  function hexName(i: number): string {
    return i.toString(16).padStart(64, '0') + '.js';
  }

  function make(dir: string, name: string, ageMs: number): void {
    fs.writeFileSync(path.join(dir, name), 'x');
    const t = new Date(NOW - ageMs);
    fs.utimesSync(path.join(dir, name), t, t);
  }

  test(`keeps the ${MAX_ENTRIES} most recently used entries and nothing but our names is touched`, () => {
    const dir = freshDir();
    for (let i = 0; i < 20; i++) make(dir, hexName(i), (i + 1) * 1000); // hexName(0) is the newest
    const foreign = [
      'notes.txt',
      'ABCDEF'.padEnd(64, '0') + '.js', // upper-case hex: not a name we make
      '0'.repeat(63) + '.js',
      hexName(99) + '.bak',
      `.${'e'.repeat(64)}.txt.1.abcdef01.tmp`, // our temporary pattern, but not for an entry
    ];
    for (const name of foreign) make(dir, name, 1000 * HOUR);
    fs.mkdirSync(path.join(dir, hexName(98))); // a folder with an entry's name
    fs.symlinkSync(path.join(dir, 'notes.txt'), path.join(dir, hexName(97))); // a link with one

    pruneEntries(dir, MAX_ENTRIES, NOW);

    const kept = Array.from({ length: MAX_ENTRIES }, (_, i) => hexName(i));
    expect(fs.readdirSync(dir).sort()).toEqual([...kept, ...foreign, hexName(98), hexName(97)].sort());
  });

  test('temporary files of crashed writers go once stale; a live writer keeps its own', () => {
    const dir = freshDir();
    const stale = `.${'1'.repeat(64)}.js.4242.0badf00d.tmp`;
    const live = `.${'2'.repeat(64)}.js.4243.c0ffee00.tmp`;
    make(dir, stale, 2 * HOUR);
    make(dir, live, 1000);
    pruneEntries(dir, MAX_ENTRIES, NOW);
    expect(fs.readdirSync(dir)).toEqual([live]);
  });

  test('a used entry (touched) outlives newer unused ones', () => {
    const dir = freshDir();
    for (let i = 0; i < 4; i++) make(dir, hexName(i), (i + 1) * 1000);
    writeEntry(dir, KEY, CODE);
    const old = new Date(NOW - 1000 * HOUR);
    fs.utimesSync(entryPath(dir, KEY), old, old);
    touchEntry(dir, KEY); // now: newer than all the others
    pruneEntries(dir, 2, NOW + HOUR);
    expect(fs.readdirSync(dir).sort()).toEqual([hexName(0), `${KEY}.js`].sort());
  });

  test('a missing folder or entry is no error', () => {
    const gone = path.join(tmp.dir, 'no-such-folder');
    expect(() => pruneEntries(gone)).not.toThrow();
    expect(() => touchEntry(gone, KEY)).not.toThrow();
  });
});
