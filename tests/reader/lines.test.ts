/**
 * One strace line at a time: prefixes, decorations, call shapes, skipped
 * lines and problems. Lines are real ones from tests/fixtures/logs where one exists.
 */
import { read, one, int, flags, str, other } from './helpers';

describe('pid prefixes and decorations', () => {
  const call = 'brk(NULL)                         = 0x55bb90e8f000';
  const cases: [string, string, number | null][] = [
    ['`-f -o` pid', `10402 ${call}`, 10402],
    ['no pid', call, null],
    ['terminal `[pid N]`', `[pid  1234] ${call}`, 1234],
    ['-Y `N<comm>`', `1234<bash> ${call}`, 1234],
    ['-t', `11345 15:27:13 ${call}`, 11345],
    ['-tt', `11345 15:27:13.787847 ${call}`, 11345],
    ['-ttt', `11356 1795706834.043914 ${call}`, 11356],
    ['-tt without pid', `15:27:13.787847 ${call}`, null],
    ['-ttt without pid', `1795706834.043914 ${call}`, null],
    ['-r relative', `     0.000123 ${call}`, null],
    ['-r relative with pid', `1234      0.000123 ${call}`, 1234],
    ['-n syscall number', `1234 [  12] ${call}`, 1234],
    ['-i instruction pointer', `1234 [00007f1234567890] ${call}`, 1234],
    ['-tt -i -n', `[pid  77] 12:34:56.123456 [00007f1234567890] [  12] ${call}`, 77],
  ];
  test.each(cases)('%s', (_what, line, pid) => {
    const c = one(line);
    expect(c.name).toBe('brk');
    expect(c.pid).toBe(pid);
    expect(c.args).toEqual([flags('NULL')]);
    expect(c.result).toBe('0x55bb90e8f000');
    expect(c.text).toBe(line);
  });

  test('-T duration is not part of the result, but stays in the text', () => {
    const line = '11367 brk(NULL)                         = 0x2586e000 <0.000008>';
    const c = one(line);
    expect(c.result).toBe('0x2586e000');
    expect(c.text).toBe(line);
  });

  test('-T after an error result', () => {
    const c = one('11367 access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory) <0.000011>');
    expect(c.result).toBe('-1 ENOENT (No such file or directory)');
    expect(c.args).toEqual([str('/etc/ld.so.preload'), flags('R_OK')]);
  });

  test('-ff files take the pid from the options', () => {
    const c = one('close(3<pipe:[19456]>)                  = 0', { pid: 11424 });
    expect(c.pid).toBe(11424);
    expect(c.args).toEqual([int('3', 'pipe:[19456]')]);
    expect(one('7 close(3) = 0', { pid: 11424 }).pid).toBe(7);
  });
});

describe('results', () => {
  test.each([
    ['10402 exit_group(0)                     = ?', '?'],
    ['10430 exit(0) = ? <unavailable>', '? <unavailable>'],
    ['10402 access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)', '-1 ENOENT (No such file or directory)'],
    ['1234 wait4(-1, 0x7ffc, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)', '? ERESTARTSYS (To be restarted if SA_RESTART is set)'],
    ['1234 openat(AT_FDCWD, "/x", O_RDONLY) = -1 ENOENT (No such file or directory) (INJECTED)', '-1 ENOENT (No such file or directory) (INJECTED)'],
    ['10484 epoll_create1(EPOLL_CLOEXEC)      = 3<anon_inode:[eventpoll]>', '3<anon_inode:[eventpoll]>'],
    ['10394 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3<UNIX-STREAM:[15848]>', '3<UNIX-STREAM:[15848]>'],
  ])('%s', (line, result) => {
    expect(one(line).result).toBe(result);
  });

  test('a string argument holding ") = " does not end the arguments', () => {
    const c = one('1 write(1, "a) = b, c", 9) = 9');
    expect(c.args).toEqual([int('1'), str('a) = b, c'), int('9')]);
    expect(c.result).toBe('9');
  });

  test('a decorated result holding ") = " does not end the arguments', () => {
    const c = one('1 openat(AT_FDCWD, "/t/x) = y", O_RDONLY) = 3</t/x) = y>');
    expect(c.args).toEqual([flags('AT_FDCWD'), str('/t/x) = y'), flags('O_RDONLY')]);
    expect(c.result).toBe('3</t/x) = y>');
  });
});

