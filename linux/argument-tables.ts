/**
 * Which of strace's name tables (linux/strace-names.ts) strace prints a
 * syscall argument or struct field with, and how: `flags` (printflags: names
 * joined by `|`) or `value` (printxval: one name). Read from the decoders of
 * strace git 3e4d70a5e (src/*.c, cited per row), for the arguments the rule
 * sets constrain. Arguments are counted as strace prints them (0-based);
 * struct fields by the names strace prints (`sa_flags`, not `flags`).
 * tests/linux/argument-tables.test.ts checks every name that real logs print
 * for a mapped argument against its table.
 */
import { type NameEntry, type NameTable, nameTable, namesOf } from './strace-names';

export interface ArgumentTable {
  /** The table (several of strace's, merged, when the decoder prints with more than one). */
  readonly table: NameTable;
  readonly printedAs: 'flags' | 'value';
  /** The tables merged into `table`, each as strace has it. */
  readonly parts: readonly NameTable[];
  /** Where strace decides it, e.g. "src/mem.c: SYS_FUNC(mmap)". */
  readonly decoder: string;
  /**
   * Names strace does not print for this argument but which stand for what
   * it prints, with what it prints instead: a combination (`IN_CLOSE`:
   * `IN_CLOSE_WRITE`, `IN_CLOSE_NOWRITE`; none for a name meaning 0) or one
   * name spelt differently (`O_ASYNC`: `FASYNC`).
   */
  readonly otherSpellings: ReadonlyMap<string, readonly string[]>;
}

type Row = readonly [syscall: string, arg: number, field: string, tables: string, printedAs: 'flags' | 'value', decoder: string];

const SOCKADDR = 'src/sockaddr.c: print_sockaddr (sa_family with addrfams)';
const MSG_FLAGS = 'msg_flags';
const OPEN_FLAGS = 'open_access_modes open_mode_flags';
const SIGNALS = 'signals realtime_signals';

