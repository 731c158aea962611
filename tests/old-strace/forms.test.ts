/**
 * One test per form, on hand-written lines checked against strace's
 * decoders (the shapes quoted in linux/positional-structs.ts,
 * linux/value-aliases.ts, linux/abi32.ts): each old or 32-bit line gets the
 * verdict of its current x86_64 twin, from the generated module and the IR
 * interpreter alike, by default; `--as-printed` keeps strace's text as it is.
 */
import { irOf } from '../compiler/helpers';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord } from '../../runtime/record';
import { kernelCall, matchKernelCall } from '../../runtime/match/kernel-call';
import { Differential } from '../compiler/emit/harness';

const RULES = `
struct timespec = { tv_sec, tv_nsec };
struct timeval = { tv_sec, tv_usec };
sa_flags = SA_RESTORER | SA_RESTART | SA_SIGINFO;
rt_sigaction(signum, act = { sa_handler, sa_mask, sa_flags = <sa_flags>, .. }, oldact, sigsetsize);
epoll_ctl(epfd, op = EPOLL_CTL_ADD | EPOLL_CTL_MOD, fd, event = { events = EPOLLIN | EPOLLOUT, .. });
epoll_wait(epfd, events = [ { events = EPOLLIN | EPOLLOUT, data } ], maxevents, timeout);
socket(domain = AF_INET | AF_UNIX, type, protocol);
ioctl(fd, op = TCGETS | TIOCGWINSZ, arg);
nanosleep(req = <timespec>, rem);
timerfd_settime(fd, flags, new = { it_interval = <timespec>, it_value = <timespec> }, old);
gettimeofday(tv = <timeval>, tz);
mmap(addr, length, prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS, fd, offset);
lseek(fd, offset, whence = SEEK_SET | SEEK_CUR);
fstat(fd, statbuf);
getuid();
rt_sigprocmask(how = SIG_BLOCK | SIG_SETMASK, set, oldset, sigsetsize);
wait4(pid, wstatus, options = WNOHANG, rusage = NULL);
`;
const diff = new Differential(irOf(RULES));

function read(line: string): CallRecord {
  const out: CallRecord[] = [];
  const reader = new StraceReader({ call: (r) => out.push(r), unreadable: (p) => { throw new Error(p.message); }, notice() {} });
  reader.push(Buffer.from(`${line}\n`, 'latin1'));
  reader.end();
  return out[0];
}

const verdict = (line: string): number => matchKernelCall((v) => diff.match(v), read(line));
const asPrinted = (line: string): number => diff.matchAsPrinted(read(line));

