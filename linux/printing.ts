/**
 * Every syscall whose printing rule is known (docs/behaviour.md section 5): the
 * one list the emitter and the IR interpreter read. A new entry here changes
 * what `match` means for that syscall in every newly compiled module.
 */
import { FUTEX_PRINTING } from './futex';
import type { PrintingRule } from './printing-rule';

export type { PrintingRule } from './printing-rule';

export const PRINTING_RULES: readonly PrintingRule[] = [FUTEX_PRINTING];

const bySyscall = new Map(PRINTING_RULES.map((rule) => [rule.syscall, rule]));

/** The printing rule of a syscall, or undefined when strace's printing is taken as it is. */
export function printingRule(syscall: string): PrintingRule | undefined {
  return bySyscall.get(syscall);
}
