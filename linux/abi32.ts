/**
 * The 32-bit ABIs (i386, arm EABI) as strace names their calls, and each
 * call's x86_64 counterpart with the same meaning: what the kernel view of a
 * 32-bit log judges against rules that describe x86_64.
 *
 * Sources (strace git 3e4d70a5e, the commit of linux/x86_64-syscalls.tsv):
 * - names: src/linux/i386/syscallent.h, src/linux/arm/syscallent.h and
 *   src/linux/32/syscallent-common-32.h (the `*_time64` calls); listed here
 *   are the names that x86_64 does not have (every other 32-bit name is an
 *   x86_64 name too, and is judged as it is);
 * - printed arguments: the decoders named per entry (SYS_FUNC in src/*.c).
 *   mmap2's offset is printed in bytes already (src/mem.c mmap_pgoff and
 *   mmap_4koff multiply the page offset), so mmap2 is mmap argument for
 *   argument; _llseek prints fd, the 64-bit offset, the result and whence
 *   (src/lseek.c llseek), which is lseek without the result.
 * - the arm-only and i386-only names that tell the two apart:
 *   set_tls/get_tls/cacheflush/breakpoint (arm syscallent.h, ARM private
 *   calls) and set_thread_area/get_thread_area/vm86old (i386 syscallent.h;
 *   glibc's i386 start-up calls set_thread_area, arm's calls set_tls).
 */

/** Where a counterpart's argument comes from: a printed position, nothing printed (matches any pattern), or a fixed value. */
export type ArgSource = number | 'unprinted' | { value: string };

export interface Counterpart {
  /** The 32-bit name strace prints. */
  name: string;
  /** The x86_64 syscall with the same meaning, or null when there is none. */
  x86_64: string | null;
  /** The counterpart's arguments, from the printed ones; absent: the same, position for position. */
  args?: readonly ArgSource[];
  /** The decoder, and why the mapping holds (or why there is none). */
  note: string;
}

const same = (name: string, x86_64: string, note: string): Counterpart => ({ name, x86_64, note });
const none = (name: string, note: string): Counterpart => ({ name, x86_64: null, note });

/** `getuid32` → `getuid`: the 32-bit uid calls (i386, arm: 32-bit ids instead of the old 16-bit ones). */
const UID32 = [
  'chown32', 'fchown32', 'lchown32', 'getuid32', 'getgid32', 'geteuid32', 'getegid32', 'setuid32', 'setgid32',
  'setreuid32', 'setregid32', 'setresuid32', 'setresgid32', 'getresuid32', 'getresgid32', 'getgroups32',
  'setgroups32', 'setfsuid32', 'setfsgid32',
].map((n) => same(n, n.slice(0, -2), 'the 32-bit uid/gid variant (src/uid.c, printed as the x86_64 call)'));

/** `clock_gettime64` → `clock_gettime`: 64-bit time on 32-bit ABIs (syscallent-common-32.h), printed as the x86_64 call. */
const TIME64: [string, string][] = [
  ['clock_gettime64', 'clock_gettime'], ['clock_settime64', 'clock_settime'], ['clock_adjtime64', 'clock_adjtime'],
  ['clock_getres_time64', 'clock_getres'], ['clock_nanosleep_time64', 'clock_nanosleep'],
  ['timer_gettime64', 'timer_gettime'], ['timer_settime64', 'timer_settime'],
  ['timerfd_gettime64', 'timerfd_gettime'], ['timerfd_settime64', 'timerfd_settime'],
  ['utimensat_time64', 'utimensat'], ['pselect6_time64', 'pselect6'], ['ppoll_time64', 'ppoll'],
  ['io_pgetevents_time64', 'io_pgetevents'], ['recvmmsg_time64', 'recvmmsg'],
  ['mq_timedsend_time64', 'mq_timedsend'], ['mq_timedreceive_time64', 'mq_timedreceive'],
  ['semtimedop_time64', 'semtimedop'], ['rt_sigtimedwait_time64', 'rt_sigtimedwait'],
  ['futex_time64', 'futex'], ['sched_rr_get_interval_time64', 'sched_rr_get_interval'],
];