/** [form, old line, its current x86_64 twin, a twin's variant the rules refuse (the old form of it must be refused too)]. */
const PAIRS: [string, string, string, string][] = [
  ['sigaction without field names (strace < 4.15)',
    'rt_sigaction(SIGINT, {SIG_IGN, [], SA_RESTORER, 0x76d52180}, NULL, 8) = 0',
    'rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x76d52180}, NULL, 8) = 0',
    'rt_sigaction(SIGINT, {SIG_IGN, [], SA_ONSTACK, 0x76d52180}, NULL, 8) = 0'],
  ['epoll_event without field names (strace < 5.11)',
    'epoll_ctl(5, EPOLL_CTL_ADD, 41, {EPOLLIN, {u32=41, u64=41}}) = 0',
    'epoll_ctl(5, EPOLL_CTL_ADD, 41, {events=EPOLLIN, data={u32=41, u64=41}}) = 0',
    'epoll_ctl(5, EPOLL_CTL_ADD, 41, {EPOLLPRI, {u32=41, u64=41}}) = 0'],
  ['an array of epoll_events without field names',
    'epoll_wait(5, [{EPOLLIN, {u32=41, u64=41}}, {EPOLLOUT, {u32=7, u64=7}}], 8, -1) = 2',
    'epoll_wait(5, [{events=EPOLLIN, data={u32=41, u64=41}}, {events=EPOLLOUT, data={u32=7, u64=7}}], 8, -1) = 2',
    'epoll_wait(5, [{EPOLLIN, {u32=41, u64=41}}, {EPOLLHUP, {u32=7, u64=7}}], 8, -1) = 2'],
  ['timespec without field names (strace < 4.15)',
    'nanosleep({1, 500000000}, NULL) = 0',
    'nanosleep({tv_sec=1, tv_nsec=500000000}, NULL) = 0',
    'nanosleep({1, 500000000, 7}, NULL) = 0'],
  ['timespecs inside an itimerspec',
    'timerfd_settime(3, 0, {it_interval={0, 0}, it_value={1, 0}}, NULL) = 0',
    'timerfd_settime(3, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=0}}, NULL) = 0',
    'timerfd_settime(3, 0, {it_interval={0}, it_value={1, 0}}, NULL) = 0'],
  ['timeval without field names (strace < 4.15)',
    'gettimeofday({1700000000, 12}, NULL) = 0',
    'gettimeofday({tv_sec=1700000000, tv_usec=12}, NULL) = 0',
    'gettimeofday({1700000000}, NULL) = 0'],
  ['PF_* for AF_* (strace < 4.12)',
    'socket(PF_INET, SOCK_STREAM, IPPROTO_IP) = 3',
    'socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3',
    'socket(PF_INET6, SOCK_STREAM, IPPROTO_IP) = 3'],
  ['an ioctl code printed as its candidate names',
    'ioctl(2, SNDCTL_TMR_TIMEBASE or SNDRV_TIMER_IOCTL_NEXT_DEVICE or TCGETS, {B9600 opost isig icanon echo ...}) = 0',
    'ioctl(2, TCGETS, {B9600 opost isig icanon echo ...}) = 0',
    'ioctl(2, SNDCTL_TMR_START or TCSETS, {B9600 opost isig icanon echo ...}) = 0'],
  ['mmap2 (i386, arm)',
    'mmap2(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xf7f61000',
    'mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000',
    'mmap2(NULL, 8192, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xf7f61000'],
  ['_llseek (i386, arm): lseek without the result',
    '_llseek(3, 0, [0], SEEK_SET) = 0',
    'lseek(3, 0, SEEK_SET) = 0',
    '_llseek(3, 0, [0], SEEK_END) = 0'],
  ['fstat64, getuid32 (i386, arm)',
    'fstat64(3, {st_mode=S_IFREG|0644, st_size=100, ...}) = 0',
    'fstat(3, {st_mode=S_IFREG|0644, st_size=100, ...}) = 0',
    'fstat64(3) = 0'],
  ['sigprocmask: rt_sigprocmask without sigsetsize',
    'sigprocmask(SIG_BLOCK, [CHLD], []) = 0',
    'rt_sigprocmask(SIG_BLOCK, [CHLD], [], 8) = 0',
    'sigprocmask(SIG_UNBLOCK, [CHLD], []) = 0'],
  ['waitpid: wait4 with no rusage',
    'waitpid(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0) = 42',
    'wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 42',
    'waitpid(-1, NULL, WUNTRACED) = 42'],
];

describe.each(PAIRS)('%s', (_form, old, current, refused) => {
  test('gets the verdict of the current x86_64 line', () => {
    expect(verdict(current)).toBeGreaterThanOrEqual(0);
    expect(verdict(old)).toBe(verdict(current));
    expect(verdict(refused)).toBe(-1);
  });

  test('--as-printed judges the text as strace printed it', () => {
    expect(asPrinted(old)).toBe(-1);
  });
});

test('getuid32 is judged as getuid', () => {
  expect(verdict('getuid32() = 0')).toBe(verdict('getuid() = 0'));
  expect(kernelCall(read('getuid32() = 0')).name).toBe('getuid');
});

test('a 32-bit name with no x86_64 counterpart is judged as printed (no rule has its name)', () => {
  expect(kernelCall(read('socketcall(1, [2, 1, 0]) = 3')).name).toBe('socketcall');
  expect(verdict('socketcall(1, [2, 1, 0]) = 3')).toBe(-1);
});

test('a call of a syscall no fact concerns is judged as it is: no view is made', () => {
  const c = read('close(3) = 0');
  expect(kernelCall(c)).toBe(c);
});

test('the 32-bit sigaction without field names is judged as rt_sigaction with them', () => {
  const old = 'sigaction(SIGINT, {SIG_IGN, [], SA_RESTART}, NULL) = 0';
  expect(kernelCall(read(old)).name).toBe('rt_sigaction');
  expect(verdict(old)).toBe(verdict('rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTART}, NULL, 8) = 0'));
  expect(verdict(old)).toBeGreaterThanOrEqual(0);
});
