/** Argument values, decoded lazily by the record (docs/behaviour.md section 3). */
import { read, one, int, flags, str, other } from './helpers';
import type { Value } from '../../runtime/abi';

const struct = (elided: boolean, ...fields: [string | null, Value][]): Value =>
  ({ kind: 'struct', elided, fields: fields.map(([name, value]) => ({ name, value })) });
const array = (...items: Value[]): Value => ({ kind: 'array', items });

/** Values of `f(<arg>) = 0`. */
function args(text: string): Value[] {
  return one(`1 f(${text}) = 0`).args;
}

describe('integers', () => {
  test.each([['-1'], ['0x7ffd'], ['0644'], ['1<<20'], ['4*1024'], ['0'], ['8192*1024']])('%s', (t) => {
    expect(args(t)).toEqual([int(t)]);
  });
});

describe('flags', () => {
  test.each([
    ['O_RDONLY|O_CLOEXEC', ['O_RDONLY', 'O_CLOEXEC']],
    ['SIG_0', ['SIG_0']],
    ['FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1', ['FUTEX_OP_SET<<28', '0<<12', 'FUTEX_OP_CMP_GT<<24', '0x1']],
    ['1<<CAP_CHOWN|1<<CAP_DAC_OVERRIDE', ['1<<CAP_CHOWN', '1<<CAP_DAC_OVERRIDE']],
    ['makedev(0x88, 0)', ['makedev(0x88, 0)']],
    ['0xff5be79e /* CLOCK_??? */|FOO', ['0xff5be79e', 'FOO']],
    ['CLOCK_???', ['CLOCK_???']],
    ['0x1200000|17', ['0x1200000', '17']],
    ['SA_RESTORER or SA_RESTART', ['SA_RESTORER', 'SA_RESTART']],
    ['NULL', ['NULL']],
    ['AT_FDCWD</home/user/tmp>', ['AT_FDCWD']],
    ['S_IFREG|0644', ['S_IFREG', '0644']],
  ])('%s', (t, parts) => {
    expect(args(t)).toEqual([flags(...parts)]);
  });
});

describe('strings', () => {
  test.each([
    ['"/etc/ld.so.cache"', '/etc/ld.so.cache'],
    ['"\\177ELF\\2\\1\\1\\0"...', '\\177ELF\\2\\1\\1\\0'],
    ['"a\\"b, c)"', 'a\\"b, c)'],
    ['@"/tmp/.X11-unix/X0"', '/tmp/.X11-unix/X0'],
    ['""', ''],
  ])('%s', (t, text) => {
    expect(args(t)).toEqual([str(text)]);
  });
});

describe('-yy decorations', () => {
  test.each([
    ['3</etc/passwd>', int('3', '/etc/passwd')],
    ['5</home/user/tmp/db.sqlite-shm>(deleted)', int('5', '/home/user/tmp/db.sqlite-shm')],
    ['0</dev/null<char 1:3>>', int('0', '/dev/null<char 1:3>')],
    ['3<TCP:[127.0.0.1:40000->127.0.0.1:80]>', int('3', 'TCP:[127.0.0.1:40000->127.0.0.1:80]')],
    ['3<UNIX-STREAM:[1->2,"/s"]>', int('3', 'UNIX-STREAM:[1->2,"/s"]')],
    ['4<pipe:[20534]>', int('4', 'pipe:[20534]')],
    ['3<anon_inode:[eventfd]>', int('3', 'anon_inode:[eventfd]')],
    ['AT_FDCWD</tmp>', flags('AT_FDCWD')],
    ['-100 /* AT_FDCWD */</home/user/tmp>', flags('AT_FDCWD')],
    ['-100</home/user/tmp>', int('-100', '/home/user/tmp')],
  ])('%s', (t, v) => {
    expect(args(`${t}, 1`)).toEqual([v, int('1')]);
  });
});

