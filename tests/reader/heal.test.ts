/**
 * Terminal captures (runtime/reader/heal.ts, messages.ts): lines cut by
 * program output or strace's messages are joined into the call strace
 * printed; strace's messages of every version and the -c summary table are
 * skipped. Shapes as recorded in tests/fixtures/captures.
 */
import { read, int, flags } from './helpers';

describe('a call cut by program output', () => {
  test('output ending the line, the call ending on the next', () => {
    // The continuation's padding counts strace's own part, not the output.
    const h = read(['write(1, "done\\n", 5done', `)${' '.repeat(19)}= 5`].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.line, c.endLine, c.text, c.args, c.result])).toEqual([
      ['write', 1, 2, `write(1, "done\\n", 5)${' '.repeat(19)}= 5`, [int('1'), { kind: 'str', text: 'done\\n' }, int('5')], '5'],
    ]);
    expect(h.stats).toMatchObject({ lines: 2, calls: 1, output: 0, unreadable: 0 });
  });

  test('output without a line end on the same line as the whole call is not healed (kept in the last argument)', () => {
    const h = read(`write(2, ": ", 2: )${' '.repeat(23)}= 2\n`);
    expect(h.calls.map((c) => c.args[2])).toEqual([{ kind: 'other', text: '2:' }]);
  });

  test('output over several lines, the last piece before `)`', () => {
    const h = read(['write(1, "a\\nb\\nbc", 6a', 'b', `bc)${' '.repeat(17)}= 6`].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.text, c.line, c.endLine])).toEqual([[`write(1, "a\\nb\\nbc", 6)${' '.repeat(17)}= 6`, 1, 3]]);
    expect(h.stats.output).toBe(1);
  });

  test('a long line (no padding to go by): the data the call wrote says where output starts', () => {
    const data = 'x'.repeat(50);
    const h = read([`write(1, "${'x'.repeat(32)}"..., 51${data}`, ') = 51'].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => c.text)).toEqual([`write(1, "${'x'.repeat(32)}"..., 51) = 51`]);
  });

  test('output of a call that strace then leaves unfinished', () => {
    const h = read([
      '[pid 11930] write(1, "waiter 2 blocking\\n", 18waiter 2 blocking',
      ' <unfinished ...>',
      '[pid 11921] getpid()                    = 11921',
      '[pid 11930] <... write resumed>)        = 18',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.line, c.endLine, c.args.length, c.result])).toEqual([
      ['getpid', 3, 3, 0, '11921'],
      ['write', 1, 4, 3, '18'],
    ]);
  });

  test('another thread\'s output in a call\'s line is cut out by what that thread is writing', () => {
    const h = read([
      '[pid 12162] write(1, "waiter 0 blocking\\n", 18 <unfinished ...>',
      '[pid 12161] gettid(waiter 0 blocking',
      ' <unfinished ...>',
      '[pid 12162] <... write resumed>)        = 18',
      '[pid 12161] <... gettid resumed>)       = 12161',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.args.length, c.text])).toEqual([
      ['write', 3, '[pid 12162] write(1, "waiter 0 blocking\\n", 18)        = 18'],
      ['gettid', 0, '[pid 12161] gettid()       = 12161'],
    ]);
  });

  test('output without a line end before a `[pid N]` line is placed when a write in flight wrote it', () => {
    const h = read([
      '[pid 12378] write(1, "thread 0 step 0", 15 <unfinished ...>',
      'thread 0 step 0[pid 12378] <... write resumed>) = 15',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.result])).toEqual([['write', '15']]);
    expect(h.stats.output).toBe(1);
  });

  test('output nobody in flight wrote stays unreadable; the strace line after it is read', () => {
    const h = read('hello[pid 5] close(3) = 0\n');
    expect(h.problems).toEqual([{ line: 1, text: 'hello', message: 'not a system call line' }]);
    expect(h.calls.map((c) => c.name)).toEqual(['close']);
  });
});

describe('a call cut by an strace message', () => {
  test('the issue\'s sigaltstack and clone3', () => {
    const h = read([
      '[pid  4711] sigaltstack(NULL, strace: Process 4712 attached',
      '{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0',
      'clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}strace: Process 4713 attached',
      ' => {parent_tid=[4713]}, 88) = 4713',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.pid, c.line, c.endLine, c.text])).toEqual([
      ['sigaltstack', 4711, 1, 2, '[pid  4711] sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0'],
      ['clone3', null, 3, 4, 'clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0} => {parent_tid=[4713]}, 88) = 4713'],
    ]);
    expect(h.calls[1].args[1]).toEqual(int('88'));
  });

  test('cut before ` <unfinished ...>`: the start is kept and joined with its resumed line', () => {
    const h = read([
      'clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLDstrace: Process 7958 attached',
      ' <unfinished ...>',
      '[pid  7958] set_robust_list(0x7f11eb1dea20, 24) = 0',
      '[pid  7950] <... clone resumed>, child_tidptr=0x7f11eb1dea10) = 7958',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.line, c.endLine])).toEqual([['set_robust_list', 3, 3], ['clone', 1, 4]]);
  });

  test('cut twice, with program output and messages on lines of their own in between', () => {
    const h = read([
      'rt_sigprocmask(SIG_SETMASK, strace: Process 1 attached',
      'hello from the child',
      'strace: Process 2 attached',
      '[], strace: Process 3 attached',
      'NULL, 8) = 0',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.text, c.line, c.endLine])).toEqual([['rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0', 1, 5]]);
    expect(h.calls[0].args).toEqual([flags('SIG_SETMASK'), { kind: 'array', items: [] }, flags('NULL'), int('8')]);
  });

  test('a continuation that only looks like a call (unbalanced) is joined', () => {
    const h = read(['mknodat(AT_FDCWD, "/dev/x", S_IFCHR|0600, strace: Process 5 attached', 'makedev(0x1, 0x3)) = 0'].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.args.length])).toEqual([['mknodat', 4]]);
  });
});

