/**
 * The main thread's reads of a log by offset (runtime/parallel/ranges.ts
 * rereader): the bytes asked for, whatever was read before (one buffer is
 * reused), and an error, not short data, when the file no longer has them.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { rereader } from '../../runtime/parallel/ranges';

describe('rereader', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sctrace-reread-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('gives the bytes at any offset, small or large reads in any order', () => {
    const file = path.join(dir, 'log');
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff));
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    try {
      const read = rereader(fd);
      for (const [offset, length] of [[0, 10], [100_000, 200_000], [5, 3], [299_990, 10], [0, 300_000], [1234, 1]]) {
        expect(read(offset, length).equals(bytes.subarray(offset, offset + length))).toBe(true);
      }
    } finally {
      closeSync(fd);
    }
  });

  test('bytes past the end of the file (it shrank): an error that says so', () => {
    const file = path.join(dir, 'short');
    writeFileSync(file, 'abc\n');
    const fd = openSync(file, 'r');
    try {
      expect(() => rereader(fd)(2, 10)).toThrow('the log shrank while it was read (8 bytes missing at 4)');
    } finally {
      closeSync(fd);
    }
  });
});