describe('-X verbose comments spell flags', () => {
  test('openat', () => {
    const c = one('11389 openat(-100 /* AT_FDCWD */</home/user/tmp>, "/etc/ld.so.cache", 0x80000 /* O_RDONLY|O_CLOEXEC */) = 3</etc/ld.so.cache>');
    expect(c.args).toEqual([flags('AT_FDCWD'), str('/etc/ld.so.cache'), flags('O_RDONLY', 'O_CLOEXEC')]);
  });
  test('a comment per part', () => {
    const c = one('11390 statx(-100 /* AT_FDCWD */</home/user/tmp>, "/etc", 0 /* AT_STATX_SYNC_AS_STAT */|0x900 /* AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT */, 0x25e /* STATX_MODE|STATX_NLINK */, {stx_mask=0x17ff /* STATX_BASIC_STATS|STATX_MNT_ID */, stx_mode=040755 /* S_IFDIR|0755 */, stx_size=4096, ...}) = 0');
    expect(c.args[2]).toEqual(flags('AT_STATX_SYNC_AS_STAT', 'AT_SYMLINK_NOFOLLOW', 'AT_NO_AUTOMOUNT'));
    expect(c.args[3]).toEqual(flags('STATX_MODE', 'STATX_NLINK'));
    expect(c.args[4]).toEqual(struct(true,
      ['stx_mask', flags('STATX_BASIC_STATS', 'STATX_MNT_ID')],
      ['stx_mode', flags('S_IFDIR', '0755')],
      ['stx_size', int('4096')]));
  });
  test('a spelled part among plain ones keeps the order of parts', () => {
    expect(args('0x1|0x900 /* A_X|A_Y */')).toEqual([flags('0x1', 'A_X', 'A_Y')]);
    expect(args('0x900 /* A_X|A_Y */|0x1|0x2 /* nothing to spell */')).toEqual([flags('A_X', 'A_Y', '0x1', '0x2')]);
  });
  test('comments that are not flags are ignored', () => {
    expect(args('0x7fff8bfcdc48 /* 35 vars */')).toEqual([int('0x7fff8bfcdc48')]);
    expect(args('0xff5be79e /* CLOCK_??? */')).toEqual([int('0xff5be79e')]);
    expect(args('0x103 /* makedev(0x1, 0x3) */')).toEqual([int('0x103')]);
  });
});

describe('structs', () => {
  test('named members, nested, elided', () => {
    const c = one('10402 newfstatat(0</dev/null<char 1:3>>, "", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH) = 0');
    expect(c.args).toEqual([
      int('0', '/dev/null<char 1:3>'),
      str(''),
      struct(true, ['st_mode', flags('S_IFCHR', '0666')], ['st_rdev', flags('makedev(0x1, 0x3)')]),
      flags('AT_EMPTY_PATH'),
    ]);
  });
  test('{...} and {}', () => {
    expect(args('{...}, {}')).toEqual([struct(true), struct(false)]);
  });
  test('unnamed members', () => {
    expect(args('{sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}')).toEqual([
      struct(false,
        ['sa_family', flags('AF_INET6')],
        ['sin6_port', flags('htons(80)')],
        [null, flags('inet_pton(AF_INET6, "::1", &sin6_addr)')],
        ['sin6_scope_id', int('0')]),
    ]);
  });
  test('sigaction with a signal set and numbers', () => {
    const c = one('10402 rt_sigaction(SIGINT, {sa_handler=0x55bb8f9d5e30, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7fa419334050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0');
    expect(c.args[1]).toEqual(struct(false,
      ['sa_handler', int('0x55bb8f9d5e30')],
      ['sa_mask', array()],
      ['sa_flags', flags('SA_RESTORER')],
      ['sa_restorer', int('0x7fa419334050')]));
    expect(c.args[3]).toEqual(int('8'));
  });
  test('prlimit64 with 8192*1024', () => {
    const c = one('10402 prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0');
    expect(c.args[3]).toEqual(struct(false, ['rlim_cur', int('8192*1024')], ['rlim_max', flags('RLIM64_INFINITY')]));
  });
});

