/**
 * Rewrites a log of a current strace on x86_64 into the shapes that older
 * strace versions and 32-bit ABIs printed for the same calls, one form at a
 * time, so that the verdicts of both logs can be compared call by call.
 * Each form follows the strace change that ended it (linux/positional-structs.ts,
 * linux/value-aliases.ts, linux/abi32.ts).
 */

export type Form = 'sigaction' | 'time' | 'epoll' | 'pf' | 'ioctl-or' | 'abi32';

export const FORMS: readonly Form[] = ['sigaction', 'time', 'epoll', 'pf', 'ioctl-or', 'abi32'];

/** strace before 4.15 (d454dac0d): sigaction members without names. */
function sigaction(line: string): string {
  return line.replace(/\b(?:sa_handler|sa_mask|sa_flags|sa_restorer)=/g, '');
}

/** strace before 4.15 (acdb08613): timespec and timeval members without names. */
function time(line: string): string {
  return line.replace(/\btv_(?:sec|nsec|usec)=/g, '');
}

/** strace before 5.11 (7114a1d1c): `{EPOLLIN, {u32=41, u64=41}}`. */
function epoll(line: string): string {
  return line.replace(/\{events=([^,{}]*), data=\{/g, '{$1, {');
}

/** strace before 4.12 (71fe62e6b): the socket domain as PF_*. */
function pf(line: string): string {
  return line.replace(/\b(socket|socketpair)\(AF_/g, '$1(PF_');
}

/** An ioctl code with several names, as strace prints 0x5401 when the sound ioctls are known. */
function ioctlOr(line: string): string {
  return line.replace(/\bioctl\(([^,]*), TCGETS,/g, 'ioctl($1, SNDCTL_TMR_TIMEBASE or SNDRV_TIMER_IOCTL_NEXT_DEVICE or TCGETS,');
}

/** x86_64 name → the 32-bit name strace prints for the same call (i386 and arm alike). */
const NAMES_32: [string, string][] = [
  ['mmap', 'mmap2'], ['fstat', 'fstat64'], ['stat', 'stat64'], ['lstat', 'lstat64'], ['newfstatat', 'fstatat64'],
  ['fcntl', 'fcntl64'], ['getuid', 'getuid32'], ['getgid', 'getgid32'], ['geteuid', 'geteuid32'], ['getegid', 'getegid32'],
  ['fchown', 'fchown32'], ['ftruncate', 'ftruncate64'], ['getrlimit', 'ugetrlimit'], ['rt_sigreturn', 'sigreturn'],
  ['clock_gettime', 'clock_gettime64'], ['clock_nanosleep', 'clock_nanosleep_time64'], ['futex', 'futex_time64'],
];

/** The same call from a 32-bit program: 32-bit names; lseek as _llseek with its result (`[offset]`) before whence. */
function abi32(line: string): string {
  for (const [from, to] of NAMES_32) {
    line = line.replace(new RegExp(`(^|[ \\]>])${from}\\(`), `$1${to}(`).replace(`<... ${from} resumed>`, `<... ${to} resumed>`);
  }
  // lseek(fd, offset, whence) = result → _llseek(fd, offset, [result], whence) = 0
  return line.replace(/(^|[ \]>])lseek\((.*), (SEEK_[A-Z]+)\) += (\d+)$/, '$1_llseek($2, [$4], $3) = 0');
}

const CONVERT: Record<Form, (line: string) => string> = { sigaction, time, epoll, pf, 'ioctl-or': ioctlOr, abi32 };

/** The log (latin1 text) with every line rewritten into one form. */
export function convertLog(text: string, form: Form): string {
  return text.split('\n').map(CONVERT[form]).join('\n');
}
