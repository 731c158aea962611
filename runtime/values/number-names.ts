/**
 * A number strace printed raw, decoded into the names a current strace
 * prints for it at that argument (linux/argument-tables.ts for the table,
 * linux/raw-numbers.ts for how the decoder combines them): `0x80000` at
 * openat's flags is `O_RDONLY|O_CLOEXEC`, `0x22` at mmap's is
 * `MAP_PRIVATE|MAP_ANONYMOUS`. Bits no name covers stay a hex part, as strace
 * prints them. A value that is not a number (or holds no numeric part) is
 * returned as it is.
 */
import type { Value } from '../abi';
import type { MappedArgument } from '../../linux/argument-tables';
import { nameTable, type NameEntry } from '../../linux/strace-names';
import { lowField } from '../../linux/raw-numbers';
import { isNumericPart } from './decode';

/** The integer a numeric part spells (`0x80000`, `0644` octal, `-100`, `12`), or null (`1<<20`, `4*1024`). */
export function numberOf(text: string): bigint | null {
  const m = /^(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (m === null) return null;
  const digits = m[2];
  const v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return m[1] === '-' ? -v : v;
}

const lowEntries = new Map<string, NameEntry[]>();

function entriesOf(tables: string): NameEntry[] {
  let entries = lowEntries.get(tables);
  if (entries === undefined) {
    entries = tables.split(' ').flatMap((t) => [...(nameTable(t)?.entries ?? [])]);
    lowEntries.set(tables, entries);
  }
  return entries;
}

/** printxval: the name of the entry equal to `v`. */
function valueName(entries: readonly NameEntry[], v: bigint): string | undefined {
  return entries.find((e) => e.value === v)?.name;
}

/** printflags: names for the set bits, in table order, then what is left in hex. */
function flagNames(entries: readonly NameEntry[], v: bigint, out: string[]): void {
  if (v === 0n) return;
  let rest = v;
  for (const e of entries) {
    if (e.value > 0n && (rest & e.value) === e.value) {
      out.push(e.name);
      rest &= ~e.value;
      if (rest === 0n) return;
    }
  }
  out.push(`0x${rest.toString(16)}`);
}

/**
 * The names a current strace prints for the number `v` at an argument with
 * this table, or null when it prints the number (no name is known, or a
 * zero that every flag pattern accepts anyway). `whole`: `v` is the whole
 * argument; else it is the numeric part of a combination whose names strace
 * already printed (only flag bits are left to decode).
 */
export function namesOfNumber(v: bigint, arg: MappedArgument, whole = true): string[] | null {
  const entries = arg.table.entries;
  const low = whole && arg.fieldPath.length === 0 ? lowField(arg.syscall, arg.argIndex) : undefined;
  if (arg.printedAs === 'value' && low === undefined) {
    const name = whole ? valueName(entries, v) : undefined;
    return name === undefined ? null : [name];
  }
  if (v < 0n) return null;
  const out: string[] = [];
  let rest = v;
  if (low !== undefined) {
    const name = valueName(entriesOf(low.tables), v & low.mask);
    if (name !== undefined) {
      out.push(name);
      rest = v & ~low.mask;
    }
  }
  if (v === 0n && out.length === 0) {
    // printflags of zero: the zero entry, if the table has one (not a zero of another table merged in: pipe2's O_RDONLY).
    const zero = whole && !arg.table.name.includes('+') ? entries.find((e) => e.value === 0n) : undefined;
    return zero === undefined ? null : [zero.name];
  }
  const named = out.length;
  flagNames(entries, rest, out);
  // No bit has a name: strace prints the number, as it was.
  return named === 0 && out.length === 1 && out[0].startsWith('0x') && !entries.some((e) => e.name === out[0]) ? null : out;
}

/** The value with its numeric parts decoded into names; the value itself when nothing changes. */
export function decodeNumbers(value: Value, arg: MappedArgument): Value {
  // `-X raw` prints statx's zero sync type as nothing: `|0x900`.
  if (value.kind === 'other' && value.text.startsWith('|') && isNumericPart(value.text.slice(1))) {
    return decodeNumbers({ kind: 'int', text: value.text.slice(1) }, arg);
  }
  if (value.kind === 'int') {
    const v = value.path === undefined ? numberOf(value.text) : null;
    const names = v === null ? null : namesOfNumber(v, arg);
    return names === null ? value : { kind: 'flags', parts: names };
  }
  if (value.kind !== 'flags' || !value.parts.some(isNumericPart)) return value;
  const whole = value.parts.length === 1;
  const parts: string[] = [];
  let changed = false;
  for (const part of value.parts) {
    const v = isNumericPart(part) ? numberOf(part) : null;
    const names = v === null ? null : namesOfNumber(v, arg, whole);
    if (names === null) {
      parts.push(part);
      continue;
    }
    changed = true;
    for (const name of names) if (!parts.includes(name)) parts.push(name);
  }
  return changed ? { kind: 'flags', parts } : value;
}
