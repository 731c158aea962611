/**
 * Offline mode: check logs that strace already wrote (`--input`, `-` for
 * stdin). Every file is opened before any output, so a bad path fails
 * cleanly. Each log gets its own reader (its own pids and unfinished calls);
 * a `-ff` file such as `app.log.1234` gets pid 1234. Logs compressed with
 * gzip (files or stdin) are read through gunzip. A large log file is read
 * by several threads (runtime/parallel/), with the same output.
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { Classifier } from '../runtime/classify';
import type { MatcherOrigin } from '../runtime/load-module';
import { ParallelReplay } from '../runtime/parallel/replay';
import { planParallel } from '../runtime/parallel/plan';
import { RangePool } from '../runtime/parallel/pool';
import { rereader } from '../runtime/parallel/ranges';
import type { CallsNeeded } from '../runtime/parallel/range-result';
import { StraceReader, pidFromFfSuffix } from '../runtime/reader/index';
import { CliFailure, describeIoError } from './failure';
import type { Progress } from './progress';
import { CHUNK, NotALogGate, gunzipIfCompressed, isGzip, openLog, readLogFile, readStreamChunks } from './log-input';

/** What a run may use to read large logs in parallel. */
export interface ParallelOptions {
  /** Threads allowed (`--jobs`); 1 reads every log in this thread. */
  jobs: number;
  /** The matcher module's origin, for the workers to load it; undefined: no parallel run. */
  origin: MatcherOrigin | undefined;
  needs: CallsNeeded;
  /** Match with matchAsPrinted (`--as-printed`), as the classifier does. */
  asPrinted: boolean;
  /** Longest line read, in bytes (`--max-line`), in this thread and in the workers; default: the reader's. */
  maxLine?: number;
}

/**
 * Returns the number of lines read in all logs. When `stop` is aborted
 * (nobody reads the output any more), reading ends at the next chunk and
 * nothing more is reported: not the calls left unfinished, not empty logs.
 */
export async function checkLogs(
  inputs: string[],
  sink: Classifier,
  stop?: AbortSignal,
  parallel?: ParallelOptions,
  progress?: Progress,
): Promise<number> {
  let lines = 0;
  const fds = inputs.map((path) => (path === '-' ? -1 : openLog(path)));
  let pool: RangePool | null = null;
  try {
    for (let i = 0; i < inputs.length; i++) {
      const path = inputs[i];
      const label = path === '-' ? 'standard input' : path;
      // `app.log.1234.gz` (compressed after strace -ff) belongs to pid 1234 too.
      const pid = path === '-' ? null : pidFromFfSuffix(path.replace(/\.gz$/, ''));
      const plan = parallel?.origin === undefined || fds[i] < 0 ? null : parallelPlan(fds[i], path, parallel.jobs);
      if (plan !== null && parallel?.origin !== undefined) {
        pool ??= new RangePool({ origin: parallel.origin, asPrinted: parallel.asPrinted, maxLine: parallel.maxLine }, parallel.jobs);
        // The same gate as one thread's: a file with no call in it is refused whatever --jobs says.
        const gate = new NotALogGate(sink, label);
        const reread = rereader(fds[i]);
        const read = (offset: number, length: number): Buffer => {
          try {
            return reread(offset, length);
          } catch (err) {
            throw new CliFailure(`cannot read log ${path}: ${describeIoError(err)}`);
          }
        };
        const replay = new ParallelReplay(gate, read, pid, !parallel.asPrinted);
        try {
          await pool.run({ path, fd: fds[i], size: plan.size, rangeBytes: plan.rangeBytes, workers: plan.workers, pid, needs: parallel.needs },
            (result) => replay.replay(result), stop);
        } finally {
          closeSync(fds[i]);
        }
        if (stop?.aborted) {
          closeUnread(fds.slice(i + 1));
          break;
        }
        replay.end();
        gate.finish();
        lines += replay.lines;
        continue;
      }
      const gate = new NotALogGate(sink, label);
      // Calls strace never finished get a verdict (incomplete), except --as-printed: reported unreadable.
      const incomplete = parallel?.asPrinted !== true;
      const maxLine = parallel?.maxLine;
      const reader = new StraceReader(gate, { incomplete, ...(pid === null ? {} : { pid }), ...(maxLine === undefined ? {} : { maxLine }) });
      progress?.start(label, fds[i] < 0 ? null : regularSize(fds[i]));
      const push =
        progress === undefined
          ? (chunk: Buffer): void => reader.push(chunk)
          : (chunk: Buffer): void => {
              reader.push(chunk);
              progress.advance(chunk.length);
            };
      const bytes =
        fds[i] < 0
          ? await readStreamChunks(await gunzipIfCompressed(process.stdin, label), label, push, stop)
          : await readLogFile(fds[i], path, push, stop);
      if (stop?.aborted) {
        closeUnread(fds.slice(i + 1));
        break;
      }
      reader.end();
      gate.finish();
      lines += reader.stats.lines;
      if (bytes === 0) sink.notice(`${label} is empty: no system calls to check`);
    }
  } finally {
    await pool?.close();
  }
  return lines;
}

/**
 * The parallel plan for an open log, or null to read it in this thread: a
 * regular file (not a pipe or a terminal) large enough, and not gzip data
 * (read by the one-thread path, which knows compressed logs), and with no
 * binary byte (NUL) in its first chunk: a damaged log, or something that is
 * not a log at all, is read by the one-thread path, which decides whether
 * any of it reads (NotALogGate).
 */
function parallelPlan(fd: number, path: string, jobs: number): { size: number; workers: number; rangeBytes: number } | null {
  let size: number;
  let first: Buffer;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    size = st.size;
    const plan = planParallel(size, jobs);
    if (plan === null) return null;
    first = Buffer.allocUnsafe(Math.min(CHUNK, size));
    first = first.subarray(0, readSync(fd, first, 0, first.length, 0));
    if (isGzip(first) || first.indexOf(0) !== -1) return null;
    return { size, ...plan };
  } catch (err) {
    if (err instanceof CliFailure) throw err;
    throw new CliFailure(`cannot read log ${path}: ${describeIoError(err)}`);
  }
}

/** The size of a regular file, for the progress line; null for a pipe or a terminal. */
function regularSize(fd: number): number | null {
  try {
    const st = fstatSync(fd);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** Logs opened up front but never read (stdin, -1, is left alone). */
function closeUnread(fds: number[]): void {
  for (const fd of fds) if (fd >= 0) closeSync(fd);
}
