/** Reasons for real strace lines (read by the real reader) against the whole Asterinas rule set, exact text. */
import { explain } from '../../runtime/explain/explain';
import { reasonMessage } from '../../runtime/explain/reason';
import { createInterpreter } from '../../runtime/interpret';
import { asterinasFiles, compile, parseCall } from './helpers';

const ir = compile(asterinasFiles());
const interpreter = createInterpreter(ir);

const cases: [string, string, string][] = [
  [
    'flag-not-allowed',
    '10402 mmap(NULL, 207168, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</usr/lib/x86_64-linux-gnu/libtinfo.so.6.4>, 0) = 0x7fa4194c6000',
    'mmap: flags: MAP_DENYWRITE not allowed (rule memory-management/mmap_and_munmap.scml:18)',
  ],
  ['no-rule', '10402 rseq(0x7fa4192e2060, 0x20, 0, 0x53053053) = 0', 'rseq: no rule for this syscall (x86_64 syscall 334)'],
  [
    'arg-count',
    '10484 epoll_pwait(14<anon_inode:[eventpoll]>, [], 1024, 0, NULL, 8) = 0',
    'epoll_pwait: 6 arguments, rule takes 5; strace always prints 6, so this rule never matches (rule file-descriptor-and-io-control/fully_covered.scml:26)',
  ],
  [
    'integer-not-allowed',
    '11400 ioctl(3</usr/lib/python3.11/x.pyc>, 0x5401, 0x7ffd2cf0e640) = -1 ENOTTY (Inappropriate ioctl for device)',
    'ioctl: op: integer 0x5401 not allowed (rule file-descriptor-and-io-control/ioctl.scml:13)',
  ],
  [
    'kind-mismatch',
    '11401 statx(-100</home/user/tmp>, "/etc", |0x900, 0x25e, {stx_mask=0x17ff, stx_attributes=0, stx_mode=040755, stx_size=4096, ...}) = 0',
    'statx: flags: opaque value |0x900 where a flag set is expected (rule file-and-directory-operations/statx.scml:10)',
  ],
  [
    'field-missing',
    '10408 sigaltstack({ss_sp=0x55fda27f5b00, ss_flags=0, ss_size=65536}, NULL)    = 0',
    'sigaltstack: stack.sp: field missing (rule signals-and-timers/fully_covered.scml:60)',
  ],
  [
    'flag-not-allowed',
    '10484 rt_sigaction(SIGINT, {sa_handler=0xc61ac0, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER|SA_RESETHAND|0xffffffff00000000, sa_restorer=0x7f89c923a050}, NULL, 8) = 0',
    'rt_sigaction: act.sa_flags: 0xffffffff00000000 not allowed (rule signals-and-timers/rt_sigaction.scml:2)',
  ],
  [
    'integer-not-allowed',
    '11400 poll([{fd=3<pipe:[19400]>, events=0x1}, {fd=5<pipe:[19401]>, events=0x1}], 2, -1) = 1 ([{fd=3, revents=0x1}])',
    'poll: fds[0].events: integer 0x1 not allowed (rule file-descriptor-and-io-control/poll_and_ppoll.scml:8)',
  ],
];

test.each(cases)('%s: %s', (kind, line, message) => {
  const record = parseCall(line);
  expect(interpreter.match(record)).toBe(-1);
  const reason = explain(ir, record);
  expect(reason?.kind).toBe(kind);
  expect(reasonMessage(reason!)).toBe(message);
});

test('a supported real line has no reason', () => {
  const record = parseCall('10398 openat(AT_FDCWD</home/user/tmp>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>');
  expect(interpreter.match(record)).toBeGreaterThanOrEqual(0);
  expect(explain(ir, record)).toBeNull();
});