/** [syscall, argument, struct field path ('.'-joined, '' for the argument itself), tables, printed as, decoder]. */
const ROWS: readonly Row[] = [
  ['accept', 1, 'sa_family', 'addrfams', 'value', SOCKADDR],
  ['accept4', 1, 'sa_family', 'addrfams', 'value', SOCKADDR],
  ['accept4', 3, '', 'sock_type_flags', 'flags', 'src/net.c: SYS_FUNC(accept4)'],
  ['arch_prctl', 0, '', 'archvals', 'value', 'src/prctl.c: SYS_FUNC(arch_prctl)'],
  ['bind', 1, 'sa_family', 'addrfams', 'value', SOCKADDR],
  ['capget', 0, 'version', 'cap_version', 'value', 'src/capability.c: print_cap_header'],
  ['capset', 0, 'version', 'cap_version', 'value', 'src/capability.c: print_cap_header'],
  ['clock_gettime', 0, '', 'clocknames', 'value', 'src/time.c: printclockname'],
  ['clock_nanosleep', 0, '', 'clocknames', 'value', 'src/time.c: do_clock_nanosleep, printclockname'],
  ['clock_nanosleep', 1, '', 'clockflags', 'flags', 'src/time.c: do_clock_nanosleep'],
  ['clone', 1, '', `clone_flags ${SIGNALS}`, 'flags', 'src/clone.c: SYS_FUNC(clone) (flags, then the exit signal with printsignal)'],
  ['clone3', 0, 'flags', 'clone_flags clone3_flags', 'flags', 'src/clone.c: SYS_FUNC(clone3)'],
  ['close_range', 2, '', 'close_range_flags', 'flags', 'src/close_range.c: SYS_FUNC(close_range)'],
  ['connect', 1, 'sa_family', 'addrfams', 'value', SOCKADDR],
  ['epoll_create1', 0, '', 'epollflags', 'flags', 'src/epoll.c: SYS_FUNC(epoll_create1)'],
  ['epoll_ctl', 1, '', 'epollctls', 'value', 'src/epoll.c: SYS_FUNC(epoll_ctl)'],
  ['epoll_ctl', 3, 'events', 'epollevents', 'flags', 'src/epoll.c: print_epoll_event'],
  ['eventfd2', 1, '', 'efd_flags', 'flags', 'src/eventfd.c: do_eventfd'],
  ['execveat', 4, '', 'execveat_flags', 'flags', 'src/execve.c: SYS_FUNC(execveat)'],
  ['faccessat2', 3, '', 'faccessat_flags', 'flags', 'src/access.c: SYS_FUNC(faccessat2)'],
  ['fadvise64', 3, '', 'advise', 'value', 'src/fadvise.c: SYS_FUNC(fadvise64)'],
  ['fallocate', 1, '', 'falloc_flags', 'flags', 'src/fallocate.c: SYS_FUNC(fallocate)'],
  ['fchmodat2', 3, '', 'fchmodat_flags', 'flags', 'src/chmod.c: SYS_FUNC(fchmodat2)'],
  ['fchownat', 4, '', 'at_flags', 'flags', 'src/fchownat.c: SYS_FUNC(fchownat)'],
  ['fcntl', 1, '', 'fcntlcmds', 'value', 'src/fcntl.c: SYS_FUNC(fcntl)'],
  [
    'fcntl',
    2,
    '',
    `fdflags ${OPEN_FLAGS} f_seals notifyflags lockfcmds ${SIGNALS}`,
    'flags',
    'src/fcntl.c: print_fcntl (by command: F_SETFD fdflags, F_SETFL open modes, F_ADD_SEALS f_seals, F_NOTIFY notifyflags, F_SETLEASE lockfcmds, F_SETSIG printsignal)',
  ],
  ['flock', 1, '', 'flockcmds', 'flags', 'src/flock.c: SYS_FUNC(flock)'],
  ['fsconfig', 1, '', 'fsconfig_cmds', 'value', 'src/fsconfig.c: SYS_FUNC(fsconfig)'],
  ['fsetxattr', 4, '', 'xattrflags', 'flags', 'src/xattr.c: decode_setxattr_without_path'],
  ['fsmount', 1, '', 'fsmount_flags', 'flags', 'src/fsmount.c: SYS_FUNC(fsmount)'],
  ['fsmount', 2, '', 'fsmount_attr_flags', 'flags', 'src/fsmount.c: SYS_FUNC(fsmount)'],
  ['fsopen', 1, '', 'fsopen_flags', 'flags', 'src/fsopen.c: SYS_FUNC(fsopen)'],
  ['futex', 1, '', 'futexops futex_op_flags', 'value', 'src/futex.c: do_futex (printxval futexops; FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME defined there)'],
  ['getpriority', 0, '', 'priorities', 'value', 'src/resource.c: SYS_FUNC(getpriority)'],
  ['getrandom', 2, '', 'getrandom_flags', 'flags', 'src/getrandom.c: SYS_FUNC(getrandom)'],
  ['getrlimit', 0, '', 'resources', 'value', 'src/resource.c: SYS_FUNC(getrlimit)'],
  ['getrusage', 0, '', 'usagewho', 'value', 'src/resource.c: SYS_FUNC(getrusage)'],
  ['getsockopt', 1, '', 'socketlayers', 'value', 'src/net.c: print_sockopt_fd_level_name'],
  ['getsockopt', 2, '', 'sock_options getsock_options sock_ip_options getsock_ip_options sock_tcp_options sock_netlink_options', 'value', 'src/net.c: print_sockopt_fd_level_name (by level)'],
  ['inotify_add_watch', 2, '', 'inotify_flags', 'flags', 'src/inotify.c: SYS_FUNC(inotify_add_watch)'],
  ['inotify_init1', 0, '', 'inotify_init_flags', 'flags', 'src/inotify.c: SYS_FUNC(inotify_init1)'],
  ['ioctl', 1, '', 'ioctl_codes ioctl_sized_codes', 'value', 'src/ioctl.c: SYS_FUNC(ioctl), ioctl_decode_command_number (src/linux/x86_64/ioctls_inc0.h, ioctls_arch0.h)'],
  ['ioprio_get', 0, '', 'ioprio_who', 'value', 'src/ioprio.c: SYS_FUNC(ioprio_get)'],
  ['ioprio_set', 0, '', 'ioprio_who', 'value', 'src/ioprio.c: SYS_FUNC(ioprio_set)'],
  ['linkat', 4, '', 'at_flags', 'flags', 'src/link.c: SYS_FUNC(linkat)'],
  ['listmount', 3, '', 'listmount_flags', 'flags', 'src/listmount.c: SYS_FUNC(listmount)'],
  ['lseek', 2, '', 'whence_codes', 'value', 'src/lseek.c: SYS_FUNC(lseek)'],
  ['lsetxattr', 4, '', 'xattrflags', 'flags', 'src/xattr.c: decode_setxattr_without_path'],
  ['madvise', 2, '', 'madvise_cmds', 'value', 'src/mem.c: SYS_FUNC(madvise)'],
  ['memfd_create', 1, '', 'memfd_create_flags', 'flags', 'src/memfd_create.c: SYS_FUNC(memfd_create)'],
  ['mmap', 2, '', 'mmap_prot', 'flags', 'src/mem.c: print_mmap (printflags64 mmap_prot)'],
  ['mmap', 3, '', 'mmap_flags', 'flags', 'src/mem.c: print_mmap_flags'],
  ['mount', 3, '', 'mount_flags mount_magic', 'flags', 'src/mount.c: SYS_FUNC(mount)'],
  ['move_mount', 4, '', 'move_mount_flags', 'flags', 'src/move_mount.c: SYS_FUNC(move_mount)'],
  ['mprotect', 2, '', 'mmap_prot', 'flags', 'src/mem.c: SYS_FUNC(mprotect)'],
  ['mremap', 3, '', 'mremap_flags', 'flags', 'src/mem.c: SYS_FUNC(mremap)'],
  ['msync', 2, '', 'mctl_sync', 'flags', 'src/mem.c: SYS_FUNC(msync)'],
  ['newfstatat', 3, '', 'at_flags', 'flags', 'src/stat.c: SYS_FUNC(newfstatat)'],
  ['open', 1, '', OPEN_FLAGS, 'flags', 'src/open.c: decode_open, tprint_open_modes'],
  ['openat', 2, '', OPEN_FLAGS, 'flags', 'src/open.c: decode_open, tprint_open_modes'],
  ['pidfd_open', 1, '', 'pidfd_open_flags', 'flags', 'src/pidfd_open.c: SYS_FUNC(pidfd_open)'],
  ['pidfd_send_signal', 3, '', 'pidfd_send_signal_flags', 'flags', 'src/signal.c: SYS_FUNC(pidfd_send_signal)'],
  ['pipe2', 1, '', OPEN_FLAGS, 'flags', 'src/net.c: do_pipe (tprint_open_modes)'],
  ['poll', 0, 'events', 'pollflags', 'flags', 'src/poll.c: print_pollfd'],
  ['ppoll', 0, 'events', 'pollflags', 'flags', 'src/poll.c: print_pollfd'],
  ['prctl', 0, '', 'prctl_options', 'value', 'src/prctl.c: SYS_FUNC(prctl)'],
  ['prctl', 1, '', 'pr_cap_ambient', 'value', 'src/prctl.c: SYS_FUNC(prctl) (PR_CAP_AMBIENT)'],
  ['preadv2', 4, '', 'rwf_flags', 'flags', 'src/io.c: SYS_FUNC(preadv2)'],
  ['prlimit64', 1, '', 'resources', 'value', 'src/resource.c: SYS_FUNC(prlimit64)'],
  ['ptrace', 0, '', 'ptrace_cmds', 'value', 'src/ptrace.c: decode_ptrace_entering'],
  ['pwritev2', 4, '', 'rwf_flags', 'flags', 'src/io.c: SYS_FUNC(pwritev2)'],
  ['reboot', 0, '', 'bootflags1', 'value', 'src/reboot.c: SYS_FUNC(reboot)'],
  ['reboot', 1, '', 'bootflags2', 'value', 'src/reboot.c: SYS_FUNC(reboot)'],
  ['reboot', 2, '', 'bootflags3', 'value', 'src/reboot.c: SYS_FUNC(reboot)'],
  ['recvfrom', 3, '', MSG_FLAGS, 'flags', 'src/net.c: SYS_FUNC(recvfrom)'],
  ['recvmsg', 2, '', MSG_FLAGS, 'flags', 'src/msghdr.c: SYS_FUNC(recvmsg)'],
  ['rt_sigaction', 0, '', SIGNALS, 'value', 'src/signal.c: SYS_FUNC(rt_sigaction), printsignal'],
  ['rt_sigaction', 1, 'sa_flags', 'sigact_flags', 'flags', 'src/signal.c: decode_new_sigaction'],
  ['rt_sigprocmask', 0, '', 'sigprocmaskcmds', 'value', 'src/signal.c: SYS_FUNC(rt_sigprocmask)'],
  ['sched_get_priority_max', 0, '', 'schedulers', 'value', 'src/sched.c: SYS_FUNC(sched_get_priority_min) (shared)'],
  ['sched_get_priority_min', 0, '', 'schedulers', 'value', 'src/sched.c: SYS_FUNC(sched_get_priority_min)'],
  ['sched_getattr', 1, 'sched_policy', 'schedulers', 'value', 'src/sched.c: print_sched_attr'],
  ['sched_getattr', 1, 'sched_flags', 'sched_flags', 'flags', 'src/sched.c: print_sched_attr'],
  ['sched_getattr', 3, '', 'sched_getattr_flags', 'flags', 'src/sched.c: SYS_FUNC(sched_getattr)'],
  ['sched_setattr', 1, 'sched_policy', 'schedulers', 'value', 'src/sched.c: print_sched_attr'],
  ['sched_setattr', 1, 'sched_flags', 'sched_flags', 'flags', 'src/sched.c: print_sched_attr'],
  ['sched_setscheduler', 1, '', 'schedulers', 'value', 'src/sched.c: print_policy'],
  ['semctl', 2, '', 'semctl_flags', 'value', 'src/ipc_semctl.c: SYS_FUNC(semctl) (PRINTCTL)'],
  ['semget', 2, '', 'resource_flags', 'flags', 'src/ipc_sem.c: SYS_FUNC(semget) (and the mode in octal)'],
  ['semop', 1, 'sem_flg', 'semop_flags', 'flags', 'src/ipc_sem.c: print_sembuf'],
  ['sendmmsg', 1, 'msg_hdr.msg_name.sa_family', 'addrfams', 'value', SOCKADDR],
  ['sendmmsg', 3, '', MSG_FLAGS, 'flags', 'src/mmsghdr.c: SYS_FUNC(sendmmsg)'],
  ['sendmsg', 1, 'msg_name.sa_family', 'addrfams', 'value', SOCKADDR],
  ['sendmsg', 2, '', MSG_FLAGS, 'flags', 'src/msghdr.c: SYS_FUNC(sendmsg)'],
  ['sendto', 3, '', MSG_FLAGS, 'flags', 'src/net.c: SYS_FUNC(sendto)'],
  ['sendto', 4, 'sa_family', 'addrfams', 'value', SOCKADDR],
  ['setns', 1, '', 'setns_types', 'flags', 'src/clone.c: SYS_FUNC(setns)'],
  ['setpriority', 0, '', 'priorities', 'value', 'src/resource.c: SYS_FUNC(setpriority)'],
  ['setrlimit', 0, '', 'resources', 'value', 'src/resource.c: SYS_FUNC(setrlimit)'],
  ['setsockopt', 1, '', 'socketlayers', 'value', 'src/net.c: print_sockopt_fd_level_name'],
  ['setsockopt', 2, '', 'sock_options setsock_options sock_ip_options setsock_ip_options sock_tcp_options sock_netlink_options', 'value', 'src/net.c: print_sockopt_fd_level_name (by level)'],
  ['setxattr', 4, '', 'xattrflags', 'flags', 'src/xattr.c: decode_setxattr_without_path'],
  ['shutdown', 1, '', 'shutdown_modes', 'value', 'src/shutdown.c: SYS_FUNC(shutdown)'],
  ['sigaltstack', 0, 'ss_flags', 'sigaltstack_flags', 'flags', 'src/sigaltstack.c: print_stack_t'],
  ['sigaltstack', 1, 'ss_flags', 'sigaltstack_flags', 'flags', 'src/sigaltstack.c: print_stack_t'],
  ['signalfd4', 3, '', 'sfd_flags', 'flags', 'src/signalfd.c: do_signalfd'],
  ['socket', 0, '', 'addrfams', 'value', 'src/net.c: SYS_FUNC(socket)'],
  ['socket', 1, '', 'socktypes sock_type_flags', 'flags', 'src/net.c: tprint_sock_type'],
  ['socket', 2, '', 'inet_protocols netlink_protocols', 'value', 'src/net.c: SYS_FUNC(socket) (protocol by domain)'],
  ['socketpair', 0, '', 'addrfams', 'value', 'src/net.c: SYS_FUNC(socketpair)'],
  ['socketpair', 1, '', 'socktypes sock_type_flags', 'flags', 'src/net.c: tprint_sock_type'],
  ['statx', 2, '', 'at_statx_sync_types at_flags', 'flags', 'src/statx.c: SYS_FUNC(statx)'],
  ['statx', 3, '', 'statx_masks', 'flags', 'src/statx.c: SYS_FUNC(statx)'],
  ['timer_create', 0, '', 'clocknames', 'value', 'src/time.c: SYS_FUNC(timer_create), printclockname'],
  ['timer_create', 1, 'sigev_notify', 'sigev_value', 'value', 'src/print_sigevent.c: print_sigevent'],
  ['timerfd_create', 0, '', 'clocknames', 'value', 'src/time.c: SYS_FUNC(timerfd_create), printclockname'],
  ['timerfd_create', 1, '', 'timerfdflags', 'flags', 'src/time.c: SYS_FUNC(timerfd_create)'],
  ['timerfd_settime', 1, '', 'timerfdflags', 'flags', 'src/time.c: do_timerfd_settime'],
  ['umount2', 1, '', 'umount_flags', 'flags', 'src/umount.c: SYS_FUNC(umount2)'],
  ['unlinkat', 2, '', 'at_flags', 'flags', 'src/link.c: SYS_FUNC(unlinkat)'],
  ['unshare', 0, '', 'unshare_flags', 'flags', 'src/clone.c: SYS_FUNC(unshare)'],
  ['utimensat', 3, '', 'at_flags', 'flags', 'src/utimes.c: do_utimensat'],
  ['wait4', 2, '', 'wait4_options', 'flags', 'src/wait.c: printwaitn'],
  ['waitid', 0, '', 'waitid_types', 'value', 'src/wait.c: SYS_FUNC(waitid)'],
  ['waitid', 3, '', 'wait4_options', 'flags', 'src/wait.c: SYS_FUNC(waitid)'],
];

