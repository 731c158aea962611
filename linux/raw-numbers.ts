/**
 * How strace turns a number into names at an argument, so that a number it
 * printed raw (`strace -X raw`, or bits an older strace did not know, left
 * in hex) can be decoded into the names a current strace prints: the table
 * of the argument is linux/argument-tables.ts; this file adds what the
 * decoders do beyond one printflags/printxval call (strace git 3e4d70a5e).
 *
 * - printflags (src/xlat.c): entries in table order, each taken when all its
 *   bits are set, its bits then cleared; what is left is printed in hex; a
 *   zero value prints the table's zero entry when it has one.
 * - printxval: the one entry equal to the value, else the number.
 * - Composite arguments print a value field under a mask, then the other
 *   bits as flags (the `low` entries below).
 * - Arguments whose table depends on another argument (fcntl's third by
 *   command, [gs]etsockopt's option by level, socket's protocol by domain)
 *   are not decoded: the number stays a number.
 */

export interface LowField {
  /** The tables (space-separated, as in argument-tables.ts) the masked bits are looked up in. */
  tables: string;
  mask: bigint;
  /** Where strace does it. */
  decoder: string;
}

const OPEN_MODES: LowField = { tables: 'open_access_modes', mask: 3n, decoder: 'src/open.c tprint_open_modes: flags & O_ACCMODE, always printed' };
const SOCK_TYPE: LowField = { tables: 'socktypes', mask: 0xfn, decoder: 'src/net.c tprint_sock_type: type & SOCK_TYPE_MASK' };

/**
 * [syscall, argument (printed position), the value field printed first].
 * pipe2 is not here: its decoder prints the open flags without an access
 * mode (`pipe2([3, 4], O_CLOEXEC)`, as the repository's logs show).
 */
export const LOW_FIELDS: readonly (readonly [string, number, LowField])[] = [
  ['open', 1, OPEN_MODES],
  ['openat', 2, OPEN_MODES],
  ['socket', 1, SOCK_TYPE],
  ['socketpair', 1, SOCK_TYPE],
  ['mmap', 3, { tables: 'mmap_flags', mask: 0xfn, decoder: 'src/mem.c print_mmap_flags: flags & MAP_TYPE' }],
  ['clone', 1, { tables: 'signals realtime_signals', mask: 0xffn, decoder: 'src/clone.c SYS_FUNC(clone): flags & CSIGNAL, printsignal' }],
  ['futex', 1, { tables: 'futexops', mask: 0xffn, decoder: 'src/futex.c SYS_FUNC(futex): the command with FUTEX_PRIVATE_FLAG from futexops, then FUTEX_CLOCK_REALTIME' }],
  ['statx', 2, { tables: 'at_statx_sync_types', mask: 0x6000n, decoder: 'src/statx.c SYS_FUNC(statx): flags & AT_STATX_SYNC_TYPE, always printed' }],
];

/** Argument tables a number is not decoded with (the table depends on another argument). */
export const CONTEXT_DEPENDENT: readonly (readonly [string, number])[] = [
  ['fcntl', 2],
  ['getsockopt', 2],
  ['setsockopt', 2],
  ['socket', 2],
];

/** The value field an argument prints before its flags, if it has one. */
export function lowField(syscall: string, argIndex: number): LowField | undefined {
  return LOW_FIELDS.find(([s, i]) => s === syscall && i === argIndex)?.[2];
}

/** True when numbers at this argument are left as they are. */
export function isContextDependent(syscall: string, argIndex: number): boolean {
  return CONTEXT_DEPENDENT.some(([s, i]) => s === syscall && i === argIndex);
}
