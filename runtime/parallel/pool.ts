/**
 * Worker threads for parallel runs, kept for the whole run (one start-up
 * cost, however many logs). run() checks one log file: its ranges go to
 * idle workers, results come back in any order and are replayed strictly in
 * log order. Memory stays bounded: at most `ahead` ranges are out (being
 * read, or read and waiting for an earlier one) at any time.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModuleFailure, type MatcherOrigin } from '../load-module';
import { DEFAULT_MAX_LINE_BYTES } from '../reader/line-splitter';
import { lineRanges, type ByteRange } from './ranges';
import type { CallsNeeded, RangeResult } from './range-result';

export interface RangeJob extends ByteRange {
  path: string;
  pid: number | null;
  needs: CallsNeeded;
}

/** What each worker loads: the run's matcher module, and which of its match functions the run uses. */
export interface WorkerMatcher {
  origin: MatcherOrigin;
  /** Use matchAsPrinted (`--as-printed`) instead of match. */
  asPrinted: boolean;
  /** Longest line read (`--max-line`); undefined: the reader's default. */
  maxLine?: number;
}

/** `moduleFailure`: the matcher module misbehaved (load-module.ts ModuleFailure); `error` is then the message for the user. */
export type RangeReply = { ok: true; result: RangeResult } | { ok: false; index: number; error: string; moduleFailure?: boolean };

export interface FileJob {
  /** The log, open (for finding the range cuts) and by path (each worker opens it for itself). */
  path: string;
  fd: number;
  size: number;
  rangeBytes: number;
  /** Workers to use (at most the pool's size). */
  workers: number;
  pid: number | null;
  needs: CallsNeeded;
}

/** Results waiting per worker: one being read plus one read ahead keeps every worker busy. */
const AHEAD_PER_WORKER = 2;
/**
 * A worker's young generation: V8's default lets each worker's heap grow
 * well past what a 4 MiB range needs. Measured on a 29 MB log, --jobs 2:
 * peak RSS 138 MB with the default, 123 MB with 8 MB, same CPU time.
 */
const WORKER_YOUNG_MB = 8;
/**
 * A worker's old generation: with V8's default limit (from the machine's
 * memory) each worker let garbage grow to some 40 MB before collecting it;
 * a lower limit makes V8 collect sooner. Measured on 300 MB, default
 * output, --jobs 2: peak RSS 269-289 MB with the default, 219-236 MB with
 * 256 or 384, 242 MB with 1024; 128 is no better, and 48 costs CPU. A
 * worker that needs more runs out of memory and fails the run, so the limit
 * leaves room for many pending calls and several copies of the longest
 * line (`--max-line`) a worker may hold.
 */
export function workerOldGenerationMb(maxLine: number | undefined): number {
  return Math.max(384, 8 * Math.ceil((maxLine ?? DEFAULT_MAX_LINE_BYTES) / (1 << 20)));
}

export class RangePool {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly matcher: WorkerMatcher,
    private readonly size: number,
  ) {}

  /**
   * Check one file: `replay` gets every range's result in log order. Ends
   * early, without error, once `stop` is aborted (checked after each replay).
   */
  run(job: FileJob, replay: (result: RangeResult) => void, stop?: AbortSignal): Promise<void> {
    const ranges = lineRanges(job.fd, job.size, job.rangeBytes);
    const count = Math.min(this.size, job.workers);
    while (this.workers.length < count) this.workers.push(this.spawn());
    const workers = this.workers.slice(0, count);
    const ahead = count * AHEAD_PER_WORKER;

    return new Promise<void>((resolve, reject) => {
      const waiting = new Map<number, RangeResult>();
      const idle = [...workers];
      let sent = 0;
      let replayed = 0;
      let exhausted = false;
      let done = false;

      const finish = (err?: unknown): void => {
        if (done) return;
        done = true;
        for (const w of workers) {
          w.removeListener('message', onMessage);
          w.removeListener('error', onError);
          w.removeListener('exit', onExit);
        }
        if (err === undefined) resolve();
        else reject(err);
      };
      const feed = (): void => {
        while (!exhausted && idle.length > 0 && sent - replayed < ahead) {
          const next = ranges.next();
          if (next.done === true) {
            exhausted = true;
            break;
          }
          const w = idle.pop() as Worker;
          const msg: RangeJob = { ...next.value, path: job.path, pid: job.pid, needs: job.needs };
          w.postMessage(msg);
          sent++;
        }
        if (exhausted && replayed === sent) finish();
      };
      const onMessage = function (this: Worker, reply: RangeReply): void {
        if (done) return;
        idle.push(this);
        if (!reply.ok) {
          finish(reply.moduleFailure === true ? new ModuleFailure(reply.error) : new Error(`worker failed on range ${reply.index}: ${reply.error}`));
          return;
        }
        waiting.set(reply.result.index, reply.result);
        try {
          for (let r = waiting.get(replayed); r !== undefined; r = waiting.get(replayed)) {
            waiting.delete(replayed);
            replay(r);
            replayed++;
            if (stop?.aborted) {
              finish();
              return;
            }
          }
        } catch (err) {
          finish(err);
          return;
        }
        feed();
      };
      const onError = (err: Error): void => finish(err);
      const onExit = (code: number): void => finish(new Error(`worker thread exited (${code})`));
      for (const w of workers) {
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
      }
      feed();
    });
  }

  /** Stop every worker (a range still being read is abandoned). */
  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const w = new Worker(path.join(__dirname, 'range-worker.js'), {
      workerData: this.matcher,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: workerOldGenerationMb(this.matcher.maxLine) },
    });
    // Between runs nobody listens; a failure then surfaces at the next run (or not at all).
    w.on('error', () => {});
    return w;
  }
}
