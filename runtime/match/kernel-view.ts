/**
 * What the kernel received (docs/behaviour.md section 5), as the IR interpreter
 * reads it: combined operation names expanded into their parts, and a call's
 * kernel view (every kernel argument in kernel order; the ones strace did
 * not print are "unprinted" and match every pattern). The printing rules
 * themselves are data in linux/printing.ts.
 *
 * The views themselves are built by inline-helpers.ts (expandOp,
 * kernelView), the same functions emitted modules carry as text, from a
 * Printing made of the rule here as compiler/emit/kernel.ts inlines it.
 */
import type { CallView, FlagsValue, Value } from '../abi';
import type { Pattern, SyscallRule } from '../ir';
import type { PrintingRule } from '../../linux/printing-rule';
import { expandOp, kernelView as kernelViewOf, printedPositions as positionsOf, UNPRINTED, type Printing } from './inline-helpers';

/**
 * Bit `i` of a view's `unprinted` mask: position `i` (< 31) was not printed.
 * Positions from 31 on are always printed.
 */
export function isUnprinted(unprinted: number, position: number): boolean {
  return position < 31 && (unprinted & (1 << position)) !== 0;
}

/** What `arg(i)` gives for an unprinted position. No matcher reads it (the position matches anyway). */
export const UNPRINTED_VALUE: Value = UNPRINTED;

const printings = new WeakMap<PrintingRule, Printing>();

/** The rule as the module constant compiler/emit/kernel.ts writes (made once per rule). */
function tables(rule: PrintingRule): Printing {
  let p = printings.get(rule);
  if (p === undefined) {
    p = {
      kernelArgs: rule.kernelArgs,
      op: rule.op,
      combined: new Map(rule.combined),
      commands: new Map(rule.commands),
      other: rule.other,
      expanded: new WeakMap(),
    };
    printings.set(rule, p);
  }
  return p;
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
  return expandOp(call, call.unprinted ?? 0, tables(printing));
}

/** The kernel positions strace prints for this operation value (expanded or not). */
export function printedPositions(opValue: Value, printing: PrintingRule): readonly number[] {
  return positionsOf(opValue, tables(printing));
}

/**
 * The call's kernel view, or null when it would add nothing (strace printed
 * every kernel argument) or cannot be built (the operation was not printed,
 * or the line has another argument count than the operation prints).
 */
export function kernelView(call: CallView, printing: PrintingRule): CallView | null {
  return kernelViewOf(call, call.unprinted ?? 0, tables(printing));
}

/** The IR's rules with combined names expanded for every syscall that has a printing rule (ids unchanged). */
export function expandRules(rules: readonly SyscallRule[], printingOf: (syscall: string) => PrintingRule | undefined): SyscallRule[] {
  return rules.map((rule) => {
    const printing = printingOf(rule.syscall);
    return printing === undefined ? rule : expandRule(rule, printing);
  });
}