describe('a heal never joins two real calls', () => {
  test('a cut line followed by a whole call: both read as without healing', () => {
    const h = read(['read(3, ', 'close(3) = 0'].join('\n') + '\n');
    expect(h.problems).toEqual([{ line: 1, text: 'read(3, ', message: 'system call without " = result"' }]);
    expect(h.calls.map((c) => [c.name, c.line])).toEqual([['close', 2]]);
  });

  test('held lines are read again, in order, when no continuation comes', () => {
    const h = read(['foo(1, strace: Process 9 attached', 'some output', '+++ exited with 0 +++', 'bar(2) = 0'].join('\n') + '\n');
    expect(h.problems.map((p) => [p.line, p.text])).toEqual([[1, 'foo(1, strace: Process 9 attached'], [2, 'some output']]);
    expect(h.calls.map((c) => [c.name, c.line])).toEqual([['bar', 4]]);
    expect(h.stats.skipped).toBe(1);
  });

  test('two cut lines at the end of the log: each is reported, the second after being held again', () => {
    // Found by the noise property: releasing the first hold read `f(` again, which held it anew at the end.
    for (const text of ['f(\nf(', '1 f(\n1 f(\n']) {
      const h = read(text);
      expect(h.problems.map((p) => [p.line, p.text])).toEqual([[1, text.startsWith('1') ? '1 f(' : 'f('], [2, text.startsWith('1') ? '1 f(' : 'f(']]);
    }
    const incomplete = read('1 f(\n1 g(', { incomplete: true });
    expect(incomplete.calls.map((c) => [c.name, c.line]).concat(incomplete.problems.map((p) => [p.text, p.line]))).toHaveLength(2);
  });

  test('a cut line at the end of the log is reported', () => {
    const h = read('futex(0x7f, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY');
    expect(h.problems.map((p) => [p.line, p.message])).toEqual([[1, 'system call without " = result"']]);
  });
});

describe('the `[pid N]` prefix comes and goes on a terminal', () => {
  test('a call started without a pid resumes with one, and the other way round', () => {
    const h = read([
      'vfork( <unfinished ...>',
      '[pid 12395] execve("/bin/ls", ["ls"], 0x7ffd /* 35 vars */ <unfinished ...>',
      '[pid 12394] <... vfork resumed>)        = 12395',
      '[pid 12394] wait4(-1,  <unfinished ...>',
      '[pid 12395] <... execve resumed>)       = 0',
      '<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 12395',
    ].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.pid, c.line, c.endLine])).toEqual([
      ['vfork', 12394, 1, 3], ['execve', 12395, 2, 5], ['wait4', null, 4, 6],
    ]);
  });
});

describe('strace messages of every version', () => {
  test.each([
    'Process 4711 attached - interrupt to quit',
    'Process 4711 attached with 3 threads - interrupt to quit',
    'Process 4711 attached with 3 threads',
    'Process 4711 attached',
    'Process 4711 detached',
    'Process 4712 resumed (parent 4711 ready)',
    'Process 4712 suspended',
    'strace: Process 4711 attached',
    'strace: Process 4711 attached with 3 threads',
    'strace: Process 4711 detached',
    '[ Process PID=4711 runs in 32 bit mode. ]',
  ])('%s', (line) => {
    const h = read(`${line}\nclose(3) = 0\n`);
    expect(h.problems).toEqual([]);
    expect(h.stats).toMatchObject({ lines: 2, calls: 1, skipped: 1 });
  });

  test('-n together with [pid N]', () => {
    const h = read('[pid  4711] [ 435] clone3({flags=CLONE_VM, exit_signal=0}, 88) = 4712\n');
    expect(h.problems).toEqual([]);
    expect(h.calls.map((c) => [c.name, c.pid, c.args.length])).toEqual([['clone3', 4711, 2]]);
  });

  const table = [
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    ' 28.57    0.000040          40         1           execve',
    '  0.00    0.000000           0         2         2 statfs',
    '------ ----------- ----------- --------- --------- ----------------',
    '100.00    0.001078           4       218        29 total',
  ];

  test('the -c/-C summary table', () => {
    const h = read(['close(3) = 0', ...table, 'System call usage summary for 32 bit mode:', ...table].join('\n') + '\n');
    expect(h.problems).toEqual([]);
    expect(h.stats).toMatchObject({ calls: 1, skipped: 13 });
  });

  test('-U columns', () => {
    const h = read(['    calls    errors syscall               shortest', '--------- --------- ---------------- --------', '        1           execve           0.000040'].join('\n') + '\n');
    expect(h.problems).toEqual([]);
  });

  test('a row-like line outside a table stays unreadable', () => {
    const h = read('close(3) = 0\n 12    3 apples\n');
    expect(h.problems.map((p) => p.text)).toEqual([' 12    3 apples']);
  });
});
