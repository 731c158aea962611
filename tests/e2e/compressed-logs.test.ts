/**
 * Compressed logs: a log that starts with gzip's magic bytes is read through
 * gunzip, from a file (whatever its name) or from stdin, and the output is
 * byte for byte what the plain log gives. Damaged gzip data is a failure
 * that names the log.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOGS, type RunResult, sctrace, useScratch } from './helpers';

const scratch = useScratch();
const LOG = path.join(LOGS, 'python3_subprocess.log');

function same(a: RunResult, b: RunResult): void {
  expect(a.status).toBe(b.status);
  expect(a.stdout.equals(b.stdout)).toBe(true);
  expect(a.stderr.equals(b.stderr)).toBe(true);
}

function gzipped(name: string, bytes: Buffer): string {
  const file = path.join(scratch.dir, name);
  writeFileSync(file, gzipSync(bytes));
  return file;
}

test('--input app.log.gz prints what the plain log prints, with every option that reads lines', () => {
  const file = gzipped('app.log.gz', readFileSync(LOG));
  for (const extra of [[], ['-q'], ['--explain', '--summary'], ['--format', 'jsonl']]) {
    const plain = sctrace(['--matchers', 'asterinas', ...extra, '--input', LOG], { env: scratch.env });
    expect(plain.out.length + plain.err.length).toBeGreaterThan(1000);
    same(sctrace(['--matchers', 'asterinas', ...extra, '--input', file], { env: scratch.env }), plain);
  }
});

test('detected by its bytes, not its name; plain logs named .gz are read as they are', () => {
  const plain = sctrace(['--matchers', 'asterinas', '--input', LOG], { env: scratch.env });
  same(sctrace(['--matchers', 'asterinas', '--input', gzipped('trace.txt', readFileSync(LOG))], { env: scratch.env }), plain);
  const misnamed = path.join(scratch.dir, 'plain.log.gz');
  writeFileSync(misnamed, readFileSync(LOG));
  same(sctrace(['--matchers', 'asterinas', '--input', misnamed], { env: scratch.env }), plain);
});

test('gzip on stdin, also several gzip members one after another (cat a.gz b.gz)', () => {
  const bytes = readFileSync(LOG);
  const plain = sctrace(['--matchers', 'asterinas', '--input', '-'], { env: scratch.env, input: bytes });
  same(sctrace(['--matchers', 'asterinas', '--input', '-'], { env: scratch.env, input: gzipSync(bytes) }), plain);
  const half = bytes.lastIndexOf('\n', bytes.length >> 1) + 1;
  const members = Buffer.concat([gzipSync(bytes.subarray(0, half)), gzipSync(bytes.subarray(half))]);
  same(sctrace(['--matchers', 'asterinas', '--input', '-'], { env: scratch.env, input: members }), plain);
});

test('a -ff log compressed afterwards (app.log.1234.gz) still belongs to pid 1234', () => {
  const ff = path.join(LOGS, 'variants', 'ff_subprocess', 'subprocess.11422');
  const plain = sctrace(['--matchers', 'asterinas', '--format', 'jsonl', '--input', ff], { env: scratch.env });
  const file = gzipped('subprocess.11422.gz', readFileSync(ff));
  const r = sctrace(['--matchers', 'asterinas', '--format', 'jsonl', '--input', file], { env: scratch.env });
  same(r, plain);
  expect(r.out).toContain('"pid":11422');
});

test('an empty log, compressed, is reported as empty; tiny inputs are not mistaken for gzip', () => {
  const empty = sctrace(['--matchers', 'asterinas', '--input', gzipped('empty.log.gz', Buffer.alloc(0))], { env: scratch.env });
  expect(empty.status).toBe(0);
  expect(empty.err).toContain('empty.log.gz is empty: no system calls to check');
  // A first byte of gzip's magic, then a line end and a call (a log none of which reads is refused).
  const one = sctrace(['--matchers', 'asterinas', '--input', '-'], { env: scratch.env, input: Buffer.from('\x1f\nclose(3) = 0\n', 'latin1') });
  expect(one.status).toBe(0);
  expect(one.err).toBe('Strace Parse Error: \x1f\n');
});

test('damaged or truncated gzip data fails with status 1 and names the log', () => {
  const whole = gzipSync(readFileSync(LOG));
  const truncated = path.join(scratch.dir, 'truncated.log.gz');
  writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
  const r = sctrace(['--matchers', 'asterinas', '-q', '--input', truncated], { env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.err).toMatch(/sctrace: cannot read log .*truncated\.log\.gz: gzip data ends too early \(truncated file\?\)\n$/);
  const garbage = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(64, 0x41)]);
  const bad = sctrace(['--matchers', 'asterinas', '--input', '-'], { env: scratch.env, input: garbage });
  expect(bad.status).toBe(1);
  expect(bad.err).toMatch(/^sctrace: cannot read log standard input: damaged gzip data \(.+\)\n$/);
});