describe('call names', () => {
  test('restart_syscall is a call', () => {
    const c = one('10441 restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0');
    expect(c.name).toBe('restart_syscall');
    expect(c.args).toEqual([other('<... resuming interrupted clock_nanosleep ...>')]);
    expect(c.result).toBe('0');
  });
  test('syscall_0xbad and ???', () => {
    expect(one('1 syscall_0xbad(0x1, 0x2) = -1 ENOSYS (Function not implemented)').name).toBe('syscall_0xbad');
    expect(one('1 ???(0x1) = -1 ENOSYS (Function not implemented)').name).toBe('???');
  });
  test('no arguments', () => {
    const c = one('10433 gettid()                                = 11433');
    expect(c.args).toEqual([]);
    expect(c.result).toBe('11433');
  });
});

describe('clone gets unconstrained arguments at 0 and 3', () => {
  test('real clone line', () => {
    const r = read('10402 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7fa4192e1a10) = 10403\n');
    const rec = r.records[0];
    expect(rec.argCount()).toBe(5);
    expect(rec.arg(1)).toEqual(flags('NULL'));
    expect(rec.arg(2)).toEqual(flags('CLONE_CHILD_CLEARTID', 'CLONE_CHILD_SETTID', 'SIGCHLD'));
    expect(rec.arg(4)).toEqual(int('0x7fa4192e1a10'));
    expect(rec.arg(0).kind).toBe('other');
    expect(rec.arg(3).kind).toBe('other');
  });
  test('clone3 is not remapped', () => {
    const r = read('10484 clone3({flags=CLONE_VM, exit_signal=0, stack=0x7f89c89f9000}, 88) = 10485\n');
    expect(r.records[0].argCount()).toBe(2);
  });
});