export const COUNTERPARTS: readonly Counterpart[] = [
  same('mmap2', 'mmap', 'src/mem.c mmap_pgoff/mmap_4koff: printed as mmap, the offset already in bytes'),
  same('fstat64', 'fstat', 'src/stat64.c fstat64: fd, struct stat'),
  same('stat64', 'stat', 'src/stat64.c stat64: path, struct stat'),
  same('lstat64', 'lstat', 'src/stat64.c lstat64: path, struct stat'),
  same('fstatat64', 'newfstatat', 'src/stat64.c fstatat64: dirfd, path, struct stat, flags'),
  same('fcntl64', 'fcntl', 'src/fcntl.c fcntl64: the fcntl decoder'),
  { name: '_llseek', x86_64: 'lseek', args: [0, 1, 3], note: 'src/lseek.c llseek: fd, offset (high and low joined), result, whence; lseek has no result' },
  same('ftruncate64', 'ftruncate', 'src/truncate.c ftruncate64: fd, 64-bit length'),
  same('truncate64', 'truncate', 'src/truncate.c truncate64: path, 64-bit length'),
  { name: 'statfs64', x86_64: 'statfs', args: [0, 2], note: 'src/statfs.c statfs64: path, size, buf; statfs has no size' },
  { name: 'fstatfs64', x86_64: 'fstatfs', args: [0, 2], note: 'src/statfs.c fstatfs64: fd, size, buf; fstatfs has no size' },
  same('sendfile64', 'sendfile', 'src/sendfile.c sendfile64: out_fd, in_fd, 64-bit offset, count'),
  same('ugetrlimit', 'getrlimit', 'src/resource.c getrlimit (SEN(getrlimit) in both tables)'),
  same('_newselect', 'select', 'src/select.c select: the same five arguments'),
  same('fadvise64_64', 'fadvise64', 'src/fadvise.c fadvise64_64: fd, offset, len, advice (printed 64-bit)'),
  { name: 'sync_file_range2', x86_64: 'sync_file_range', args: [0, 2, 3, 1], note: 'src/sync_file_range2.c: fd, flags, offset, nbytes (flags moved first for arm register pairs)' },
  same('sigreturn', 'rt_sigreturn', 'arch_sigreturn.c: return from a signal handler, printed {mask=...} as rt_sigreturn'),
  { name: 'sigaction', x86_64: 'rt_sigaction', args: [0, 1, 2, 'unprinted'], note: 'src/signal.c sigaction: signum, act, oldact; rt_sigaction adds sigsetsize' },
  { name: 'sigprocmask', x86_64: 'rt_sigprocmask', args: [0, 1, 2, 'unprinted'], note: 'src/signal.c sigprocmask: how, set, oldset; rt_sigprocmask adds sigsetsize' },
  { name: 'sigpending', x86_64: 'rt_sigpending', args: [0, 'unprinted'], note: 'src/signal.c sigpending: set; rt_sigpending adds sigsetsize' },
  { name: 'sigsuspend', x86_64: 'rt_sigsuspend', args: [0, 'unprinted'], note: 'src/signal.c sigsuspend: prints the mask only; rt_sigsuspend adds sigsetsize' },
  { name: 'waitpid', x86_64: 'wait4', args: [0, 1, 2, { value: 'NULL' }], note: 'src/wait.c waitpid: pid, status, options; wait4 with no rusage' },
  { name: 'umount', x86_64: 'umount2', args: [0, { value: '0' }], note: 'src/umount.c umount: path; umount2 with no flags' },
  { name: 'send', x86_64: 'sendto', args: [0, 1, 2, 3, { value: 'NULL' }, { value: '0' }], note: 'src/net.c send (arm): fd, buf, len, flags; sendto with no address' },
  { name: 'recv', x86_64: 'recvfrom', args: [0, 1, 2, 3, { value: 'NULL' }, { value: 'NULL' }], note: 'src/net.c recv (arm): fd, buf, len, flags; recvfrom with no address' },
  ...UID32,
  ...TIME64.map(([n, x]) => same(n, x, '64-bit time variant (src/linux/32/syscallent-common-32.h), printed as the x86_64 call')),
  none('socketcall', 'i386 multiplexer: strace prints the socket call it carries by that call\'s name; a line named socketcall was not decoded'),
  none('ipc', 'i386/arm SysV IPC multiplexer: strace prints the IPC call it carries by its name; a line named ipc was not decoded'),
  none('signal', 'old signal(2): no x86_64 call (rt_sigaction has other arguments)'),
  none('sgetmask', 'old signal mask call: no x86_64 call'),
  none('ssetmask', 'old signal mask call: no x86_64 call'),
  none('oldstat', 'the pre-1.0 struct stat: no x86_64 call'),
  none('oldfstat', 'the pre-1.0 struct stat: no x86_64 call'),
  none('oldlstat', 'the pre-1.0 struct stat: no x86_64 call'),
  none('olduname', 'the old struct utsname: no x86_64 call'),
  none('oldolduname', 'the oldest struct utsname: no x86_64 call'),
  none('readdir', 'old readdir(2): one entry per call; no x86_64 call'),
  none('nice', 'no x86_64 call (setpriority has other arguments)'),
  none('stime', 'no x86_64 call (settimeofday has other arguments)'),
  none('ftime', 'never implemented by Linux'),
  none('ulimit', 'never implemented by Linux'),
  none('vm86', 'i386 virtual 8086 mode'),
  none('vm86old', 'i386 virtual 8086 mode'),
  none('set_tls', 'arm private call (ARM_set_tls); x86_64 sets its TLS with arch_prctl'),
  none('get_tls', 'arm private call (ARM_get_tls)'),
  none('cacheflush', 'arm private call (ARM_cacheflush)'),
  none('breakpoint', 'arm private call (ARM_breakpoint)'),
  none('usr26', 'arm private call (ARM_usr26)'),
  none('usr32', 'arm private call (ARM_usr32)'),
  none('cmpxchg', 'arm private call (ARM_cmpxchg)'),
  none('pciconfig_iobase', 'arm PCI call'),
  none('pciconfig_read', 'arm PCI call'),
  none('pciconfig_write', 'arm PCI call'),
  none('syscall', 'arm indirect syscall(2) entry'),
  none('idle', 'removed from Linux'),
  none('bdflush', 'removed from Linux'),
  ...['break', 'gtty', 'stty', 'lock', 'mpx', 'prof', 'profil'].map((n) => none(n, 'never implemented by Linux')),
];

