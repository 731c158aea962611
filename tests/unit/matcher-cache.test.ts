/**
 * The cache entry format (module text plus the compiler's warnings, under one
 * checksum), in process.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { entryPath, readEntry, writeEntry } from '../../cli/matcher-cache';
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