describe('unfinished and resumed', () => {
  test('joined at a distance, text is the joined call', () => {
    const log = [
      '10441 wait4(-1,  <unfinished ...>',
      '10442 set_robust_list(0x7fafcf5ffa20, 24) = 0',
      '10442 +++ exited with 0 +++',
      '10441 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 10442',
    ].join('\n') + '\n';
    const r = read(log);
    expect(r.problems).toEqual([]);
    expect(r.calls.map((c) => c.name)).toEqual(['set_robust_list', 'wait4']);
    const w = r.calls[1];
    expect(w.text).toBe('10441 wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 10442');
    expect(w.line).toBe(1);
    expect(w.endLine).toBe(4);
    expect(w.pid).toBe(10441);
    expect(w.args).toEqual([
      int('-1'),
      { kind: 'array', items: [{ kind: 'struct', fields: [{ name: null, value: other('WIFEXITED(s) && WEXITSTATUS(s) == 0') }], elided: false }] },
      int('0'),
      flags('NULL'),
    ]);
    expect(w.result).toBe('10442');
    expect(r.stats).toEqual({ lines: 4, calls: 2, skipped: 1, output: 0, unreadable: 0 });
  });

  test('clone3 with `=>` in the resumed part', () => {
    const r = read([
      '10484 clone3({flags=CLONE_VM|CLONE_FS, child_tid=0x7f89c91f9990, exit_signal=0} <unfinished ...>',
      '10484 <... clone3 resumed> => {parent_tid=[10485]}, 88) = 10485',
    ].join('\n'));
    expect(r.problems).toEqual([]);
    const c = r.calls[0];
    expect(c.text).toBe('10484 clone3({flags=CLONE_VM|CLONE_FS, child_tid=0x7f89c91f9990, exit_signal=0} => {parent_tid=[10485]}, 88) = 10485');
    expect(c.args[0]).toEqual({ kind: 'struct', elided: false, fields: [
      { name: 'flags', value: flags('CLONE_VM', 'CLONE_FS') },
      { name: 'child_tid', value: int('0x7f89c91f9990') },
      { name: 'exit_signal', value: int('0') },
    ] });
    expect(c.args[1]).toEqual(int('88'));
  });

  test('a resumed line that is itself unfinished', () => {
    const r = read([
      '5 read(3,  <unfinished ...>',
      '5 <... read resumed>"abc", 10 <unfinished ...>',
      '5 <... read resumed>) = 3',
    ].join('\n') + '\n');
    expect(r.problems).toEqual([]);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0].text).toBe('5 read(3, "abc", 10) = 3');
    expect(r.calls[0].endLine).toBe(3);
  });

  test('a resumed line without a start is a problem, reading goes on', () => {
    const r = read('10565 <... futex resumed>)              = -1 EAGAIN (Resource temporarily unavailable)\n10565 gettid() = 10565\n');
    expect(r.problems).toEqual([{ line: 1, text: '10565 <... futex resumed>)              = -1 EAGAIN (Resource temporarily unavailable)', message: 'resumed call without a start' }]);
    expect(r.calls.map((c) => c.name)).toEqual(['gettid']);
  });

  test('starts never resumed are problems at end()', () => {
    const r = read('10430 rseq(0x7fdf2e1f4fe0, 0x20, 0, 0x53053053 <unfinished ...>\n10431 gettid() = 1\n');
    expect(r.calls).toHaveLength(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 1, message: 'call never resumed' });
    expect(r.stats.unreadable).toBe(1);
  });

  test('per pid: interleaved starts of two pids join correctly', () => {
    const r = read([
      '1 read(3,  <unfinished ...>',
      '2 write(4, "x", 1 <unfinished ...>',
      '2 <... write resumed>) = 1',
      '1 <... read resumed>"y", 1) = 1',
    ].join('\n'));
    expect(r.calls.map((c) => [c.pid, c.text])).toEqual([
      [2, '2 write(4, "x", 1) = 1'],
      [1, '1 read(3, "y", 1) = 1'],
    ]);
  });

  test('execve in a thread: the start moves to the pid that survives', () => {
    const r = read([
      '12346 execve("/bin/true", ["true"], 0x7ffd /* 3 vars */ <unfinished ...>',
      '12345 +++ superseded by execve in pid 12346 +++',
      '12345 <... execve resumed>) = 0',
    ].join('\n'));
    expect(r.problems).toEqual([]);
    expect(r.calls.map((c) => [c.pid, c.name, c.line, c.endLine])).toEqual([[12345, 'execve', 1, 3]]);
  });

  test('-ff: unfinished/resumed without pid prefixes', () => {
    const r = read('read(3,  <unfinished ...>\n<... read resumed>"", 4096) = 0\n', { pid: 9 });
    expect(r.calls.map((c) => [c.pid, c.text])).toEqual([[9, 'read(3, "", 4096) = 0']]);
  });

  test('a resumed part holding ") = " inside a string', () => {
    const r = read('1 read(3,  <unfinished ...>\n1 <... read resumed>"a) = b", 10) = 7\n');
    expect(r.calls[0].args).toEqual([int('3'), str('a) = b'), int('10')]);
    expect(r.calls[0].result).toBe('7');
  });

  test('-T on the resumed line', () => {
    const r = read('1 read(3,  <unfinished ...>\n1 <... read resumed>"", 4096) = 0 <0.000012>\n');
    expect(r.calls[0].result).toBe('0');
  });

  test('<detached ...> ends a call without a result', () => {
    const r = read('1 read(0,  <detached ...>\n1 read(0,  <unfinished ...>\n1 <... read resumed> <detached ...>\n');
    expect(r.calls).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.stats.skipped).toBe(2);
  });
});

