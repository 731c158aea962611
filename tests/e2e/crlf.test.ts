/**
 * A CRLF log through the built CLI (docs/behaviour.md sections 3 and 4): the
 * text output echoes each line with the `\r\n` it had, so it is the output
 * of the same log with LF ends, `\r` put back before each `\n`; with
 * --jobs 1, 2 and 4 alike (ranges forced tiny, as in parallel-jobs.test.ts).
 * JSON and JSONL carry each line without its end: the same bytes as for
 * the LF log.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ASTERINAS, LOGS, sctrace, useScratch, type RunResult } from './helpers';

const scratch = useScratch();

/** A real log with joined pairs, then an unreadable line and a call never resumed (echoed ` (incomplete)`). */
const LF = Buffer.concat([
  readFileSync(path.join(LOGS, 'python3_threads.log')),
  Buffer.from('this is not a call\n99999 bpf(BPF_PROG_LOAD,  <unfinished ...>\n', 'latin1'),
]);
const toCrlf = (b: Buffer): Buffer => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');

/** Run in a folder holding the log as `app.log` (so that reports name it alike), with `--jobs n`. */
function runOn(log: Buffer, folder: string, args: string[], jobs = 1): RunResult {
  const dir = path.join(scratch.dir, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'app.log'), log);
  return sctrace([ASTERINAS, ...args, '--jobs', String(jobs), '--input', 'app.log'], {
    cwd: dir,
    env: { ...scratch.env, SCTRACE_RANGE_BYTES: '4000', SCTRACE_PARALLEL_MIN_BYTES: '0' },
  });
}

test.each([['default', []], ['--quiet', ['--quiet']]])('%s: every echoed line keeps its CRLF, with --jobs 1, 2 and 4', (_name, args) => {
  const lf = runOn(LF, 'lf', args);
  expect(lf.status).toBe(0);
  // The run echoes calls (joined pairs among them), the unreadable line and the incomplete call, and says nothing else.
  expect(lf.err).toContain('Strace Parse Error: this is not a call\n');
  expect(lf.err).toContain(args.length === 0 ? '99999 bpf(BPF_PROG_LOAD,  <unfinished ...> (incomplete) (unsupported)\n'
    : 'Unsupported syscall: 99999 bpf(BPF_PROG_LOAD,  <unfinished ...> (incomplete)\n');
  expect(lf.err).not.toContain('sctrace:');
  for (const jobs of [1, 2, 4]) {
    const crlf = runOn(toCrlf(LF), 'crlf', args, jobs);
    expect(crlf.status).toBe(0);
    expect(crlf.stdout.equals(toCrlf(lf.stdout))).toBe(true);
    expect(crlf.stderr.equals(toCrlf(lf.stderr))).toBe(true);
  }
});

test.each([['--format json', ['--format', 'json']], ['--format jsonl', ['--format', 'jsonl', '--summary']]])(
  '%s: each line without its end, the same bytes as for the LF log', (_name, args) => {
    const lf = runOn(LF, 'lf', args);
    expect(lf.status).toBe(0);
    expect(lf.out).toContain('"text":"this is not a call"'.replace(/:/g, args[1] === 'json' ? ': ' : ':'));
    for (const jobs of [1, 4]) {
      const crlf = runOn(toCrlf(LF), 'crlf', args, jobs);
      expect([crlf.status, crlf.out, crlf.err]).toEqual([lf.status, lf.out, lf.err]);
    }
  });
