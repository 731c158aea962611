/**
 * The IR interpreter: the obviously-correct reading of the IR that the
 * emitted matcher modules are tested against (semantics.md section 2).
 * Used by sctrace when no compiled module is wanted, and by the tests.
 */
import type { IR, SyscallRule } from './ir';
import type { CallView } from './abi';
import { matchValue } from './match/predicates';

export { matchValue } from './match/predicates';

export interface Interpreter {
  /** True when at least one rule names this syscall. */
  hasRules(name: string): boolean;
  /** Id of the first rule (in IR order) that the call matches, or -1. */
  match(call: CallView): number;
}

/** Does the call match this one rule? Names equal, argument count, then each argument by position. */
export function matchRule(rule: SyscallRule, call: CallView): boolean {
  if (rule.syscall !== call.name) return false;
  const count = call.argCount();
  if (rule.variadic ? count < rule.params.length : count !== rule.params.length) return false;
  return rule.params.every((param, i) => param.pattern.kind === 'any' || matchValue(param.pattern, call.arg(i)));
}

export function createInterpreter(ir: IR): Interpreter {
  // A Map, not an object, so that names like `__proto__` are plain keys.
  const bySyscall = new Map<string, SyscallRule[]>();
  // Grouped from `ir.rules` itself (IR order), not from the `syscalls` index.
  for (const rule of ir.rules) {
    const list = bySyscall.get(rule.syscall);
    if (list === undefined) bySyscall.set(rule.syscall, [rule]);
    else list.push(rule);
  }
  return {
    hasRules: (name) => bySyscall.has(name),
    match(call) {
      const rules = bySyscall.get(call.name);
      if (rules === undefined) return -1;
      for (const rule of rules) {
        if (matchRule(rule, call)) return rule.id;
      }
      return -1;
    },
  };
}
