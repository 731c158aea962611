/**
 * What the kernel received (docs/behaviour.md section 5), as the IR interpreter
 * reads it: combined operation names expanded into their parts, and a call's
 * kernel view (every kernel argument in kernel order; the ones strace did
 * not print are "unprinted" and match every pattern). The printing rules
 * themselves are data in linux/printing.ts.
 *
 * TWIN: compiler/emit/prelude.ts (expandOp, kernelView) does the same in
 * emitted modules, from the same data inlined by compiler/emit/kernel.ts.
 */
import type { CallView, FlagsValue, Value } from '../abi';
import type { Pattern, SyscallRule } from '../ir';
import type { PrintingRule } from '../../linux/printing-rule';

/**
 * Bit `i` of a view's `unprinted` mask: position `i` (< 31) was not printed.
 * Positions from 31 on are always printed.
 */
export function isUnprinted(unprinted: number, position: number): boolean {
  return position < 31 && (unprinted & (1 << position)) !== 0;
}

/** What `arg(i)` gives for an unprinted position. No matcher reads it (the position matches anyway). */
export const UNPRINTED_VALUE: Value = Object.freeze({ kind: 'other', text: '' }) as Value;

interface Tables {
  combined: Map<string, string[]>;
  commands: Map<string, number[]>;
}

const tablesOf = new WeakMap<PrintingRule, Tables>();

function tables(rule: PrintingRule): Tables {
  let t = tablesOf.get(rule);
  if (t === undefined) {
    t = { combined: new Map(rule.combined), commands: new Map(rule.commands) };
    tablesOf.set(rule, t);
  }
  return t;
}

/** Flag names with every combined name replaced by its parts (order kept, first occurrence wins). */
export function expandNames(names: readonly string[], rule: PrintingRule): string[] {
  const combined = tables(rule).combined;
  return [...new Set(names.flatMap((n) => combined.get(n) ?? [n]))];
}

/** A flag value with combined names expanded; the value itself when it has none. */
export function expandValue(value: Value, rule: PrintingRule): Value {
  if (value.kind !== 'flags') return value;
  const combined = tables(rule).combined;
  if (!value.parts.some((p) => combined.has(p))) return value;
  const expanded: FlagsValue = { kind: 'flags', parts: value.parts.flatMap((p) => combined.get(p) ?? [p]) };
  return expanded;
}

/** The rule with its flag set at the operation position expanded (sorted, no duplicates, as the IR keeps names). */
export function expandRule(rule: SyscallRule, printing: PrintingRule): SyscallRule {
  const param = rule.params[printing.op];
  if (param === undefined || param.pattern.kind !== 'flags') return rule;
  const names = expandNames(param.pattern.names, printing).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pattern: Pattern = { ...param.pattern, names };
  return { ...rule, params: rule.params.map((p, i) => (i === printing.op ? { ...p, pattern } : p)) };
}

/** The printed view with the operation's combined names expanded; the call itself when nothing changes. */
export function expandedView(call: CallView, printing: PrintingRule): CallView {
  const op = printing.op;
  if (call.argCount() <= op || isUnprinted(call.unprinted ?? 0, op)) return call;
  const value = call.arg(op);
  const expanded = expandValue(value, printing);
  if (expanded === value) return call;
  return {
    name: call.name,
    unprinted: call.unprinted,
    argCount: () => call.argCount(),
    arg: (i) => (i === op ? expanded : call.arg(i)),
  };
}

/** The kernel positions strace prints for this operation value (expanded or not). */
export function printedPositions(opValue: Value, printing: PrintingRule): readonly number[] {
  const { combined, commands } = tables(printing);
  if (opValue.kind === 'flags') {
    for (const part of opValue.parts) {
      for (const name of combined.get(part) ?? [part]) {
        const positions = commands.get(name);
        if (positions !== undefined) return positions;
      }
    }
  }
  return printing.other;
}

/**
 * The call's kernel view, or null when it would add nothing (strace printed
 * every kernel argument) or cannot be built (the operation was not printed,
 * or the line has another argument count than the operation prints).
 */
export function kernelView(call: CallView, printing: PrintingRule): CallView | null {
  const n = call.argCount();
  const printedMask = call.unprinted ?? 0;
  if (n <= printing.op || isUnprinted(printedMask, printing.op)) return null;
  const positions = printedPositions(call.arg(printing.op), printing);
  if (positions.length !== n || positions.length === printing.kernelArgs) return null;
  // at[k]: the printed position of kernel position k, or -1.
  const at = new Array<number>(printing.kernelArgs).fill(-1);
  let unprinted = 2 ** printing.kernelArgs - 1;
  positions.forEach((k, j) => {
    at[k] = j;
    if (!isUnprinted(printedMask, j)) unprinted &= ~(1 << k);
  });
  return {
    name: call.name,
    unprinted,
    argCount: () => printing.kernelArgs,
    arg: (k) => (at[k] === undefined || at[k] < 0 ? UNPRINTED_VALUE : call.arg(at[k])),
  };
}

/** The IR's rules with combined names expanded for every syscall that has a printing rule (ids unchanged). */
export function expandRules(rules: readonly SyscallRule[], printingOf: (syscall: string) => PrintingRule | undefined): SyscallRule[] {
  return rules.map((rule) => {
    const printing = printingOf(rule.syscall);
    return printing === undefined ? rule : expandRule(rule, printing);
  });
}
