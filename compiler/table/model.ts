/**
 * The compatibility table of a rule set (`scmlc RULES --table md|html`), as
 * data: one row per x86_64 syscall (by number), then the rules' syscalls
 * that x86_64 lacks: supported or not, the rules' file:line, and per flag
 * argument the names allowed and those never mentioned
 * (runtime/report/flag-coverage.ts). The renderers only format it.
 */
import type { IR } from '../../runtime/ir';
import { type ArgumentFlagCoverage, flagCoverage } from '../../runtime/report/flag-coverage';
import { describeRuleSet } from '../../runtime/report/rule-set';
import { x86_64Syscall, x86_64SyscallNames } from '../../linux/syscall-table';

export interface TableRow {
  /** The x86_64 number; null for a rule's syscall that x86_64 does not have. */
  number: number | null;
  syscall: string;
  supported: boolean;
  /** Where its rules are: `file:line`, in rule order. */
  rules: string[];
  flags: ArgumentFlagCoverage[];
}

export interface CompatibilityTable {
  /** The rule set as reports name it (its files, or the --os stamp). */
  ruleSet: string;
  rows: TableRow[];
  supported: number;
  /** x86_64 syscalls in the table (rows with a number). */
  linux: number;
}

export function compatibilityTable(ir: IR): CompatibilityTable {
  const rulesOf = new Map(ir.syscalls.map((s) => [s.name, s.rules.map((id) => ir.rules[id])]));
  const flags = new Map<string, ArgumentFlagCoverage[]>();
  for (const f of flagCoverage(ir)) flags.set(f.syscall, [...(flags.get(f.syscall) ?? []), f]);
  const row = (syscall: string): TableRow => ({
    number: x86_64Syscall(syscall)?.number ?? null,
    syscall,
    supported: rulesOf.has(syscall),
    rules: (rulesOf.get(syscall) ?? []).map((r) => `${r.origin.file}:${r.origin.line}`),
    flags: flags.get(syscall) ?? [],
  });
  const linux = x86_64SyscallNames().map(row);
  const others = ir.syscalls.filter((s) => x86_64Syscall(s.name) === undefined).map((s) => row(s.name));
  const rows = [...linux, ...others];
  return {
    ruleSet: describeRuleSet(ir, null).label,
    rows,
    supported: linux.filter((r) => r.supported).length,
    linux: linux.length,
  };
}

/** "prot: PROT_READ, PROT_WRITE" per argument; `any` marks an argument some rule leaves free. */
export function flagLines(row: TableRow, which: 'allowed' | 'neverMentioned'): { parameter: string; names: string[]; any: boolean }[] {
  return row.flags
    .map((f) => ({ parameter: f.parameter, names: f[which], any: f.anyValue }))
    .filter((l) => l.names.length > 0 || (which === 'allowed' && l.any));
}
