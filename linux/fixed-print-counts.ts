/**
 * Syscalls for which strace always prints the same number of arguments, so
 * that a rule with another parameter count can never match a line of them
 * (scmlc warns; docs/behaviour.md section 5). Listed only where it is proven:
 *
 * - `decoder`: strace's decoder prints a fixed list, whatever the values
 *   (read in strace's `src/`, git 3e4d70a5e and earlier releases alike);
 * - `logs`: every call of the syscall in tests/fixtures/logs and
 *   tests/fixtures/probes has that count, and there is at least one (checked
 *   by tests/linux/fixed-print-counts.test.ts).
 *
 * A syscall whose decoder prints more or fewer arguments depending on an
 * operation or a flag (fcntl, open, prctl, mremap, futex, ...) never belongs
 * here. Extend the list only with both facts checked.
 */
export interface FixedPrintCount {
  syscall: string;
  /** How many arguments every strace line of this syscall has. */
  count: number;
  /** Where strace prints them, and what. */
  decoder: string;
  /** What the test logs show. */
  logs: string;
}

export const FIXED_PRINT_COUNTS: readonly FixedPrintCount[] = [
  {
    syscall: 'epoll_pwait',
    count: 6,
    decoder: 'src/epoll.c epoll_pwait_common: epfd, events, maxevents, timeout, sigmask, sigsetsize',
    logs: 'node_workers.log: every call has 6',
  },
  {
    syscall: 'epoll_pwait2',
    count: 6,
    decoder: 'src/epoll.c epoll_pwait_common (shared with epoll_pwait): epfd, events, maxevents, timeout, sigmask, sigsetsize',
    logs: 'print_counts.log: every call has 6',
  },
  {
    syscall: 'getcpu',
    count: 3,
    decoder: 'src/getcpu.c: cpu, node, tcache',
    logs: 'print_counts.log: every call has 3',
  },
  {
    syscall: 'sched_getattr',
    count: 4,
    decoder: 'src/sched.c: pid, attr, size, flags',
    logs: 'print_counts.log: every call has 4',
  },
];

const bySyscall = new Map(FIXED_PRINT_COUNTS.map((entry) => [entry.syscall, entry]));

/** The proven fixed count of a syscall's strace lines, or undefined when none is proven. */
export function fixedPrintCount(syscall: string): FixedPrintCount | undefined {
  return bySyscall.get(syscall);
}
