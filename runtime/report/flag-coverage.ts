/**
 * Flag coverage of a rule set: for each syscall argument that strace prints
 * with one of its name tables (linux/argument-tables.ts), the names the
 * rules allow and the x86_64 names they never mention. Read from the IR, so
 * it works for a precompiled module as for SCML.
 */
import type { IR, Pattern, SyscallRule } from '../ir';
import { type MappedArgument, mappedArguments, printedIndex } from '../../linux/argument-tables';
import type { NameTable } from '../../linux/strace-names';

export interface ArgumentFlagCoverage {
  syscall: string;
  /** 1-based argument position as strace prints it. */
  argument: number;
  /** The parameter as the first constraining rule names it, with the struct fields strace prints: `flags`, `act.sa_flags`. */
  parameter: string;
  /** strace's table(s), `+`-joined, and the decoder that picks them. */
  table: string;
  decoder: string;
  /** Names of the table some rule allows, in table order. */
  allowed: string[];
  /** True when some rule leaves the argument unconstrained: every name is allowed. */
  anyValue: boolean;
  /**
   * The table's x86_64 names no rule mentions, in table order: names
   * strace can print for this argument (not an alias printed under an
   * earlier name of the same value, not a flag worth 0, which every flag
   * pattern accepts).
   */
  neverMentioned: string[];
}

const ANY = Symbol('any');
type Found = Set<string> | typeof ANY;

/** The names a pattern allows at `path` (struct fields; arrays are looked through); ANY when unconstrained there. */
function namesAt(pattern: Pattern, path: readonly string[]): Found {
  switch (pattern.kind) {
    case 'any':
      return ANY;
    case 'flags':
      return path.length === 0 ? new Set(pattern.names) : new Set();
    case 'array': {
      const out = new Set<string>();
      for (const e of pattern.elements) {
        const f = namesAt(e, path);
        if (f === ANY) return ANY;
        f.forEach((n) => out.add(n));
      }
      return out;
    }
    case 'struct': {
      if (path.length === 0) return new Set();
      const out = new Set<string>();
      for (const alt of pattern.alternatives) {
        const field = alt.fields.find((f) => f.name === path[0]);
        if (field === undefined) {
          if (alt.open) return ANY; // `..`: the field may hold anything
          continue;
        }
        const f = namesAt(field.pattern, path.slice(1));
        if (f === ANY) return ANY;
        f.forEach((n) => out.add(n));
      }
      return out;
    }
    default:
      return new Set();
  }
}

function scmlIndex(syscall: string, printed: number): number {
  let i = printed;
  while (printedIndex(syscall, i) !== printed) i++;
  return i;
}

/** The names strace can print from one table: the first name of each value, no 0 in a flags table. */
function printable(table: NameTable, printedAs: 'flags' | 'value'): string[] {
  const values = new Set<bigint>();
  const out: string[] = [];
  for (const e of table.entries) {
    if (values.has(e.value) || (printedAs === 'flags' && e.value === 0n)) continue;
    values.add(e.value);
    out.push(e.name);
  }
  return out;
}

function coverageOf(arg: MappedArgument, rules: readonly SyscallRule[]): ArgumentFlagCoverage | null {
  const at = scmlIndex(arg.syscall, arg.argIndex);
  const mentioned = new Set<string>();
  let anyValue = false;
  let parameter: string | null = null;
  for (const rule of rules) {
    const param = rule.params[at];
    if (param === undefined) {
      if (rule.variadic) anyValue = true;
      continue;
    }
    const found = namesAt(param.pattern, arg.fieldPath);
    if (found === ANY) anyValue = true;
    else {
      found.forEach((n) => mentioned.add(n));
      if (found.size > 0) parameter ??= [param.name, ...arg.fieldPath].join('.');
    }
  }
  if (parameter === null) return null; // no rule constrains it with names
  const all = arg.table.entries.map((e) => e.name).concat(arg.table.unvalued);
  const parts = arg.table.name.split('+');
  const neverMentioned = anyValue ? [] : printableOf(arg, parts).filter((n) => !mentioned.has(n));
  return {
    syscall: arg.syscall,
    argument: arg.argIndex + 1,
    parameter,
    table: arg.table.name,
    decoder: arg.decoder,
    allowed: [...new Set(all.filter((n) => mentioned.has(n)))],
    anyValue,
    neverMentioned: [...new Set(neverMentioned)],
  };
}

/** Per strace table the argument is printed with (values repeat across tables: socket levels). */
function printableOf(arg: MappedArgument, parts: readonly string[]): string[] {
  return parts.flatMap((name) => {
    const part = arg.parts.find((p) => p.name === name);
    return part === undefined ? [] : printable(part, arg.printedAs);
  });
}

/** Every mapped argument of a syscall the rules name and constrain with names, in syscall order. */
export function flagCoverage(ir: IR): ArgumentFlagCoverage[] {
  const bySyscall = new Map<string, SyscallRule[]>();
  for (const entry of ir.syscalls) bySyscall.set(entry.name, entry.rules.map((id) => ir.rules[id]));
  const out: ArgumentFlagCoverage[] = [];
  for (const arg of mappedArguments()) {
    const rules = bySyscall.get(arg.syscall);
    if (rules === undefined) continue;
    const c = coverageOf(arg, rules);
    if (c !== null) out.push(c);
  }
  return out.sort((a, b) => (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : a.argument - b.argument));
}
