/**
 * scmlc's flag-name warnings from strace's own tables (compiler/check-flags.ts):
 * misspelt names, names of another argument's table, names strace prints by
 * another spelling, and what must never warn.
 */
import * as path from 'node:path';
import { loadMatcherModule } from '../../runtime/load-module';
import { read } from '../reader/helpers';
import { REPO_ROOT } from '../fixtures/paths';
import { analyzeTexts } from './helpers';

function warnings(text: string): string[] {
  return analyzeTexts({ 't.scml': text }, { linux: true }).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
}

test("the issue's two lines: a misspelling, a name of another table, an unknown name", () => {
  expect(
    warnings(
      'mmap(addr, len, prot = PROT_READ | PROT_WRTE, flags = MAP_PRIVATE | O_CLOEXEC, fd, off);\n' +
        'openat(dirfd, path, flags = O_RDONLY | O_BOGUS);\n',
    ),
  ).toEqual([
    "1:36: strace never prints 'PROT_WRTE' (it is in none of strace's tables; it prints mmap's 'prot' (argument 3) with mmap_prot, src/mem.c: print_mmap (printflags64 mmap_prot)); did you mean 'PROT_WRITE'?",
    "1:69: strace never prints 'O_CLOEXEC' for mmap's 'flags' (argument 4), which it prints with mmap_flags, src/mem.c: print_mmap_flags; 'O_CLOEXEC' belongs to open_mode_flags (printed for fcntl's 3, open's 2, openat's 3, ...), memfd_secret_flags, uffd_flags, so this part never matches",
    "2:40: strace never prints 'O_BOGUS' (it is in none of strace's tables; it prints openat's 'flags' (argument 3) with open_access_modes and open_mode_flags, src/open.c: decode_open, tprint_open_modes)",
  ]);
});

test('a name inside a named flag set warns where it is written; struct fields and arrays are followed', () => {
  expect(
    warnings(
      [
        'prot = PROT_READ | PROT_EXCE;',
        'mprotect(addr, len, prot = <prot>);',
        'mmap(addr, len, prot = <prot>, flags, fd, off);', // the same occurrence: said once
        'struct sigaction = { sa_handler, sa_mask, sa_flags = SA_RESTART | O_NONBLOCK, .. };',
        'rt_sigaction(signum, act = <sigaction>, oldact, sigsetsize);',
        'poll(fds = [ { fd, events = POLLIN | POLLOUTT, .. } ], nfds, timeout);',
      ].join('\n'),
    ),
  ).toEqual([
    "1:20: strace never prints 'PROT_EXCE' (it is in none of strace's tables; it prints mprotect's 'prot' (argument 3) with mmap_prot, src/mem.c: SYS_FUNC(mprotect)); did you mean 'PROT_EXEC'?",
    "4:67: strace never prints 'O_NONBLOCK' for rt_sigaction's 'act.sa_flags' (argument 2), which it prints with sigact_flags, src/signal.c: decode_new_sigaction; 'O_NONBLOCK' belongs to open_mode_flags (printed for fcntl's 3, open's 2, openat's 3, ...), delete_module_flags, mq_attr_flags, uffd_flags, so this part never matches",
    "6:38: strace never prints 'POLLOUTT' (it is in none of strace's tables; it prints poll's 'fds.events' (argument 1) with pollflags, src/poll.c: print_pollfd); did you mean 'POLLOUT'?",
  ]);
});

test('names strace prints by another spelling, numbers, NULL and built-in names do not warn', () => {
  expect(
    warnings(
      [
        'inotify_add_watch(fd, path, mask = IN_CLOSE | IN_MOVE | IN_CLOSE_WRITE);', // combinations of printed names
        'futex(uaddr, op = FUTEX_WAIT | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME | FUTEX_WAKE_PRIVATE, val, t, NULL, 0);',
        'clone(fn, stack, flags = CLONE_VM | SIGCHLD | SIGRT_3, arg, ..);', // the exit signal among the flags
        'ioctl(fd, op = TCGETS | EVIOCGNAME | FIOCLEX | 0);', // sized codes (EVIOCGNAME(256)) and numbers
        'fsmount(fd, flags, attr = MOUNT_ATTR_RELATIME | MOUNT_ATTR_NOATIME);', // RELATIME is 0
        'getsockopt(fd, level = SOL_SOCKET, optname = SO_RCVTIMEO | SO_RCVTIMEO_OLD, v, l);', // the printed spelling is there
        'mmap(addr, len, prot, flags = MAP_SHARED | <INTEGER>, fd, off);',
        'read(fd, buf = O_RDONLY, count);', // unmapped argument, a name strace prints somewhere: not proven wrong
        'openat(dirfd = AT_FDCWD, path, flags);', // printed from code (src/open.c print_dirfd)
        'mount(src, dst, type, flags = MS_MGC_VAL | MS_BIND, data);',
      ].join('\n'),
    ),
  ).toEqual([]);
});

test('one name spelt differently: a warning only when the printed spelling is missing', () => {
  expect(warnings('getsockopt(fd, level, optname = SO_RCVTIMEO, v, l);\n')).toEqual([
    "1:33: strace prints this flag as 'SO_RCVTIMEO_OLD' for getsockopt's 'optname' (argument 3), never as 'SO_RCVTIMEO', so this part never matches; did you mean 'SO_RCVTIMEO_OLD'?",
  ]);
});

test('an unmapped argument still gets the never-printed check; clone counts SCML positions', () => {
  expect(warnings('read(fd, buf = FROBNICATE_FLAG, count);\nclone(fn, stack, flags = CLONE_VM | O_RDONLY, arg, ..);\n')).toEqual([
    "1:16: strace never prints 'FROBNICATE_FLAG' (it is in none of strace's tables)",
    "2:37: strace never prints 'O_RDONLY' for clone's 'flags' (argument 3), which it prints with clone_flags and signals and realtime_signals, src/clone.c: SYS_FUNC(clone) (flags, then the exit signal with printsignal); 'O_RDONLY' belongs to open_access_modes (printed for fcntl's 3, open's 2, openat's 3, ...), so this part never matches",
  ]);
});

test('the O_ASYNC warning on Asterinas is real: its module calls FASYNC unsupported', () => {
  const asterinas = loadMatcherModule(path.join(REPO_ROOT, 'generated', 'asterinas.js'));
  // Printed by strace for O_ASYNC (0o20000) on this project's machine, strace 6.1.
  const { records } = read(
    'openat(AT_FDCWD, "/tmp/x", O_RDONLY|O_CREAT|O_CLOEXEC|FASYNC, 0644) = 3\n' + 'fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK|FASYNC) = 0\n',
  );
  expect(records.map((r) => asterinas.match(r))).toEqual([-1, -1]);
  const { records: without } = read('openat(AT_FDCWD, "/tmp/x", O_RDONLY|O_CREAT|O_CLOEXEC, 0644) = 3\nfcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK) = 0\n');
  expect(without.map((r) => asterinas.match(r) >= 0)).toEqual([true, true]);
});
