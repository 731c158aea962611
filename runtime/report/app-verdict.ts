/**
 * The one answer every single-app report ends with: is the app supported,
 * or blocked, and by which gaps. A gap the app was seen to tolerate does not
 * block it: "runs on an OS that refuses the K gaps it tolerates; needs M".
 * Seen with probe results (`sctrace probe`: it ran as in the baseline while
 * every call of the gap was refused), or in the log itself (every call of
 * the gap failed on Linux too and the program went on). The probe results
 * are data here; making them is probe/'s job.
 */
import type { AppGap } from './app-gaps';
import { gapTitle } from './app-gaps';

export type GapVerdict = 'tolerated' | 'fatal' | 'not reached' | 'unstable';

/** How a rerun refused the gap's calls: ENOSYS (stub), return 0 without running (fake), EINVAL (refuse). */
export type ProbeMode = 'stub' | 'fake' | 'refuse';

export interface ProbeResult {
  gap: string;
  mode: ProbeMode;
  /** The strace `-e inject=` spec used. */
  inject: string;
  verdict: GapVerdict;
  /** Every call of the gap the rerun made was refused, and no other call. */
  exact: boolean;
  /** Calls of the gap the rerun refused. */
  refused: number;
  /** Calls of the gap in the baseline. */
  baselineCalls: number;
  /** Calls the rerun refused that the rules allow (or refuse for another gap). */
  wrongRefusals: number;
  /** Calls of the gap the rerun made and did not refuse. */
  missed: number;
  /** The rerun's exit status. */
  status: number;
  /** For fatal and unstable: the first difference from the baseline. */
  difference: string | null;
}

export interface ProbeSection {
  command: string[];
  /** Runs of the program in all: 2 baselines and one per rerun. */
  runs: number;
  check: string | null;
  setup: string | null;
  /** Seconds per run; 0: none. */
  timeout: number;
  baseline: {
    /** Exit statuses of the two baseline runs. */
    statuses: number[];
    /** Both wrote the same stdout: reruns are compared on it too. */
    outputCompared: boolean;
    /** What was compared, or why nothing could be judged. */
    note: string;
  };
  results: ProbeResult[];
}

export interface AppVerdict {
  status: 'supported' | 'blocked';
  /** Gaps that block the app: every gap, less the ones it tolerates. */
  needs: string[];
  /** Gaps the app was seen to tolerate. */
  tolerated: string[];
}

/**
 * Whether a probe shows the app tolerating the gap: the rerun that refuses
 * like an OS without it (ENOSYS for a syscall with no rule, EINVAL for the
 * rest) ran as the baseline did, with exactly the gap's calls refused.
 */
export function toleratedBy(results: readonly ProbeResult[], gap: string): boolean {
  return results.some((r) => r.gap === gap && r.mode !== 'fake' && r.verdict === 'tolerated' && r.exact);
}

/**
 * Whether the log itself shows the app surviving the gap's refusal, as an OS
 * without it would refuse: every call failed on Linux and the thread went on
 * (AppGap.failedOnLinux). A syscall with no rule fails with ENOSYS on such an
 * OS, so only ENOSYS counts for it; surviving EINVAL says nothing about ENOSYS.
 */
export function toleratedOnLinux(gap: AppGap): boolean {
  const errnos = gap.failedOnLinux;
  if (errnos === undefined || errnos.length === 0) return false;
  return gap.kind !== 'no-rule' || errnos.every((e) => e === 'ENOSYS');
}

export function appVerdict(blockers: readonly AppGap[], probe: ProbeSection | null): AppVerdict {
  const tolerated = blockers.filter((g) => toleratedOnLinux(g) || (probe !== null && toleratedBy(probe.results, g.id))).map((g) => g.id);
  const needs = blockers.map((g) => g.id).filter((id) => !tolerated.includes(id));
  return { status: needs.length === 0 ? 'supported' : 'blocked', needs, tolerated };
}

/** `Verdict: blocked by 3 gaps: ...`, one line, for the summary and the probe table. */
export function verdictText(verdict: AppVerdict, blockers: readonly AppGap[]): string {
  const title = (id: string): string => {
    const gap = blockers.find((g) => g.id === id);
    if (gap === undefined) return id;
    return toleratedOnLinux(gap) && verdict.tolerated.includes(id) ? `${gapTitle(gap)} (failed on Linux too: ${gap.failedOnLinux!.join(', ')})` : gapTitle(gap);
  };
  const list = (ids: string[]): string => ids.map(title).join('; ');
  const gaps = (n: number): string => `${n} gap${n === 1 ? '' : 's'}`;
  if (verdict.tolerated.length === 0) {
    return verdict.status === 'supported' ? 'Verdict: supported\n' : `Verdict: blocked by ${gaps(verdict.needs.length)}: ${list(verdict.needs)}\n`;
  }
  const runs = `runs on an OS that refuses the ${gaps(verdict.tolerated.length)} it tolerates (${list(verdict.tolerated)})`;
  return verdict.status === 'supported' ? `Verdict: supported: ${runs}\n` : `Verdict: blocked: ${runs}; needs ${verdict.needs.length}: ${list(verdict.needs)}\n`;
}