describe('skipped lines', () => {
  test.each([
    '',
    '10442 +++ exited with 0 +++',
    '+++ exited with 0 +++',
    '1234 +++ killed by SIGSEGV (core dumped) +++',
    '12345 +++ superseded by execve in pid 99 +++',
    '10439 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=10440, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---',
    '1234 --- stopped by SIGSTOP ---',
    '1234 <detached ...>',
    '1234 <pid changed to 12 ...>',
    '[ Process PID=12 runs in 32 bit mode. ]',
    'strace: Process 12 attached',
    'strace: Process 12 detached',
    ' > /lib/x86_64-linux-gnu/libc.so.6(open+0x1a) [0x7f1234567890]',
    '1234  > /lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0xf3) [0x270b3]',
    '[pid  1234] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '12:34:56.123456 +++ exited with 0 +++',
    ' | 00000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  .ELF............ |',
  ])('%j', (line) => {
    const r = read(line + '\n');
    expect(r.calls).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.stats.skipped).toBe(1);
  });
});

describe('lines that are not calls are reported with their number', () => {
  test.each([
    '10402 mmap(NULL, 8192, PROT_READ',
    'hello world',
    '1234 5678',
    '1234 12 brk(NULL) = 0',
    '$$$',
    '10402 brk(NULL',
  ])('%j', (line) => {
    const r = read('10402 gettid() = 1\n' + line + '\n10402 gettid() = 1\n');
    expect(r.calls).toHaveLength(2);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].line).toBe(2);
    expect(r.problems[0].text).toBe(line);
  });
});

describe('bytes', () => {
  test('CRLF line endings', () => {
    const r = read('1 gettid() = 1\r\n1 getpid() = 2\r\n');
    expect(r.calls.map((c) => [c.name, c.result, c.text])).toEqual([['gettid', '1', '1 gettid() = 1'], ['getpid', '2', '1 getpid() = 2']]);
  });

  test('ANSI colour codes are stripped', () => {
    const r = read('\x1b[33m1234\x1b[0m \x1b[1mopenat\x1b[0m(AT_FDCWD, "/x", O_RDONLY) = \x1b[31m-1 ENOENT\x1b[0m (No such file or directory)\n');
    expect(r.calls[0].name).toBe('openat');
    expect(r.calls[0].pid).toBe(1234);
    expect(r.calls[0].result).toBe('-1 ENOENT (No such file or directory)');
  });

  test('bytes that are not UTF-8 come back byte for byte', () => {
    const bytes = Buffer.concat([Buffer.from('1 openat(AT_FDCWD, "/tmp/'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('", O_RDONLY) = 3\n')]);
    const r = read(bytes);
    expect(Buffer.from(r.calls[0].text + '\n', 'latin1').equals(bytes)).toBe(true);
    expect(r.calls[0].args[1]).toEqual(str('/tmp/\xff\xfe\xc3'));
  });

  test('a line over 1 MiB, pushed in small chunks', () => {
    const big = 'x'.repeat(1_500_000);
    const line = `1 write(1, "${big}", 1500000) = 1500000`;
    const r = read(`1 gettid() = 1\n${line}\n1 gettid() = 2\n`, undefined, [65536, 1000, 333333]);
    expect(r.calls.map((c) => c.name)).toEqual(['gettid', 'write', 'gettid']);
    expect(r.calls[1].text).toBe(line);
    expect(r.calls[1].args[1]).toEqual(str(big));
    expect(r.calls[2].line).toBe(3);
  });

  test('a last line without a newline is read', () => {
    const r = read('1 gettid() = 1\n1 getpid() = 2');
    expect(r.calls.map((c) => c.name)).toEqual(['gettid', 'getpid']);
    expect(r.stats.lines).toBe(2);
  });

  test('NUL bytes and lone CRs do not break reading', () => {
    const r = read('1 gettid() = 1\n\0\0\0\n1 a\rb\n1 getpid() = 2\n');
    expect(r.calls.map((c) => c.name)).toEqual(['gettid', 'getpid']);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});
