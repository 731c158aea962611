/**
 * Memory stays bounded whatever the input (issue: a line with no end grew
 * without limit: 18.8 GB from /dev/zero after 60 s, a crash past 512 MB).
 * Bounds measured on the child process, not guessed.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOGS } from '../e2e/helpers';
import { measure, writeRepeated } from './helpers';

const GB = 1 << 30;
const BOUND_MB = 256;
const CALL = '1 getpid() = 42\n';

describe('bounded memory', () => {
  test('1 GiB of a line without an end through stdin: reported by its first bytes and length, under 256 MB', async () => {
    const r = await measure(['-m', 'asterinas', '--input', '-'], async (write) => {
      await write(Buffer.from(CALL));
      await write(Buffer.from('1 write(1, "'));
      await writeRepeated(write, 0x61, GB);
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CALL);
    const bytes = GB + '1 write(1, "'.length;
    expect(r.stderr).toBe(`Strace Parse Error: 1 write(1, "${'a'.repeat(256 - 12)}... [a line of ${bytes} bytes, over the limit of 16777216 (--max-line)]\n`);
    expect(r.peakMb).toBeLessThan(BOUND_MB);
  }, 180_000);

  test('a gzip bomb (1 GiB of zeros) is read in bounded memory and refused as not a log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sctrace-bomb-'));
    try {
      // gzip members may be concatenated (RFC 1952): 1024 members of 1 MiB of zeros each.
      const member = gzipSync(Buffer.alloc(1 << 20), { level: 1 });
      const bomb = path.join(dir, 'bomb.log.gz');
      writeFileSync(bomb, Buffer.concat(Array.from({ length: 1024 }, () => member)));
      const r = await measure(['-m', 'asterinas', '-q', '--input', bomb]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`sctrace: ${bomb} is not an strace log (none of its lines reads as strace output); make one with: strace -yy -f -o LOG <program>\n`);
      expect(r.peakMb).toBeLessThan(BOUND_MB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  test('--jobs 2 with every call reported (jsonl), on a log of 100+ MB: under 256 MB, the same bytes as --jobs 1', async () => {
    // Workers once sent each call's text to the main thread: 332 MB of peak RSS on a 300 MB log (issue 18).
    const dir = mkdtempSync(path.join(tmpdir(), 'sctrace-jobs-rss-'));
    try {
      const logs = readdirSync(LOGS).filter((f) => f.endsWith('.log')).sort().map((f) => readFileSync(path.join(LOGS, f)));
      const log = path.join(dir, 'big.log');
      const fd = openSync(log, 'w');
      let size = 0;
      try {
        while (size < 100e6) for (const b of logs) size += writeSync(fd, b);
      } finally {
        closeSync(fd);
      }
      const args = ['-m', 'asterinas', '--format', 'jsonl', '--input', log];
      const two = await measure([...args, '--jobs', '2']);
      const one = await measure([...args, '--jobs', '1']);
      expect(one.status).toBe(0);
      expect(two.status).toBe(0);
      expect(two.stdoutSha256).toBe(one.stdoutSha256);
      expect(two.stderrSha256).toBe(one.stderrSha256);
      expect(two.stdout.length).toBeGreaterThan(1000);
      expect(two.peakMb).toBeLessThan(BOUND_MB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  test('--max-line sets the limit; a size it cannot take is a usage error', async () => {
    const line = `1 write(1, "${'b'.repeat(2000)}", 2000) = 2000`;
    const r = await measure(['-m', 'asterinas', '--max-line', '1K', '--input', '-'], async (write) => write(Buffer.from(`${CALL}${line}\n${CALL}`)));
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CALL + CALL);
    expect(r.stderr).toContain(`[a line of ${line.length} bytes, over the limit of 1024 (--max-line)]`);
    const bad = await measure(['-m', 'asterinas', '--max-line', 'lots', '--input', '-']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--max-line must be a size from 64 bytes to 1G (e.g. 65536, 512K, 16M), not 'lots'");
  });
});
