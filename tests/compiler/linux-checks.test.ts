/**
 * scmlc's warnings from the Linux facts in linux/ (compiler/check-linux.ts):
 * exactly the proven ones on the Asterinas rule set, each case on its own,
 * and --warnings-as-errors for CI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../compiler/analyze';
import { discoverScml } from '../../compiler/discover';
import { main } from '../../cli/scmlc';
import { analyzeTexts, ASTERINAS_DIR } from './helpers';

function warnings(files: Record<string, string>): string[] {
  return analyzeTexts(files, { linux: true }).diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}

test('the Asterinas rule set gets exactly the warnings that linux/ proves', () => {
  const found = discoverScml([ASTERINAS_DIR]);
  const { diagnostics } = analyze(found.files.map((p) => ({ path: path.relative(ASTERINAS_DIR, p), bytes: fs.readFileSync(p) })));
  const counts = (syscall: string, n: number, has: number, decoder: string) =>
    `strace always prints ${n} arguments for '${syscall}' (${decoder}); this rule has ${has} parameters, so it never matches`;
  const epoll = 'epfd, events, maxevents, timeout, sigmask, sigsetsize';
  expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual([
    // Checked by hand: strace prints O_ASYNC's bit as FASYNC (strace 6.1 here: `openat(AT_FDCWD, "x",
    // O_RDONLY|O_CREAT|O_CLOEXEC|FASYNC, 0644)`, `fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK|FASYNC)`), and the
    // shipped Asterinas module calls both unsupported (tests/compiler/flag-checks.test.ts).
    "file-and-directory-operations/open_and_openat.scml:14:5: warning: strace prints this flag as 'FASYNC' for open's 'flags' (argument 2), never as 'O_ASYNC', so this part never matches; did you mean 'FASYNC'?",
    "file-descriptor-and-io-control/fcntl.scml:2:31: warning: strace prints this flag as 'FASYNC' for fcntl's 'arg' (argument 3), never as 'O_ASYNC', so this part never matches; did you mean 'FASYNC'?",
    `file-descriptor-and-io-control/fully_covered.scml:26:1: warning: ${counts('epoll_pwait', 6, 5, `src/epoll.c epoll_pwait_common: ${epoll}`)}`,
    `file-descriptor-and-io-control/fully_covered.scml:27:1: warning: ${counts('epoll_pwait2', 6, 5, `src/epoll.c epoll_pwait_common (shared with epoll_pwait): ${epoll}`)}`,
    "file-systems-and-mount-control/umount_and_umount2.scml:2:1: warning: x86_64 Linux has no system call 'umount', so no call can match this rule; did you mean 'umount2'?",
    `process-and-thread-management/fully_covered.scml:87:1: warning: ${counts('getcpu', 3, 2, 'src/getcpu.c: cpu, node, tcache')}`,
    `process-and-thread-management/sched_getattr_and_sched_setattr.scml:2:1: warning: ${counts('sched_getattr', 4, 3, 'src/sched.c: pid, attr, size, flags')}`,
    `process-and-thread-management/sched_getattr_and_sched_setattr.scml:23:1: warning: ${counts('sched_getattr', 4, 3, 'src/sched.c: pid, attr, size, flags')}`,
    "signals-and-timers/fully_covered.scml:29:1: warning: x86_64 Linux has no system call 'sigpending', so no call can match this rule; did you mean 'rt_sigpending'?",
    "signals-and-timers/fully_covered.scml:32:1: warning: x86_64 Linux has no system call 'sigsuspend', so no call can match this rule; did you mean 'rt_sigsuspend'?",
  ]);
});

test('an unknown name: a did-you-mean by edit distance, or none when nothing is close', () => {
  expect(warnings({ 't.scml': 'opnat(dirfd, path, flags);\nfrobnicate(x);\n' })).toEqual([
    "t.scml:1:1: warning: x86_64 Linux has no system call 'opnat', so no call can match this rule; did you mean 'openat'?",
    "t.scml:2:1: warning: x86_64 Linux has no system call 'frobnicate', so no call can match this rule",
  ]);
});

test('parameter counts: only for proven syscalls; `..` rules warn only when they need more than strace prints', () => {
  expect(
    warnings({
      't.scml': [
        'epoll_pwait(a, b, c, d, e, f);', // right count
        'epoll_pwait(a, b, c, ..);', // at least 3: fine
        'epoll_pwait(a, b, c, d, e, f, g, ..);', // at least 7: never
        'fcntl(fd, cmd);', // strace prints 2 or 3: not proven, no warning
        'futex(uaddr, op, val, timeout, uaddr2, val3);', // the kernel view makes 6 right
        'read(fd, buf);', // not in the proven list: no warning, however wrong
      ].join('\n'),
    }),
  ).toEqual([
    "t.scml:3:1: warning: strace always prints 6 arguments for 'epoll_pwait' (src/epoll.c epoll_pwait_common: epfd, events, maxevents, timeout, sigmask, sigsetsize); this rule has at least 7 parameters, so it never matches",
  ]);
});

describe('scmlc --warnings-as-errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-werror-'));
    fs.writeFileSync(path.join(dir, 'w.scml'), 'umount(target);\n');
    fs.writeFileSync(path.join(dir, 'ok.scml'), 'umount2(target, flags);\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(...argv: string[]) {
    let stderr = '';
    const status = main(argv, { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir });
    return { status, stderr };
  }

  test('warnings alone do not change the exit status', () => {
    const r = run('--check', 'w.scml');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("w.scml:1:1: warning: x86_64 Linux has no system call 'umount'");
  });

  test('with the option, a warning fails the run and nothing is written (even with -q, the warning is shown)', () => {
    const r = run('-q', '--warnings-as-errors', 'w.scml', '-o', 'out.js');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("w.scml:1:1: warning: x86_64 Linux has no system call 'umount'");
    expect(r.stderr).toContain('scmlc: 1 warning, treated as errors (--warnings-as-errors); nothing written\n');
    expect(fs.existsSync(path.join(dir, 'out.js'))).toBe(false);
  });

  test('with the option and no warning, the run succeeds', () => {
    expect(run('--warnings-as-errors', '--check', 'ok.scml').status).toBe(0);
  });
});
