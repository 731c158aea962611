/** Each reason kind on a realistic call, with its exact message; closest-rule choice. */
import { explain } from '../../runtime/explain/explain';
import { reasonMessage } from '../../runtime/explain/reason';
import { createInterpreter } from '../../runtime/interpret';
import { arr, asterinas, call, compile, flags, int, NULL, other, str, struct } from './helpers';

const MMAP = 'memory-management/mmap_and_munmap.scml';

describe('explain', () => {
  const mmapIr = asterinas(MMAP);

  test('flag-not-allowed names the flag, the parameter and the closest rule', () => {
    // 1000 mmap(NULL, 2125824, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</usr/lib/libc.so.6>, 0) = 0x7f...
    const c = call('mmap', [NULL, int('2125824'), flags('PROT_READ'), flags('MAP_PRIVATE', 'MAP_DENYWRITE'), int('3', '/usr/lib/libc.so.6'), int('0')]);
    const reason = explain(mmapIr, c);
    expect(reason).not.toBeNull();
    expect(reason?.kind).toBe('flag-not-allowed');
    expect(reason?.path).toBe('flags');
    expect(reason?.values).toEqual(['MAP_DENYWRITE']);
    // The private-mapping rule (first in source order) is closest: both fail at `flags`.
    expect(reasonMessage(reason!)).toBe(`mmap: flags: MAP_DENYWRITE not allowed (rule ${MMAP}:18)`);
  });

  test('a supported call has no reason', () => {
    const c = call('mmap', [NULL, int('8192'), flags('PROT_READ', 'PROT_WRITE'), flags('MAP_PRIVATE', 'MAP_ANONYMOUS'), int('-1'), int('0')]);
    expect(explain(mmapIr, c)).toBeNull();
    expect(createInterpreter(mmapIr).match(c)).toBeGreaterThanOrEqual(0);
  });

  test('no-rule', () => {
    const reason = explain(mmapIr, call('openat2', [flags('AT_FDCWD'), str('/etc'), struct([]), int('24')]))!;
    expect(reason.kind).toBe('no-rule');
    expect(reason.rule).toBeNull();
    expect(reasonMessage(reason)).toBe('openat2: no rule for this syscall (x86_64 syscall 437)');
  });

  test('arg-count, exact and variadic', () => {
    const reason = explain(mmapIr, call('munmap', [int('0x7f0000'), int('4096'), int('1')]))!;
    expect(reasonMessage(reason)).toBe(`munmap: 3 arguments, rule takes 2 (rule ${MMAP}:34)`);
    const ir = compile([['t.scml', 'ioctl(fd, request = TCGETS, ..);']]);
    const r2 = explain(ir, call('ioctl', [int('1')]))!;
    expect(r2.kind).toBe('arg-count');
    expect(reasonMessage(r2)).toBe('ioctl: 1 argument, rule takes at least 2 (rule t.scml:1)');
  });

  test('integer-not-allowed: a plain integer where only flags are allowed', () => {
    const ir = asterinas('file-descriptor-and-io-control/fcntl.scml');
    // fcntl(3</x>, 0x406 /* F_??? */, 0) — a command strace could not name.
    const reason = explain(ir, call('fcntl', [int('3', '/x'), int('0x406'), int('0')]))!;
    expect(reason.kind).toBe('integer-not-allowed');
    expect(reason.path).toBe('cmd');
    expect(reasonMessage(reason)).toMatch(/^fcntl: cmd: integer 0x406 not allowed \(rule file-descriptor-and-io-control\/fcntl\.scml:\d+\)$/);
  });

  test('kind-mismatch: a string where a flag set is expected', () => {
    const ir = compile([['t.scml', 'prctl(option = PR_SET_NAME | PR_GET_NAME, arg2);']]);
    const reason = explain(ir, call('prctl', [str('PR_SET_NAME'), str('worker')]))!;
    expect(reason.kind).toBe('kind-mismatch');
    expect(reason.values).toEqual(['string']);
    expect(reasonMessage(reason)).toBe('prctl: option: string "PR_SET_NAME" where a flag set is expected (rule t.scml:1)');
  });

  test('field-missing and nested flag path', () => {
    const ir = asterinas('signals-and-timers/rt_sigaction.scml');
    // rt_sigaction(SIGINT, {sa_handler=0x55, sa_mask=[], sa_flags=SA_RESTORER|SA_NOCLDSTOP, sa_restorer=0x7f}, NULL, 8) = 0
    const bad = call('rt_sigaction', [
      flags('SIGINT'),
      struct([['sa_handler', int('0x55')], ['sa_mask', arr()], ['sa_flags', flags('SA_RESTORER', 'SA_NOCLDSTOP')], ['sa_restorer', int('0x7f')]]),
      NULL,
      int('8'),
    ]);
    expect(reasonMessage(explain(ir, bad)!)).toBe(
      'rt_sigaction: act.sa_flags: SA_NOCLDSTOP not allowed (rule signals-and-timers/rt_sigaction.scml:2)',
    );
    const missing = call('rt_sigaction', [flags('SIGINT'), struct([['sa_handler', flags('SIG_DFL')]], true), NULL, int('8')]);
    const reason = explain(ir, missing)!;
    expect(reason.kind).toBe('field-missing');
    expect(reasonMessage(reason)).toBe('rt_sigaction: act.sa_flags: field missing (rule signals-and-timers/rt_sigaction.scml:2)');
  });

  test('field-count: a closed struct pattern and a value with more fields', () => {
    const ir = compile([['t.scml', 'struct timespec = { tv_sec, tv_nsec };\nnanosleep(req = <timespec>, rem);']]);
    const reason = explain(ir, call('nanosleep', [struct([['tv_sec', int('1')], ['tv_nsec', int('0')], ['extra', int('0')]]), NULL]))!;
    expect(reason.kind).toBe('field-count');
    expect(reasonMessage(reason)).toBe('nanosleep: req: struct has 3 fields, rule takes exactly 2 (rule t.scml:2)');
  });

  test('array-element and a path through an array', () => {
    const ir = asterinas('file-descriptor-and-io-control/poll_and_ppoll.scml');
    // poll([{fd=3, events=POLLIN|POLLWRBAND}], 1, 100) = 1
    const bad = call('poll', [arr(struct([['fd', int('3')], ['events', flags('POLLIN', 'POLLWRBAND')]])), int('1'), int('100')]);
    expect(reasonMessage(explain(ir, bad)!)).toBe(
      'poll: fds[0].events: POLLWRBAND not allowed (rule file-descriptor-and-io-control/poll_and_ppoll.scml:8)',
    );
    const odd = call('poll', [arr(struct([['fd', int('3')], ['events', flags('POLLIN')]]), int('7')), int('2'), int('0')]);
    const reason = explain(ir, odd)!;
    expect(reason.kind).toBe('array-element');
    expect(reasonMessage(reason)).toBe(
      'poll: fds[1]: element 7 matches no element pattern (rule file-descriptor-and-io-control/poll_and_ppoll.scml:8)',
    );
  });

  test('struct alternatives: the closest alternative speaks, deep inside an array', () => {
    const ir = compile([
      [
        'net.scml',
        [
          'struct cmsghdr = { cmsg_level = SOL_SOCKET, cmsg_type = SCM_RIGHTS | SCM_CREDENTIALS, .. };',
          'struct cmsghdr = { cmsg_level = SOL_IP, cmsg_type = IP_TTL, .. };',
          'struct msghdr = { msg_control = [ <cmsghdr> ], .. };',
          'recvmsg(socket, msg = <msghdr>, flags);',
        ].join('\n'),
      ],
    ]);
    const msg = struct([
      ['msg_name', NULL],
      ['msg_control', arr(struct([['cmsg_len', int('28')], ['cmsg_level', flags('SOL_SOCKET')], ['cmsg_type', flags('SO_TIMESTAMP_OLD')]]))],
    ]);
    const reason = explain(ir, call('recvmsg', [int('3'), msg, int('0')]))!;
    expect(reasonMessage(reason)).toBe('recvmsg: msg.msg_control[0].cmsg_type: SO_TIMESTAMP_OLD not allowed (rule net.scml:4)');
  });

  test('closest rule: latest failure wins, ties go to the first rule', () => {
    const ir = compile([
      ['a.scml', 'f(x = A, y = B, z = C);\nf(x = A, y = B2, z = C);\nf(x = A2, y, z);\nf(x, y, z = C, w);'],
    ]);
    // Rule 1 fails at z, rule 2 at y, rule 3 at x, rule 4 on count: rule 1 (line 1) is closest.
    const r = explain(ir, call('f', [flags('A'), flags('B'), flags('D')]))!;
    expect(r.rule?.line).toBe(1);
    expect(r.path).toBe('z');
    // Both rule 1 and rule 2 fail at y: the first wins.
    const t = explain(ir, call('f', [flags('A'), flags('Q'), other('~[]')]))!;
    expect(t.rule?.line).toBe(1);
    expect(t.values).toEqual(['Q']);
  });
});