describe('arrays and sets', () => {
  test.each([
    ['[1, 2]', array(int('1'), int('2'))],
    ['[{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}]', array(struct(false, ['fd', int('3')], ['events', flags('POLLIN')]), struct(false, ['fd', int('4')], ['events', flags('POLLOUT')]))],
    ['[[1, 2], []]', array(array(int('1'), int('2')), array())],
    ['[CHLD]', array(flags('CHLD'))],
    ['[INT QUIT]', array(flags('INT'), flags('QUIT'))],
    ['[110 => 22]', array(int('110'))],
    ['["bash", "-c", ...]', array(str('bash'), str('-c'))],
    ['[/* 35 vars */]', array()],
    ['~[RTMIN RT_1]', other('~[RTMIN RT_1]')],
    ['[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]', array(struct(false, [null, other('WIFEXITED(s) && WEXITSTATUS(s) == 0')]))],
  ])('%s', (t, v) => {
    expect(args(t)).toEqual([v]);
  });
});

describe('names, in/out values, comments, empty arguments', () => {
  test('name=value keeps only the value', () => {
    expect(args('child_stack=NULL, flags=CLONE_VM|SIGCHLD')).toEqual([flags('NULL'), flags('CLONE_VM', 'SIGCHLD')]);
  });
  test('value => value2 is its first value', () => {
    expect(args('[16 => 28], {...} => {sa_family=AF_INET}, 5 => 7')).toEqual([array(int('16')), struct(true), int('5')]);
  });
  test('execve with a comment', () => {
    const c = one('10402 execve("/usr/bin/bash", ["bash", "/home/user/workloads/bash_pipes.s"...], 0x7fff8bfcdc48 /* 35 vars */) = 0');
    expect(c.args).toEqual([str('/usr/bin/bash'), array(str('bash'), str('/home/user/workloads/bash_pipes.s')), int('0x7fff8bfcdc48')]);
  });
  test('empty arguments', () => {
    expect(args('1, , 3')).toEqual([int('1'), other(''), int('3')]);
  });
  test('things that are none of the above', () => {
    expect(args('&sin6_addr, ..., 1 2')).toEqual([other('&sin6_addr'), other('...'), other('1 2')]);
  });
  test('values are cached: the same object twice', () => {
    const r = read('1 f({a=1}) = 0\n');
    expect(r.records[0].arg(0)).toBe(r.records[0].arg(0));
  });
  test('an argument past the end is unconstrained, not a throw', () => {
    const r = read('1 f(1) = 0\n');
    expect(r.records[0].arg(5).kind).toBe('other');
  });
});

describe('-X raw', () => {
  test('one notice for a raw log', () => {
    const r = read([
      '11400 mmap(NULL, 8192, 0x3, 0x22, -1, 0) = 0x7faac1196000',
      '11400 openat(-100</home/user/tmp>, "/etc/ld.so.cache", 0x80000) = 3</etc/ld.so.cache>',
      '11400 openat(-100</home/user/tmp>, "/lib/x86_64-linux-gnu/libm.so.6", 0x80000) = 3</usr/lib/x86_64-linux-gnu/libm.so.6>',
    ].join('\n'));
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/flag/);
  });
  test('no notice for default or verbose output', () => {
    const r = read([
      '10402 mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fa419502000',
      '11389 mmap(NULL, 8192, 0x3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0) = 0x7fcef8617000',
      '11389 openat(-100 /* AT_FDCWD */</home/user/tmp>, "/etc/ld.so.cache", 0x80000 /* O_RDONLY|O_CLOEXEC */) = 3</etc/ld.so.cache>',
      '10402 openat(AT_FDCWD</home/user/tmp>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>',
    ].join('\n'));
    expect(r.notices).toEqual([]);
  });
});
