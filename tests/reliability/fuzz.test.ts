/**
 * Damaged logs, made by mutating the test logs with a seeded generator:
 * never a stack trace, exit status 0 or 1, and the same bytes on stdout and
 * stderr with --jobs 1 and --jobs 2 (ranges forced small, so that every
 * mutation lands near range edges).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOGS, sctrace, testEnv, useScratch } from '../e2e/helpers';

const scratch = useScratch();
/** More with SCTRACE_FUZZ_CASES=N (a longer hunt). */
const CASES = Number(process.env.SCTRACE_FUZZ_CASES ?? 16);

/** xorshift32: the same mutations on every run (a failure names its seed). */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

const SNIPPETS = ['\r\n', '\0', '\n', ' <unfinished ...>\n', '<... read resumed>', ' = -1 ENOENT', '"', '{', '[', ')', '\x1b[31m', '+++ exited with 0 +++\n', '--- SIGCHLD {si_signo=SIGCHLD} ---\n', 'é', '\xff\xfe'];

/** One log, changed in 1 to 12 places. */
function mutate(log: Buffer, other: Buffer, next: (n: number) => number): Buffer {
  let b = log;
  const edits = 1 + next(12);
  for (let i = 0; i < edits; i++) {
    const at = next(b.length + 1);
    switch (next(6)) {
      case 0: { // flip a byte
        const c = Buffer.from(b);
        if (c.length > 0) c[Math.min(at, c.length - 1)] = next(256);
        b = c;
        break;
      }
      case 1: // insert a snippet
        b = Buffer.concat([b.subarray(0, at), Buffer.from(SNIPPETS[next(SNIPPETS.length)], 'latin1'), b.subarray(at)]);
        break;
      case 2: // delete a span
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + next(400)))]);
        break;
      case 3: { // splice in a span of another log
        const from = next(other.length);
        b = Buffer.concat([b.subarray(0, at), other.subarray(from, from + next(2000)), b.subarray(at)]);
        break;
      }
      case 4: // a long line
        b = Buffer.concat([b.subarray(0, at), Buffer.alloc(next(20000), 0x61 + next(26)), b.subarray(at)]);
        break;
      default: // cut the log short
        b = b.subarray(0, Math.max(at, b.length >> 1));
    }
  }
  return b;
}

describe('fuzzed logs', () => {
  const logs = readdirSync(LOGS).filter((n) => n.endsWith('.log')).sort().map((n) => readFileSync(path.join(LOGS, n)));

  test(`${CASES} mutated logs: no stack trace, exit 0 or 1, same output with --jobs 1 and 2`, () => {
    const env = testEnv(path.join(scratch.dir, 'cache'), { SCTRACE_PARALLEL_MIN_BYTES: '0', SCTRACE_RANGE_BYTES: '3000' });
    for (let seed = 1; seed <= CASES; seed++) {
      const next = rng(seed * 7919);
      const log = mutate(logs[next(logs.length)], logs[next(logs.length)], next);
      const file = path.join(scratch.dir, `fuzz-${seed}.log`);
      writeFileSync(file, log);
      const extra = [[], ['-q'], ['--format', 'jsonl'], ['--explain'], ['--max-line', '8K']][seed % 5];
      const one = sctrace(['-m', 'asterinas', ...extra, '--jobs', '1', '--input', file], { env });
      const two = sctrace(['-m', 'asterinas', ...extra, '--jobs', '2', '--input', file], { env });
      const where = `seed ${seed} (${file}, ${extra.join(' ')})`;
      expect([0, 1]).toContain(one.status);
      expect(one.err).not.toMatch(/internal error|\n\s+at /);
      expect([where, two.status]).toEqual([where, one.status]);
      expect([where, two.stdout.equals(one.stdout)]).toEqual([where, true]);
      expect([where, two.stderr.equals(one.stderr)]).toEqual([where, true]);
    }
  }, 120_000);
});
