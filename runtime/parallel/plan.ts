/**
 * How many threads a run and a log get. Below PARALLEL_MIN_BYTES one
 * thread is faster: starting workers and loading the matcher module in each
 * costs more than they save (measured: see the README's Speed section).
 */
import type { CallsNeeded } from './range-result';

/**
 * Smallest log read in parallel. Starting a worker and loading the matcher
 * module in it costs about 50 ms of CPU (measured: a tiny log forced
 * parallel, 0.15 s user against 0.10 s); one thread checks about 100 MB/s,
 * so below some 10 MB workers cannot win that back on 2 cores. 16 MiB keeps
 * a margin (small logs must never get slower).
 */
export const PARALLEL_MIN_BYTES = 16 << 20;
/** Range size: large enough that per-range costs vanish, small enough to keep every worker busy and memory low. */
export const RANGE_BYTES = 4 << 20;

/**
 * Threads for a run: `--jobs` when given, but never more than the CPUs (at
 * least 2, so that an explicit --jobs 2 reads in parallel anywhere): each
 * worker costs some 45 MB and more workers than CPUs read no faster
 * (measured on 2 cores, 300 MB corpus, every call reported: 4 workers took
 * 401 MB, 2 workers 269 MB). Else every CPU when the main thread reports
 * only the unsupported calls (`--quiet`), and one thread when it reports
 * every call. Measured on 2 cores, 203 MB corpus, Asterinas rules: with
 * every call reported, two workers were slower than one thread (default
 * output 2.3 s against 3.0 s, --explain 4.9 s against 5.6 s, --quiet
 * --summary 4.6 s against 5.4 s), because the main thread replays every
 * call; with --quiet they were faster (1.83 s against 1.74 s).
 */
export function jobsFor(requested: number | undefined, needs: CallsNeeded, cpus: number): number {
  if (requested !== undefined) return Math.min(requested, Math.max(2, cpus));
  return needs === 'unsupported' ? cpus : 1;
}

export interface ParallelPlan {
  workers: number;
  rangeBytes: number;
}

/**
 * The plan for a log of `size` bytes with `jobs` threads allowed, or null
 * for one thread. Two hidden knobs, for tests that need range edges inside
 * small logs: SCTRACE_RANGE_BYTES and SCTRACE_PARALLEL_MIN_BYTES.
 */
export function planParallel(size: number, jobs: number, env: NodeJS.ProcessEnv = process.env): ParallelPlan | null {
  const rangeBytes = knob(env.SCTRACE_RANGE_BYTES) ?? RANGE_BYTES;
  const minBytes = knob(env.SCTRACE_PARALLEL_MIN_BYTES) ?? PARALLEL_MIN_BYTES;
  if (jobs <= 1 || size === 0 || size < minBytes) return null;
  return { workers: Math.min(jobs, Math.ceil(size / rangeBytes)), rangeBytes };
}

function knob(value: string | undefined): number | null {
  if (value === undefined || !/^[0-9]+$/.test(value)) return null;
  return Number(value);
}
