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
 * `printed_in_code`, `mount_magic`, `ioctl_sized_codes`: below.
 */
type Names = readonly string[];
const BUILT_IN: ReadonlyArray<readonly [string, ReadonlyArray<NameEntry>, Names?]> = [
  [
    'futex_op_flags',
    [
      { name: 'FUTEX_PRIVATE_FLAG', value: 128n },
      { name: 'FUTEX_CLOCK_REALTIME', value: 256n },
    ],
  ],
  ['realtime_signals', Array.from({ length: 32 }, (_, i) => ({ name: `SIGRT_${i + 1}`, value: BigInt(33 + i) }))],
  // Printed by name from code, not from a table: print_xlat*(NAME) (src/open.c print_dirfd: AT_FDCWD;
  // src/mount.c: MS_MGC_VAL; ...) and fixed strings (src/mem.c: MAP_HUGE_SHIFT; src/resource.c:
  // RLIM_INFINITY; src/sched.c: SCHED_RESET_ON_FORK; src/printmode.c: S_ISUID; src/time.c: MAKE_*_CPUCLOCK).
  [
    'printed_in_code',
    [{ name: 'AT_FDCWD', value: -100n }],
    'FAN_NOFD FUTEX_OP_OPARG_SHIFT IBSHIFT L2CAP_CID_DYN_START L2CAP_PSM_DYN_START L2CAP_PSM_LE_DYN_START NDIAG_PROTO_ALL NLA_F_NESTED NLA_F_NET_BYTEORDER SHM_HUGE_SHIFT MAP_HUGE_SHIFT MFD_HUGE_SHIFT RLIM_INFINITY RLIM64_INFINITY SCHED_RESET_ON_FORK S_ISUID S_ISGID S_ISVTX MAKE_PROCESS_CPUCLOCK MAKE_THREAD_CPUCLOCK FD_TO_CLOCKID KERNEL_VERSION BPF_JUMP BPF_STMT TEE_IOCTL_PARAM_ATTR_META'.split(' '),
  ],
  // src/mount.c SYS_FUNC(mount): the old magic in the top half of mountflags.
  ['mount_magic', [{ name: 'MS_MGC_VAL', value: 0xc0ed0000n }]],
  // src/ioctl.c ioctl_decode_command_number: codes whose number holds a size
  // or an index, printed as NAME(size) (EVIOCGNAME(256), EVIOCGBIT(EV_KEY, 767)); no single value.
  [
    'ioctl_sized_codes',
    [],
    'EVIOCSABS EVIOCGBIT EVIOCGABS EVIOCGNAME EVIOCGPHYS EVIOCGUNIQ EVIOCGPROP EVIOCGMTSLOTS EVIOCGKEY EVIOCGLED EVIOCGSND EVIOCGSW HIDIOCGRAWNAME HIDIOCGRAWPHYS HIDIOCSFEATURE HIDIOCGRAWUNIQ HIDIOCGPHYS HIDIOCGFEATURE MIXER_WRITE MIXER_READ UI_GET_SYSNAME JSIOCGNAME SPI_IOC_MESSAGE'.split(' '),
  ],
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
    for (const [name, entries, unvalued] of BUILT_IN) tables.set(name, { name, entries, unvalued: unvalued ?? [] });
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

let byPrefix: Map<string, string[]> | undefined;

/** What a name's family shares: up to its first `_` after the first character (`PROT_`, `O_`), else its first two characters. */
function prefixOf(name: string): string {
  const u = name.indexOf('_', 1);
  return u < 0 ? name.slice(0, 2) : name.slice(0, u + 1);
}

/**
 * The names strace prints that share `name`'s prefix (`PROT_WRTE` → the
 * PROT_ names), sorted: candidates for a did-you-mean without comparing
 * against all thirteen thousand.
 */
export function namesLike(name: string): readonly string[] {
  if (byPrefix === undefined) {
    tablesWithName('');
    byPrefix = new Map();
    for (const n of [...(byName as Map<string, string[]>).keys()].sort()) {
      const list = byPrefix.get(prefixOf(n)) ?? [];
      list.push(n);
      byPrefix.set(prefixOf(n), list);
    }
  }
  return byPrefix.get(prefixOf(name)) ?? [];
}
