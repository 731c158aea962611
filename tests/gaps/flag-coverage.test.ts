/**
 * Flag coverage of a rule set (runtime/report/flag-coverage.ts): what the
 * rules allow per argument strace prints with a name table, and what they
 * never mention; the Asterinas numbers quoted in the note.
 */
import * as path from 'node:path';
import { flagCoverage } from '../../runtime/report/flag-coverage';
import { loadMatcherModule } from '../../runtime/load-module';
import { compile, REPO } from './helpers';

function coverageOf(scml: string) {
  return flagCoverage(compile([['t.scml', scml]]));
}

test('allowed names in table order, never-mentioned ones without zero flags or later aliases', () => {
  const [prot, flags] = coverageOf('mmap(addr, len, prot = PROT_WRITE | PROT_READ, flags = MAP_PRIVATE | MAP_ANONYMOUS | <INTEGER>, fd, off);');
  expect(prot).toMatchObject({ syscall: 'mmap', argument: 3, parameter: 'prot', table: 'mmap_prot', allowed: ['PROT_READ', 'PROT_WRITE'], anyValue: false });
  // PROT_NONE is 0: every flag pattern accepts it.
  expect(prot.neverMentioned).toEqual(['PROT_EXEC', 'PROT_SEM', 'PROT_GROWSDOWN', 'PROT_GROWSUP']);
  expect(flags.neverMentioned).toContain('MAP_DENYWRITE');
  expect(flags.neverMentioned).not.toContain('MAP_FILE'); // 0
  expect(flags.neverMentioned).not.toContain('MAP_GROWSUP'); // not on x86_64
});

test('a rule leaving the argument free allows everything; struct fields and clone positions are followed', () => {
  const all = coverageOf(
    [
      'mmap(addr, len, prot = PROT_READ, flags, fd, off);',
      'mmap(addr, len, prot, flags = MAP_SHARED, fd, off);',
      'rt_sigaction(sig, act = { sa_handler, sa_flags = SA_RESTART, .. }, oldact, size);',
      'clone(fn, stack, flags = CLONE_VM | SIGCHLD, arg, ..);',
    ].join('\n'),
  );
  expect(all.map((c) => [c.syscall, c.argument, c.parameter, c.anyValue])).toEqual([
    ['clone', 2, 'flags', false],
    ['mmap', 3, 'prot', true],
    ['mmap', 4, 'flags', true],
    ['rt_sigaction', 2, 'act.sa_flags', false],
  ]);
  expect(all[0].allowed).toEqual(['CLONE_VM', 'SIGCHLD']);
  expect(all[1].neverMentioned).toEqual([]);
  expect(all[3].neverMentioned).toContain('SA_NOCLDSTOP');
});

test('Asterinas: the flags it never mentions for mmap, openat, clone, fcntl and getrandom', () => {
  const module = loadMatcherModule(path.join(REPO, 'generated', 'asterinas.js'));
  const never = (syscall: string, argument: number) => flagCoverage(module.ir).find((c) => c.syscall === syscall && c.argument === argument)?.neverMentioned;
  expect(never('mmap', 4)).toEqual(['MAP_DROPPABLE', 'MAP_ABOVE4G', 'MAP_DENYWRITE', 'MAP_EXECUTABLE', 'MAP_STACK', 'MAP_SYNC', 'MAP_UNINITIALIZED']);
  expect(never('mmap', 3)).toEqual(['PROT_SEM', 'PROT_GROWSDOWN', 'PROT_GROWSUP']);
  expect(never('openat', 3)).toEqual(['O_ACCMODE', 'O_DSYNC', 'FASYNC']);
  expect(never('clone', 2)?.slice(0, 9)).toEqual([
    'CLONE_PTRACE', 'CLONE_UNTRACED', 'CLONE_NEWCGROUP', 'CLONE_NEWUTS', 'CLONE_NEWIPC', 'CLONE_NEWUSER', 'CLONE_NEWPID', 'CLONE_NEWNET', 'CLONE_IO',
  ]);
  expect(never('fcntl', 2)).toEqual([
    'F_SETSIG', 'F_GETSIG', 'F_SETOWN_EX', 'F_GETOWN_EX', 'F_GETOWNER_UIDS', 'F_OFD_GETLK', 'F_OFD_SETLK', 'F_OFD_SETLKW',
    'F_SETLEASE', 'F_GETLEASE', 'F_NOTIFY', 'F_SETPIPE_SZ', 'F_GETPIPE_SZ', 'F_GET_RW_HINT', 'F_SET_RW_HINT', 'F_GET_FILE_RW_HINT', 'F_SET_FILE_RW_HINT',
  ]);
  expect(never('getrandom', 3)).toEqual(['GRND_NONBLOCK', 'GRND_INSECURE']);
});
