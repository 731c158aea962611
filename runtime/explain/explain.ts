/**
 * explain(): why a call matches no rule. The reason comes from the closest
 * rule of the syscall — the one whose first failure comes latest in argument
 * order (then field and element order); ties go to the first rule in source
 * order — or is `no-rule` when the syscall has no rule at all.
 *
 * Returns null when some rule matches, so it doubles as a slow, independent
 * reading of the matching semantics (tests compare it with the interpreter).
 */
import type { CallView } from '../abi';
import type { IR, SyscallRule } from '../ir';
import { expandedView, expandRule, isUnprinted, kernelView } from '../match/kernel-view';
import { printingRule } from '../../linux/printing';
import { fixedPrintCount } from '../../linux/fixed-print-counts';
import { x86_64Syscall } from '../../linux/syscall-table';
import { diagnose, isLater, type Failure } from './diagnose';
import type { Reason } from './reason';

/** How calls are matched: what the kernel received (the default), or arguments as printed (--as-printed). */
export interface MatchMode {
  asPrinted: boolean;
}

const DEFAULT_MODE: MatchMode = { asPrinted: false };

const ruleIndex = new WeakMap<IR, Map<string, SyscallRule[]>>();

/** Rules by syscall name, built once per IR. */
export function rulesOf(ir: IR, syscall: string): SyscallRule[] | undefined {
  let index = ruleIndex.get(ir);
  if (index === undefined) {
    index = new Map();
    for (const entry of ir.syscalls) index.set(entry.name, entry.rules.map((id) => ir.rules[id]));
    ruleIndex.set(ir, index);
  }
  return index.get(syscall);
}

/** `no rule for this syscall`, with what x86_64 Linux says about the name. */
function noRuleDetail(syscall: string): string {
  const info = x86_64Syscall(syscall);
  return info === undefined
    ? 'no rule for this syscall, and x86_64 Linux has no system call of this name'
    : `no rule for this syscall (x86_64 syscall ${info.number})`;
}

/** When strace always prints another count for this syscall, the rule can never match: say so. */
function neverNote(rule: SyscallRule): string {
  const fixed = fixedPrintCount(rule.syscall);
  const want = rule.params.length;
  if (fixed === undefined || (rule.variadic ? want <= fixed.count : want === fixed.count)) return '';
  return `; strace always prints ${fixed.count}, so this rule never matches`;
}

/** The first failure of `call` against `rule`, or null when the call matches it. */
export function diagnoseRule(rule: SyscallRule, call: CallView): Failure | null {
  const count = call.argCount();
  const want = rule.params.length;
  if (rule.variadic ? count < want : count !== want) {
    const takes = rule.variadic ? `at least ${want}` : `${want}`;
    return {
      kind: 'arg-count',
      path: '',
      values: [String(count)],
      detail: `${count} argument${count === 1 ? '' : 's'}, rule takes ${takes}${neverNote(rule)}`,
      progress: [-1],
    };
  }
  const unprinted = call.unprinted ?? 0;
  for (let i = 0; i < want; i++) {
    const param = rule.params[i];
    // An unprinted position matches every pattern (docs/behaviour.md section 5).
    if (isUnprinted(unprinted, i)) continue;
    const failure = diagnose(param.pattern, call.arg(i), param.name);
    if (failure !== null) return { ...failure, progress: [i, ...failure.progress] };
  }
  return null;
}

/**
 * The views a rule is tried on, and the rule as it is then read: as printed,
 * only the call; otherwise, for a syscall with a printing rule, the printed
 * view with combined names expanded and the kernel view (twin of the
 * interpreter's `match`).
 */
function viewsOf(call: CallView, mode: MatchMode): { views: CallView[]; ruleAs: (rule: SyscallRule) => SyscallRule } {
  const printing = mode.asPrinted ? undefined : printingRule(call.name);
  if (printing === undefined) return { views: [call], ruleAs: (rule) => rule };
  const printed = expandedView(call, printing);
  const kernel = kernelView(printed, printing);
  return { views: kernel === null ? [printed] : [printed, kernel], ruleAs: (rule) => expandRule(rule, printing) };
}

/** The closest rule of the call's syscall and its failure; null when a rule matches. */
export function closestRule(ir: IR, call: CallView, mode: MatchMode = DEFAULT_MODE): { rule: SyscallRule | null; failure: Failure } | null {
  const rules = rulesOf(ir, call.name);
  if (rules === undefined || rules.length === 0) {
    return {
      rule: null,
      failure: { kind: 'no-rule', path: '', values: [], detail: noRuleDetail(call.name), progress: [] },
    };
  }
  const { views, ruleAs } = viewsOf(call, mode);
  let best: { rule: SyscallRule; failure: Failure } | null = null;
  for (const rule of rules) {
    for (const view of views) {
      const failure = diagnoseRule(ruleAs(rule), view);
      if (failure === null) return null;
      if (best === null || isLater(failure.progress, best.failure.progress)) best = { rule, failure };
    }
  }
  return best;
}

/** Why `call` is unsupported under `ir`, or null when it is supported. */
export function explain(ir: IR, call: CallView, mode: MatchMode = DEFAULT_MODE): Reason | null {
  const closest = closestRule(ir, call, mode);
  if (closest === null) return null;
  const { rule, failure } = closest;
  return {
    kind: failure.kind,
    syscall: call.name,
    path: failure.path,
    values: failure.values,
    detail: failure.detail,
    rule: rule === null ? null : { id: rule.id, file: rule.origin.file, line: rule.origin.line },
  };
}