/**
 * Names that mean a combination of printed names (the kernel's uapi headers
 * define them so; strace prints the parts), by the table of their parts.
 */
const OTHER_SPELLINGS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // include/uapi/linux/inotify.h: IN_CLOSE = IN_CLOSE_WRITE|IN_CLOSE_NOWRITE, IN_MOVE = IN_MOVED_FROM|IN_MOVED_TO.
  inotify_flags: { IN_CLOSE: ['IN_CLOSE_WRITE', 'IN_CLOSE_NOWRITE'], IN_MOVE: ['IN_MOVED_FROM', 'IN_MOVED_TO'] },
  // glibc bits/fcntl-linux.h: O_ASYNC = FASYNC (020000), O_NDELAY = O_NONBLOCK, O_FSYNC = O_RSYNC = O_SYNC.
  open_mode_flags: { O_ASYNC: ['FASYNC'], O_NDELAY: ['O_NONBLOCK'], O_FSYNC: ['O_SYNC'], O_RSYNC: ['O_SYNC'] },
  // include/uapi/asm-generic/socket.h on x86_64 (64-bit time): SO_RCVTIMEO = SO_RCVTIMEO_OLD, SO_SNDTIMEO = SO_SNDTIMEO_OLD.
  sock_options: { SO_RCVTIMEO: ['SO_RCVTIMEO_OLD'], SO_SNDTIMEO: ['SO_SNDTIMEO_OLD'], SO_TIMESTAMP: ['SO_TIMESTAMP_OLD'], SO_TIMESTAMPNS: ['SO_TIMESTAMPNS_OLD'], SO_TIMESTAMPING: ['SO_TIMESTAMPING_OLD'] },
  // include/uapi/linux/mount.h: MOUNT_ATTR_RELATIME is 0 (printed as nothing; a flag pattern always accepts 0).
  fsmount_attr_flags: { MOUNT_ATTR_RELATIME: [] },
};

