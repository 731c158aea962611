/**
 * How a rerun refuses one gap, as strace `-e inject=` specs.
 *
 * - A syscall with no rule: every call is refused, so strace's plain
 *   injection is exact: stubbed (`error=ENOSYS`) and faked (`retval=0`).
 * - A flag, value, field or argument count that no rule allows: only the
 *   calls the rules refuse may fail (`error=EINVAL`). strace counts `when=`
 *   per thread and per syscall, and one expression `first..last+step`
 *   applies to every thread. So from the baseline we pick the expression
 *   that covers the most refused calls while covering no call the rules
 *   allow in any thread. Whether the rerun refused exactly those calls is
 *   checked afterwards in its own log (verdict.ts).
 */
import type { GapIdentity } from '../runtime/report/app-gaps';
import type { ObserveOptions, ObservedCall } from './observe';
import type { Tampering } from './run';
import { isLauncherMarker, LAUNCHER, type SeccompRefusal } from './seccomp';

export type RerunMode = 'stub' | 'fake' | 'refuse';

export interface Rerun {
  gap: string;
  mode: RerunMode;
  /** What refuses the calls: the `-e inject=` spec, or `seccomp:...` for the filter. */
  inject: string;
  tampering: Tampering;
  /** How the rerun's log says a call was refused. */
  observing: ObserveOptions;
  /** Calls of the gap in the baseline. */
  baselineCalls: number;
  /** Of those, the ones the spec's `when=` covers in the baseline (all, for stub and fake). */
  planned: number;
}

/** strace's limits for `when=` numbers. */
const MAX_FIRST = 65535;
const MAX_LAST = 65534;
const MAX_STEP = 64;
const MAX_STARTS = 500;

/** strace injection: spec and tampering together. */
function injecting(spec: string): Pick<Rerun, 'inject' | 'tampering' | 'observing'> {
  return { inject: spec, tampering: { inject: [spec] }, observing: {} };
}

/**
 * The reruns for one gap of the baseline. `seccomp`: how a filter would
 * refuse exactly its calls (seccomp.ts), used when `python3` (the launcher's
 * interpreter) is there; otherwise flag gaps fall back to `when=`.
 */
export function rerunsFor(
  gap: GapIdentity & { id: string },
  baseline: readonly ObservedCall[],
  seccomp: SeccompRefusal | null = null,
  python3: string | null = null,
): Rerun[] {
  const calls = baseline.filter((c) => c.name === gap.syscall);
  const baselineCalls = calls.filter((c) => c.gaps.includes(gap.id)).length;
  if (gap.kind === 'no-rule') {
    return [
      { gap: gap.id, mode: 'stub', ...injecting(`${gap.syscall}:error=ENOSYS`), baselineCalls, planned: baselineCalls },
      { gap: gap.id, mode: 'fake', ...injecting(`${gap.syscall}:retval=0`), baselineCalls, planned: baselineCalls },
    ];
  }
  if (seccomp !== null && python3 !== null) {
    const filter = {
      inject: `seccomp:${gap.syscall}:arg${seccomp.index}&0x${seccomp.mask.toString(16)}:error=EINVAL`,
      tampering: { launcher: [python3, '-I', '-S', '-c', LAUNCHER, String(seccomp.nr), String(seccomp.index), `0x${seccomp.mask.toString(16)}`] },
      observing: {
        // The filter's refusals are plain failures: a call of the syscall that failed with EINVAL.
        refused: (record: { name: string; result: string }) => record.name === gap.syscall && record.result.startsWith('-1 EINVAL'),
        launcherEnd: (record: { name: string; text: string }) => isLauncherMarker(record.name, record.text),
      },
    };
    return [{ gap: gap.id, mode: 'refuse', ...filter, baselineCalls, planned: baselineCalls }];
  }
  const when = whenExpression(calls, gap.id);
  return [{ gap: gap.id, mode: 'refuse', ...injecting(`${gap.syscall}:error=EINVAL:when=${when.expr}`), baselineCalls, planned: when.covered }];
}

/**
 * The `when=` expression for the calls of one syscall: per thread, the
 * ordinals whose call has the gap must be covered, and no other. Returns
 * the expression that starts at the first gap call (in log order) and
 * covers the most others; when none can start there, the one covering the
 * most gap calls; when every candidate also covers an allowed call in some
 * thread, the first gap call's ordinal alone (the rerun's log then shows
 * the extra refusals).
 */
export function whenExpression(calls: readonly ObservedCall[], gap: string): { expr: string; covered: number } {
  const threads = new Map<number, boolean[]>();
  let first: number | null = null;
  for (const call of calls) {
    const hasGap = call.gaps.includes(gap);
    let list = threads.get(call.pid);
    if (list === undefined) threads.set(call.pid, (list = []));
    list[call.ordinal - 1] = hasGap;
    if (hasGap && first === null) first = call.ordinal;
  }
  const lists = [...threads.values()];
  const longest = Math.min(MAX_FIRST, Math.max(0, ...lists.map((l) => l.length)));
  // valid: no thread made an allowed call at this ordinal; gain: threads that made a gap call there.
  const gain = (o: number): number => lists.reduce((n, l) => n + (l[o - 1] === true ? 1 : 0), 0);
  const valid = (o: number): boolean => lists.every((l) => l[o - 1] !== false);
  let starts: number[] = [];
  for (let o = 1; o <= longest && starts.length < MAX_STARTS; o++) if (gain(o) > 0 && valid(o)) starts.push(o);
  // Refusing the first refused call is what tells whether the program survives it: start there when possible.
  if (first !== null && starts.includes(first)) starts = [first];
  let best = { expr: String(first ?? 1), covered: first === null ? 0 : gain(first) };
  let bestValid = false;
  for (const start of starts) {
    for (let step = 1; step <= MAX_STEP; step++) {
      let covered = 0;
      let last = start;
      for (let o = start; o <= Math.min(longest, MAX_LAST); o += step) {
        if (!valid(o)) break;
        covered += gain(o);
        last = o;
      }
      if (!bestValid || covered > best.covered) {
        best = { expr: last === start ? String(start) : `${start}..${last}+${step}`, covered };
        bestValid = true;
      }
    }
  }
  return best;
}