/** Names that only the i386 ABI has (with a 32-bit name, they say i386). */
export const I386_MARKERS: ReadonlySet<string> = new Set(['set_thread_area', 'get_thread_area', 'vm86old']);
/** Names that only the arm ABI has. */
export const ARM_MARKERS: ReadonlySet<string> = new Set([
  'set_tls', 'get_tls', 'cacheflush', 'breakpoint', 'usr26', 'usr32', 'cmpxchg', 'sync_file_range2', 'send', 'recv',
  'pciconfig_iobase', 'pciconfig_read', 'pciconfig_write',
]);

/**
 * x86_64 names that arm64 does not have (strace's src/linux/64/syscallent.h,
 * the generic table, against linux/x86_64-syscalls.tsv): a 64-bit log with
 * one of them was traced on x86_64. arm64 has no name that x86_64 lacks.
 */
export const X86_64_NOT_ARM64: ReadonlySet<string> = new Set([
  '_sysctl', 'access', 'afs_syscall', 'alarm', 'arch_prctl', 'chmod', 'chown', 'creat', 'create_module', 'dup2',
  'epoll_create', 'epoll_ctl_old', 'epoll_wait', 'epoll_wait_old', 'eventfd', 'fork', 'futimesat', 'get_kernel_syms',
  'get_thread_area', 'getdents', 'getpgrp', 'getpmsg', 'inotify_init', 'ioperm', 'iopl', 'lchown', 'link', 'lstat',
  'mkdir', 'mknod', 'modify_ldt', 'open', 'pause', 'pipe', 'poll', 'putpmsg', 'query_module', 'readlink', 'rename',
  'rmdir', 'security', 'select', 'set_thread_area', 'signalfd', 'stat', 'symlink', 'sysfs', 'time', 'tuxcall',
  'unlink', 'uselib', 'ustat', 'utime', 'utimes', 'vfork', 'vserver',
]);

const byName = new Map(COUNTERPARTS.map((c) => [c.name, c]));

/** The x86_64 counterpart of a 32-bit-only name, or undefined for a name x86_64 has too (or an unknown one). */
export function counterpart(name: string): Counterpart | undefined {
  return byName.get(name);
}
