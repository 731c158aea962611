/**
 * The IR interpreter: the obviously-correct reading of the IR that the
 * emitted matcher modules are tested against (docs/behaviour.md sections 2 and 5).
 * Used by sctrace when no compiled module is wanted, and by the tests.
 */
import type { IR, SyscallRule } from './ir';
import type { CallView } from './abi';
import { matchValue } from './match/predicates';
import { expandedView, expandRule, isUnprinted, kernelView } from './match/kernel-view';
import { printingRule } from '../linux/printing';

export { matchValue } from './match/predicates';

export interface Interpreter {
  /** True when at least one rule names this syscall. */
  hasRules(name: string): boolean;
  /** Id of the first rule (in IR order) that the call matches, or -1 (matcher ABI `match`). */
  match(call: CallView): number;
  /** The same, reading arguments exactly as strace printed them (matcher ABI `matchAsPrinted`). */
  matchAsPrinted(call: CallView): number;
}

/**
 * Does the call (one view of it) match this one rule? Names equal, argument
 * count, then each argument by position; an unprinted position matches anything.
 */
export function matchRule(rule: SyscallRule, call: CallView): boolean {
  if (rule.syscall !== call.name) return false;
  const count = call.argCount();
  if (rule.variadic ? count < rule.params.length : count !== rule.params.length) return false;
  const unprinted = call.unprinted ?? 0;
  return rule.params.every(
    (param, i) => param.pattern.kind === 'any' || isUnprinted(unprinted, i) || matchValue(param.pattern, call.arg(i)),
  );
}

/** The first of `rules` (IR order) that this view matches, or -1. */
function firstMatch(rules: readonly SyscallRule[], view: CallView): number {
  for (const rule of rules) {
    if (matchRule(rule, view)) return rule.id;
  }
  return -1;
}

export function createInterpreter(ir: IR): Interpreter {
  // Maps, not objects, so that names like `__proto__` are plain keys.
  const literal = new Map<string, SyscallRule[]>();
  // Grouped from `ir.rules` itself (IR order), not from the `syscalls` index.
  for (const rule of ir.rules) {
    const list = literal.get(rule.syscall);
    if (list === undefined) literal.set(rule.syscall, [rule]);
    else list.push(rule);
  }
  // Syscalls with a printing rule: their rules with combined names expanded (the rule side of section 5).
  const expanded = new Map<string, SyscallRule[]>();
  for (const [name, rules] of literal) {
    const printing = printingRule(name);
    if (printing !== undefined) expanded.set(name, rules.map((r) => expandRule(r, printing)));
  }
  const matchAsPrinted = (call: CallView): number => {
    const rules = literal.get(call.name);
    return rules === undefined ? -1 : firstMatch(rules, call);
  };
  return {
    hasRules: (name) => literal.has(name),
    matchAsPrinted,
    match(call) {
      const rules = expanded.get(call.name);
      if (rules === undefined) return matchAsPrinted(call);
      const printing = printingRule(call.name)!;
      // The printed view first (combined names expanded), then the kernel view.
      const printed = expandedView(call, printing);
      const id = firstMatch(rules, printed);
      if (id >= 0) return id;
      const kernel = kernelView(printed, printing);
      return kernel === null ? -1 : firstMatch(rules, kernel);
    },
  };
}
