/**
 * The names strace can print, per table, with their x86_64 values
 * (linux/strace-names-data.ts, generated from linux/strace-names.tsv; see
 * there for the provenance), plus the few names strace builds in its
 * decoders' code rather than in a table. Tables are parsed on first use.
 */
import { STRACE_NAME_TABLES } from './strace-names-data';

export interface NameEntry {
  readonly name: string;
  readonly value: bigint;
}

export interface NameTable {
  /** strace's table name (its src/xlat/<name>.in), `ioctl_codes`, `signals`, or a built-in one (below). */
  readonly name: string;
  /** The names with their x86_64 values, in strace's order. */
  readonly entries: ReadonlyArray<NameEntry>;
  /**
   * Names the table lists that no x86_64 header defines (other
   * architectures', or newer than the headers of the extraction): strace
   * on x86_64 does not print them, but a rule naming one is no misspelling.
   */
  readonly unvalued: readonly string[];
}

/**
 * Names strace prints from code, not from a table; the decoder is cited.
 * `futex_op_flags`: src/futex.c SYS_FUNC(futex) prints the op with
 * futexops and, for bits the table does not combine, FUTEX_PRIVATE_FLAG and
 * FUTEX_CLOCK_REALTIME (defined there as 128 and 256).
 * `realtime_signals`: src/signal.c signame() prints SIGRT_<n> for signal
 * SIGRTMIN+n (x86_64: SIGRTMIN 32, SIGRTMAX 64).
 */
const BUILT_IN: ReadonlyArray<readonly [string, ReadonlyArray<NameEntry>]> = [
  [
    'futex_op_flags',
    [
      { name: 'FUTEX_PRIVATE_FLAG', value: 128n },
      { name: 'FUTEX_CLOCK_REALTIME', value: 256n },
    ],
  ],
  ['realtime_signals', Array.from({ length: 32 }, (_, i) => ({ name: `SIGRT_${i + 1}`, value: BigInt(33 + i) }))],
];

let tables: Map<string, NameTable> | undefined;

function unpack(name: string, packed: string): NameTable {
  const entries: NameEntry[] = [];
  const unvalued: string[] = [];
  for (const item of packed.split(' ')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) {
      unvalued.push(item);
      continue;
    }
    const text = item.slice(eq + 1);
    const value = text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
    entries.push({ name: item.slice(0, eq), value });
  }
  return { name, entries, unvalued };
}

function allTables(): Map<string, NameTable> {
  if (tables === undefined) {
    tables = new Map(STRACE_NAME_TABLES.map(([name, packed]) => [name, unpack(name, packed)]));
    for (const [name, entries] of BUILT_IN) tables.set(name, { name, entries, unvalued: [] });
  }
  return tables;
}

/** The table of that name, or undefined. */
export function nameTable(name: string): NameTable | undefined {
  return allTables().get(name);
}

/** Every table's name, sorted. */
export function nameTableNames(): string[] {
  return [...allTables().keys()].sort();
}

/** Every name a table lists (valued or not). */
export function namesOf(table: NameTable): string[] {
  return [...table.entries.map((e) => e.name), ...table.unvalued];
}

let byName: Map<string, string[]> | undefined;

/** The tables that list `name` (valued or not), in table-name order; empty when strace never prints it. */
export function tablesWithName(name: string): readonly string[] {
  if (byName === undefined) {
    byName = new Map();
    for (const table of nameTableNames()) {
      for (const n of namesOf(allTables().get(table) as NameTable)) {
        const list = byName.get(n) ?? [];
        if (!list.includes(table)) list.push(table);
        byName.set(n, list);
      }
    }
  }
  return byName.get(name) ?? [];
}

/** Every name any table lists, sorted (for a did-you-mean). */
export function allStraceNames(): string[] {
  tablesWithName('');
  return [...(byName as Map<string, string[]>).keys()].sort();
}