const merged = new Map<string, NameTable>();

function mergedTable(names: string): NameTable {
  const cached = merged.get(names);
  if (cached !== undefined) return cached;
  const parts = names.split(' ').map((n) => {
    const t = nameTable(n);
    if (t === undefined) throw new Error(`linux/argument-tables.ts: no strace table '${n}'`);
    return t;
  });
  const table: NameTable =
    parts.length === 1
      ? parts[0]
      : {
          name: names.replace(/ /g, '+'),
          entries: parts.flatMap((p): NameEntry[] => [...p.entries]),
          unvalued: parts.flatMap((p) => [...p.unvalued]),
        };
  merged.set(names, table);
  return table;
}

function key(syscall: string, argIndex: number, field: string): string {
  return `${syscall}/${argIndex}/${field}`;
}

const byKey = new Map<string, Row>(ROWS.map((r) => [key(r[0], r[1], r[2]), r]));

function resolveRow(row: Row): ArgumentTable {
  const tables = row[3].split(' ');
  return {
    table: mergedTable(row[3]),
    parts: tables.map((t) => mergedTable(t)),
    printedAs: row[4],
    decoder: row[5],
    otherSpellings: new Map(tables.flatMap((t) => Object.entries(OTHER_SPELLINGS[t] ?? {}))),
  };
}

