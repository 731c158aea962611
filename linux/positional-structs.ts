/**
 * Structs that older strace versions printed without field names, with the
 * names their decoders print now, in the decoders' fixed order: a struct
 * member printed without a name gets the name of its position, so that
 * rules with field patterns (`act = { sa_handler, sa_flags = ..., .. }`)
 * judge old logs as they judge new ones.
 *
 * Sources (strace git history; the release is the first tag containing the commit):
 * - sigaction: src/signal.c decode_old_sigaction / decode_new_sigaction print
 *   sa_handler, sa_mask, sa_flags, sa_restorer (the last only with
 *   SA_RESTORER); names added by d454dac0d "signal: fix omission of field
 *   names in sigaction printers", strace 4.15 (2016-12-14). Before:
 *   `{SIG_IGN, [], SA_RESTORER, 0x76d52180}`.
 * - timespec, timeval: src/print_timespec.h, src/print_timeval.c print
 *   tv_sec, tv_nsec / tv_sec, tv_usec; names added by acdb08613 "Fix omission
 *   of field names in printers of timespec structure" (and its timeval
 *   twin), strace 4.15. Before: `{1, 500000000}`. Inside itimerspec and
 *   itimerval (`{it_interval={0, 0}, it_value={1, 0}}`) the outer names were
 *   always printed.
 * - epoll_event: src/epoll.c print_epoll_event prints events, data; names
 *   added by 7114a1d1c "epoll: fix printing of field names of struct
 *   epoll_event", strace 5.11 (2021-02-17). Before: `{EPOLLIN, {u32=41, u64=41}}`.
 * stack_t (ss_sp, ss_flags, ss_size: src/sigaltstack.c), pollfd (fd, events,
 * revents: src/poll.c), sockaddr (sa_family=...: src/sockaddr.c) and struct
 * stat (st_mode=...: src/print_struct_stat.c) have been printed with their
 * field names since strace's first revision in git (76baf7c9f, 1999), so no
 * strace log has them positional: they need no entry here.
 */

/** A struct's members in decoder order; a member may itself be a struct printed the same way. */
export interface StructShape {
  readonly name: string;
  readonly fields: readonly (readonly [string, StructShape | null])[];
}

const TIMESPEC: StructShape = { name: 'timespec', fields: [['tv_sec', null], ['tv_nsec', null]] };
const TIMEVAL: StructShape = { name: 'timeval', fields: [['tv_sec', null], ['tv_usec', null]] };
const ITIMERSPEC: StructShape = { name: 'itimerspec', fields: [['it_interval', TIMESPEC], ['it_value', TIMESPEC]] };
const ITIMERVAL: StructShape = { name: 'itimerval', fields: [['it_interval', TIMEVAL], ['it_value', TIMEVAL]] };
const SIGACTION: StructShape = {
  name: 'sigaction',
  fields: [['sa_handler', null], ['sa_mask', null], ['sa_flags', null], ['sa_restorer', null]],
};
const EPOLL_EVENT: StructShape = { name: 'epoll_event', fields: [['events', null], ['data', null]] };

/** [x86_64 syscall, argument position, shape]: the struct at that argument (or every struct of an array there). */
export const POSITIONAL_STRUCTS: readonly (readonly [string, number, StructShape])[] = [
  // The 32-bit sigaction is judged as rt_sigaction (linux/abi32.ts): these positions cover it too.
  ['rt_sigaction', 1, SIGACTION], ['rt_sigaction', 2, SIGACTION],
  ['epoll_ctl', 3, EPOLL_EVENT], ['epoll_wait', 1, EPOLL_EVENT], ['epoll_pwait', 1, EPOLL_EVENT], ['epoll_pwait2', 1, EPOLL_EVENT],
  ['nanosleep', 0, TIMESPEC], ['nanosleep', 1, TIMESPEC],
  ['clock_nanosleep', 2, TIMESPEC], ['clock_nanosleep', 3, TIMESPEC],
  ['clock_gettime', 1, TIMESPEC], ['clock_getres', 1, TIMESPEC], ['clock_settime', 1, TIMESPEC],
  ['futex', 3, TIMESPEC], ['ppoll', 2, TIMESPEC], ['pselect6', 4, TIMESPEC], ['rt_sigtimedwait', 2, TIMESPEC],
  ['sched_rr_get_interval', 1, TIMESPEC], ['utimensat', 2, TIMESPEC], ['semtimedop', 3, TIMESPEC],
  ['mq_timedsend', 4, TIMESPEC], ['mq_timedreceive', 4, TIMESPEC], ['io_getevents', 4, TIMESPEC], ['recvmmsg', 4, TIMESPEC],
  ['epoll_pwait2', 4, TIMESPEC],
  ['timer_settime', 2, ITIMERSPEC], ['timer_settime', 3, ITIMERSPEC], ['timer_gettime', 1, ITIMERSPEC],
  ['timerfd_settime', 2, ITIMERSPEC], ['timerfd_settime', 3, ITIMERSPEC], ['timerfd_gettime', 1, ITIMERSPEC],
  ['gettimeofday', 0, TIMEVAL], ['settimeofday', 0, TIMEVAL], ['select', 4, TIMEVAL],
  ['utimes', 1, TIMEVAL], ['futimesat', 2, TIMEVAL],
  ['setitimer', 1, ITIMERVAL], ['setitimer', 2, ITIMERVAL], ['getitimer', 1, ITIMERVAL],
];

const bySyscall = new Map<string, Map<number, StructShape>>();
for (const [syscall, position, shape] of POSITIONAL_STRUCTS) {
  let m = bySyscall.get(syscall);
  if (m === undefined) bySyscall.set(syscall, (m = new Map()));
  m.set(position, shape);
}

/** The positional struct shapes of a syscall's arguments (by position), or undefined when it has none. */
export function positionalStructs(syscall: string): ReadonlyMap<number, StructShape> | undefined {
  return bySyscall.get(syscall);
}
