/**
 * `--jobs`: the CLI's output, byte for byte, and its exit status are the
 * same with 1, 2 and 4 threads, on every test log and in every output mode.
 * Ranges are forced tiny (SCTRACE_RANGE_BYTES) and the size threshold off
 * (SCTRACE_PARALLEL_MIN_BYTES), so every log is read in parallel with range
 * edges inside unfinished/resumed pairs; all logs go in one run per mode (a
 * parallel run per log, line numbers starting again in each).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { testLogs } from '../parallel/helpers';
import { ASTERINAS, LOGS, SCTRACE, sctrace, useScratch, type RunResult } from './helpers';

const scratch = useScratch();
const inputs = (): string[] => testLogs(LOGS).flatMap(({ file }) => ['--input', file]);

const MODES: [string, string[]][] = [
  ['default', []],
  ['--quiet', ['--quiet']],
  ['--quiet --fail-on-unsupported', ['--quiet', '--fail-on-unsupported']],
  ['--as-printed --quiet', ['--as-printed', '--quiet']],
  ['--explain --summary --coverage', ['--explain', '--summary', '--coverage']],
  ['--format json', ['--format', 'json']],
  ['--format jsonl --summary', ['--format', 'jsonl', '--summary']],
];

function runJobs(jobs: number, args: string[], rangeBytes: number): RunResult {
  return sctrace([ASTERINAS, ...args, '--jobs', String(jobs)], {
    env: { ...scratch.env, SCTRACE_RANGE_BYTES: String(rangeBytes), SCTRACE_PARALLEL_MIN_BYTES: '0' },
  });
}

test.each(MODES)('%s: same bytes and status with --jobs 1, 2 and 4', (_name, mode) => {
  const args = [...mode, ...inputs()];
  const one = runJobs(1, args, 1500);
  expect(one.err).not.toMatch(/internal error/);
  for (const [jobs, rangeBytes] of [[2, 1500], [4, 700]]) {
    const many = runJobs(jobs, args, rangeBytes);
    expect({ status: many.status, err: many.err }).toEqual({ status: one.status, err: one.err });
    expect(many.stdout.equals(one.stdout)).toBe(true);
  }
});

test('--suggest-scml: the same file with --jobs 1 and 4', () => {
  const written = [1, 4].map((jobs) => {
    const file = path.join(scratch.dir, `suggested-${jobs}.scml`);
    const r = runJobs(jobs, ['--quiet', '--suggest-scml', file, ...inputs()], 900);
    expect(r.status).toBe(0);
    return [r.err.replace(file, 'FILE'), readFileSync(file, 'latin1')];
  });
  expect(written[1]).toEqual(written[0]);
});

test('--html and --label: the same page and report with --jobs 1 and 4', () => {
  const written = [1, 4].map((jobs) => {
    const file = path.join(scratch.dir, `page-${jobs}.html`);
    const r = runJobs(jobs, ['--format', 'json', '--label', 'all-logs', '--html', file, ...inputs()], 900);
    expect(r.status).toBe(0);
    return [r.out, r.err.split(file).join('FILE'), readFileSync(file, 'latin1')];
  });
  expect(written[1]).toEqual(written[0]);
});

test('a log under the size threshold, --jobs 8: the same output as --jobs 1', () => {
  const log = path.join(LOGS, 'ls.log');
  const a = sctrace([ASTERINAS, '--input', log, '--jobs', '1'], { env: scratch.env });
  const b = sctrace([ASTERINAS, '--input', log, '--jobs', '8'], { env: scratch.env });
  expect([b.status, b.out, b.err]).toEqual([a.status, a.out, a.err]);
});

test('--jobs takes a whole number from 1', () => {
  for (const bad of ['0', 'two', '-1', '1.5']) {
    const r = sctrace([ASTERINAS, '--input', path.join(LOGS, 'ls.log'), `--jobs=${bad}`], { env: scratch.env });
    expect(r.status).toBe(2);
    expect(r.err).toContain('--jobs must be a whole number');
  }
});

test('--quiet --jobs 2, stderr closed after its first chunk: exit 141, as with one thread', async () => {
  const big = path.join(scratch.dir, 'big.log');
  const one = readFileSync(path.join(LOGS, 'git.log'));
  writeFileSync(big, Buffer.concat(Array<Buffer>(64).fill(one)));
  const child = spawn(process.execPath, [SCTRACE, ASTERINAS, '--quiet', '--jobs', '2', '--input', big], {
    env: { ...scratch.env, SCTRACE_RANGE_BYTES: String(1 << 20) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let taken = 0;
  child.stderr!.once('data', (chunk: Buffer) => {
    taken = chunk.length;
    child.stderr!.destroy();
  });
  const out: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  expect(status).toBe(141);
  expect(taken).toBeGreaterThan(0);
  expect(Buffer.concat(out).length).toBe(0);
});
