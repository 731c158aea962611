/**
 * The same answer with any --jobs, on input that is not a log too (issue:
 * 20 MB of base64 text was a report with --jobs 2 and "not an strace log"
 * with --jobs 1), and on a log with a line over the length limit.
 */
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLE_LOG, sctrace, testEnv } from '../e2e/helpers';

/** A file just over 16 MiB (the smallest read in parallel) of random text in base64 lines, written in pieces. */
function randomText(file: string, seed: number): void {
  const fd = openSync(file, 'w');
  let x = seed >>> 0;
  const piece = Buffer.alloc(3 << 20);
  try {
    for (let written = 0; written < (17 << 20);) {
      for (let i = 0; i < piece.length; i += 4) {
        x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; // xorshift32
        piece.writeUInt32LE(x, i);
      }
      const text = piece.toString('base64').replace(/(.{76})/g, '$1\n');
      written += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

describe('--jobs 1 and --jobs 2 give the same bytes', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sctrace-jobs-'));
    randomText(path.join(dir, 'junk.log'), 21);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (): NodeJS.ProcessEnv => testEnv(path.join(dir, 'cache'));

  test.each([[[] as string[]], [['-q']], [['--format', 'json']]])('random text over 16 MiB %j: refused (exit 1) either way', (extra) => {
    const junk = path.join(dir, 'junk.log');
    const one = sctrace(['-m', 'asterinas', ...extra, '--jobs', '1', '--input', junk], { env: env() });
    const two = sctrace(['-m', 'asterinas', ...extra, '--jobs', '2', '--input', junk], { env: env() });
    expect(one.status).toBe(1);
    expect(one.err).toMatch(/is not an strace log/);
    expect(two.status).toBe(one.status);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(two.stderr.equals(one.stderr)).toBe(true);
  }, 60_000);

  test('a log with a line over the limit between real calls, in ranges', () => {
    const log = path.join(dir, 'long.log');
    const real = readFileSync(EXAMPLE_LOG);
    const fd = openSync(log, 'w');
    writeSync(fd, real);
    writeSync(fd, `1 write(1, "${'q'.repeat(300_000)}", 5) = 5\n`);
    writeSync(fd, real);
    closeSync(fd);
    const knobs = { SCTRACE_PARALLEL_MIN_BYTES: '0', SCTRACE_RANGE_BYTES: '50000' };
    const args = ['-m', 'asterinas', '--max-line', '100000', '--input', log];
    const one = sctrace([...args, '--jobs', '1'], { env: testEnv(path.join(dir, 'cache'), knobs) });
    const two = sctrace([...args, '--jobs', '2'], { env: testEnv(path.join(dir, 'cache'), knobs) });
    expect(one.status).toBe(0);
    expect(one.err).toContain('[a line of 300021 bytes, over the limit of 100000 (--max-line)]');
    expect(two.status).toBe(0);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(two.stderr.equals(one.stderr)).toBe(true);
  });
});