/**
 * The printed position of an SCML parameter: the same, except for `clone`,
 * whose SCML view inserts two arguments strace does not print, at 0 and 3
 * (docs/behaviour.md section 3; runtime/reader/call-record.ts); undefined there.
 */
export function printedIndex(syscall: string, scmlIndex: number): number | undefined {
  if (syscall !== 'clone') return scmlIndex;
  if (scmlIndex === 0 || scmlIndex === 3) return undefined;
  return scmlIndex < 3 ? scmlIndex - 1 : scmlIndex - 2;
}

/** The table strace prints this argument (or struct field of it) with, or undefined when not mapped. */
export function argumentTable(syscall: string, argIndex: number, fieldPath: readonly string[] = []): ArgumentTable | undefined {
  const row = byKey.get(key(syscall, argIndex, fieldPath.join('.')));
  return row === undefined ? undefined : resolveRow(row);
}

export interface MappedArgument extends ArgumentTable {
  readonly syscall: string;
  readonly argIndex: number;
  readonly fieldPath: readonly string[];
}

/** Every mapped argument, in syscall order. */
export function mappedArguments(): MappedArgument[] {
  return ROWS.map((r) => ({ syscall: r[0], argIndex: r[1], fieldPath: r[2] === '' ? [] : r[2].split('.'), ...resolveRow(r) }));
}

/** True for a name some table's other spellings list (O_ASYNC, IN_CLOSE). */
export function isOtherSpelling(name: string): boolean {
  return Object.values(OTHER_SPELLINGS).some((spellings) => Object.hasOwn(spellings, name));
}

/**
 * Every name the argument's table lists, valued or not, and the other
 * spellings that stand for a combination (not for one name spelt differently:
 * a rule with only `O_ASYNC` never matches strace's `FASYNC`).
 */
export function acceptedNames(arg: ArgumentTable): Set<string> {
  const combined = [...arg.otherSpellings].filter(([, printed]) => printed.length !== 1).map(([name]) => name);
  return new Set([...namesOf(arg.table), ...combined]);
}
