/** The converter that rewrites current logs into old-strace and 32-bit shapes (convert.ts). */
import { convertLog } from './convert';

test.each([
  ['sigaction', '1 rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7f}, NULL, 8) = 0',
    '1 rt_sigaction(SIGINT, {SIG_IGN, [], SA_RESTORER, 0x7f}, NULL, 8) = 0'],
  ['time', '1 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000000}, 0x7ffd) = 0',
    '1 clock_nanosleep(CLOCK_REALTIME, 0, {0, 1000000}, 0x7ffd) = 0'],
  ['epoll', '1 epoll_ctl(5, EPOLL_CTL_ADD, 41, {events=EPOLLIN|EPOLLET, data={u32=41, u64=41}}) = 0',
    '1 epoll_ctl(5, EPOLL_CTL_ADD, 41, {EPOLLIN|EPOLLET, {u32=41, u64=41}}) = 0'],
  ['pf', '1 socket(AF_UNIX, SOCK_STREAM, 0) = 3', '1 socket(PF_UNIX, SOCK_STREAM, 0) = 3'],
  ['ioctl-or', '1 ioctl(0</dev/pts/0>, TCGETS, {B38400 opost}) = 0',
    '1 ioctl(0</dev/pts/0>, SNDCTL_TMR_TIMEBASE or SNDRV_TIMER_IOCTL_NEXT_DEVICE or TCGETS, {B38400 opost}) = 0'],
  ['abi32', '1 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f', '1 mmap2(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f'],
  ['abi32', '1 lseek(3, 0, SEEK_CUR) = 4096', '1 _llseek(3, 0, [4096], SEEK_CUR) = 0'],
  ['abi32', '1 <... newfstatat resumed>{st_mode=S_IFDIR|0755, ...}, 0) = 0', '1 <... fstatat64 resumed>{st_mode=S_IFDIR|0755, ...}, 0) = 0'],
  ['abi32', '1 munmap(0x7f, 8192) = 0', '1 munmap(0x7f, 8192) = 0'],
] as const)('%s: %s', (form, line, want) => {
  expect(convertLog(line, form)).toBe(want);
});
