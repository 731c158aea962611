/**
 * A worker thread of a parallel run: loads the run's matcher module once
 * (from its file or its text: nothing is compiled again), then reads the
 * byte ranges the main thread sends, one at a time, and posts back each
 * range's result (read-range.ts). Jobs and replies: pool.ts.
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ModuleFailure, loadMatcherFrom } from '../load-module';
import { matcherFor } from '../match/kernel-call';
import { RangeClassifier } from './read-range';
import { readRange } from './ranges';
import type { RangeJob, RangeReply, WorkerMatcher } from './pool';

const CHUNK = 1 << 20;

const port = parentPort;
if (port === null) throw new Error('range-worker.js runs only as a worker thread');
const wanted = workerData as WorkerMatcher;
const loaded = loadMatcherFrom(wanted.origin);
const matcher = matcherFor(loaded, wanted.asPrinted);
const buf = Buffer.allocUnsafe(CHUNK);
let open: { path: string; fd: number } | null = null;

function fdOf(path: string): number {
  if (open?.path === path) return open.fd;
  if (open !== null) closeSync(open.fd);
  open = { path, fd: openSync(path, 'r') };
  return open.fd;
}

port.on('message', (job: RangeJob) => {
  let reply: RangeReply;
  try {
    const range = new RangeClassifier(matcher, { pid: job.pid, needs: job.needs, incomplete: !wanted.asPrinted, maxLine: wanted.maxLine });
    readRange(fdOf(job.path), job.start, job.end, buf, (bytes) => range.push(bytes));
    reply = { ok: true, result: range.finish(job.index, job.start) };
  } catch (err) {
    reply = err instanceof ModuleFailure
      ? { ok: false, index: job.index, error: err.message, moduleFailure: true }
      : { ok: false, index: job.index, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, reply.ok ? [reply.result.events.buffer as ArrayBuffer] : []);
});
