/**
 * How many threads a run gets (runtime/parallel/plan.ts): --jobs when given
 * (at most the CPUs);
 * by default every CPU only when the main thread reports the unsupported
 * calls alone, since replaying every call in the main thread made two
 * workers slower than one thread.
 */
import { PARALLEL_MIN_BYTES, jobsFor, planParallel } from '../../runtime/parallel/plan';

describe('jobsFor', () => {
  test('an explicit --jobs is obeyed whatever the output needs', () => {
    expect(jobsFor(4, 'all', 8)).toBe(4);
    expect(jobsFor(1, 'unsupported', 8)).toBe(1);
  });

  test('an explicit --jobs gets at most the CPUs (a worker costs memory and more cannot read faster), at least 2', () => {
    expect(jobsFor(4, 'all', 2)).toBe(2);
    expect(jobsFor(64, 'unsupported', 8)).toBe(8);
    expect(jobsFor(2, 'all', 1)).toBe(2);
    expect(jobsFor(3, 'all', 1)).toBe(2);
  });

  test('by default: every CPU for --quiet, one thread when every call is reported', () => {
    expect(jobsFor(undefined, 'unsupported', 8)).toBe(8);
    expect(jobsFor(undefined, 'all', 8)).toBe(1);
  });
});

describe('planParallel', () => {
  test('one thread below the size threshold or with one job; ranges of the log above it', () => {
    expect(planParallel(PARALLEL_MIN_BYTES - 1, 2, {})).toBeNull();
    expect(planParallel(PARALLEL_MIN_BYTES * 4, 1, {})).toBeNull();
    const plan = planParallel(PARALLEL_MIN_BYTES * 4, 2, {});
    expect(plan?.workers).toBe(2);
    expect(planParallel(1000, 8, { SCTRACE_PARALLEL_MIN_BYTES: '0', SCTRACE_RANGE_BYTES: '500' })).toEqual({ workers: 2, rangeBytes: 500 });
  });
});
