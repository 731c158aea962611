/**
 * Judging one rerun against the baseline, and checking in its own log that
 * it refused what it should: every `(INJECTED)` call must be a call of the
 * gap (the rules refuse it), and every call of the gap must be refused.
 */
import type { ProbeResult } from '../runtime/report/app-verdict';
import type { Rerun } from './injection';
import type { ObservedCall } from './observe';
import type { Outcome } from './run';

/** What a rerun is compared with. */
export interface Reference {
  status: number;
  /** The baselines' stdout digest; null when the two differed (exit status alone is compared). */
  stdoutDigest: string | null;
  /** With --check: the user's test decides, not the exit status. */
  byCheck: boolean;
  /** Set when the baselines cannot be judged against (their exit statuses differ): every verdict is unstable. */
  unstable: string | null;
}

/** `checkStatus`: the --check command's status after the rerun, or null without --check. */
export function judge(rerun: Rerun, outcome: Outcome, calls: readonly ObservedCall[], ref: Reference, checkStatus: number | null): ProbeResult {
  let refused = 0;
  let wrongRefusals = 0;
  let missed = 0;
  let made = 0;
  for (const call of calls) {
    const ofGap = call.gaps.includes(rerun.gap);
    if (ofGap) made++;
    if (call.injected && ofGap) refused++;
    else if (call.injected) wrongRefusals++;
    else if (ofGap) missed++;
  }
  const result = (verdict: ProbeResult['verdict'], difference: string | null): ProbeResult => ({
    gap: rerun.gap,
    mode: rerun.mode,
    inject: rerun.inject,
    verdict,
    exact: refused > 0 && wrongRefusals === 0 && missed === 0,
    refused,
    baselineCalls: rerun.baselineCalls,
    wrongRefusals,
    missed,
    status: outcome.status,
    difference,
  });
  if (ref.unstable !== null) return result('unstable', ref.unstable);
  // Stopped before it got there: whether it would have is unknown.
  if (outcome.timedOut && made === 0) return result('unstable', 'timed out before making the call (raise --timeout)');
  if (made === 0 && wrongRefusals === 0) return result('not reached', null);
  if (refused === 0) {
    return result('unstable', `none of its ${made} calls was refused: the rerun's calls did not line up with the baseline's`);
  }
  const difference = firstDifference(outcome, ref, checkStatus);
  return result(difference === null ? 'tolerated' : 'fatal', difference);
}

/** null when the run worked as the baseline did. */
function firstDifference(outcome: Outcome, ref: Reference, checkStatus: number | null): string | null {
  const stderr = outcome.lastStderrLine === '' ? '' : `; stderr: ${outcome.lastStderrLine}`;
  if (outcome.timedOut) return `timed out${stderr}`;
  if (ref.byCheck) return checkStatus === 0 ? null : `--check failed (status ${checkStatus})${stderr}`;
  if (outcome.status !== ref.status) return `exit status ${outcome.status}, baseline ${ref.status}${stderr}`;
  if (ref.stdoutDigest !== null && outcome.stdoutDigest !== ref.stdoutDigest) return `stdout differs${stderr}`;
  return null;
}

/** `refused all 3`, `refused 1 (all it made; baseline 5)`, `refused 2 of 5, 3 not refused`. */
export function refusalText(r: ProbeResult): string {
  const parts: string[] = [];
  const made = r.refused + r.missed;
  if (r.missed === 0 && r.refused > 0) {
    parts.push(r.refused >= r.baselineCalls ? `refused all ${r.refused}` : `refused ${r.refused} (all it made; baseline ${r.baselineCalls})`);
  } else if (made > 0) {
    parts.push(`refused ${r.refused} of ${made}`);
  }
  if (r.wrongRefusals > 0) parts.push(`also refused ${r.wrongRefusals} other call${r.wrongRefusals === 1 ? '' : 's'}`);
  return parts.join(', ');
}
