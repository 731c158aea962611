/**
 * docs/behaviour.md section 2, row by row: matching and non-matching values for
 * each pattern kind, through the interpreter's matchValue AND an emitted
 * module (each case is a one-parameter rule of its own syscall); the test
 * fails when either disagrees with the expectation or with the other.
 */
import type { Pattern } from '../../runtime/ir';
import type { Value } from '../../runtime/abi';
import { matchValue } from '../../runtime/interpret';
import {
  ANY, INTEGER, NULL, PATH, array, arrayPat, buildIR, call, Differential, flagSet, flags, int, other, str, struct, structPat,
} from '../compiler/emit/harness';

interface Case {
  row: string;
  pattern: Pattern;
  yes: Value[];
  no: Value[];
}

const OPEN = flagSet(['O_RDONLY', 'O_CLOEXEC', 'O_CREAT']);
const CLOCK = flagSet(['CLOCK_REALTIME', 'CLOCK_MONOTONIC'], true);
const SOCKADDR = structPat([{ fields: [['sa_family', flagSet(['AF_INET', 'AF_UNIX'])]], open: true }], 'sockaddr');
const EXACT = structPat([{ fields: [['a', flagSet(['X'])], ['b', ANY]] }]);
const ALTS = structPat(
  [
    { fields: [['kind', flagSet(['ONE'])], ['x', INTEGER]] },
    { fields: [['kind', flagSet(['TWO'])]], open: true },
  ],
  'alts',
);
const POLLFD = structPat([{ fields: [['events', flagSet(['POLLIN', 'POLLOUT'])]], open: true }], 'pollfd');

const cases: Case[] = [
  {
    row: 'bare / unconstrained',
    pattern: ANY,
    yes: [int('1'), flags('X'), str('s'), struct([['a', int('1')]]), array(), other('~[]'), NULL, other('')],
    no: [],
  },
  {
    row: 'flag set S: zero, combinations of allowed symbols',
    pattern: OPEN,
    yes: [int('0'), int('00'), int('0x0'), flags('O_RDONLY'), flags('O_RDONLY', 'O_CLOEXEC'), flags('O_CREAT', 'O_RDONLY', 'O_CLOEXEC'), int('0', '/dev/pts/0')],
    no: [
      flags('O_RDONLY', 'O_TRUNC'), flags('O_TRUNC'), flags('O_RDONLY', '0x40'), flags('0644'), flags('-1'), int('1'), int('0x40'), int('3', '/etc/passwd'),
      str('O_RDONLY'), struct([['O_RDONLY', int('1')]]), array(flags('O_RDONLY')), other('O_RDONLY'), NULL, flags('o_rdonly'),
    ],
  },
  {
    row: 'flag set S with <INTEGER>: also any integer and numeric parts',
    pattern: CLOCK,
    yes: [int('0'), int('7'), int('-1'), int('0xff5be79e'), int('1<<3'), int('4*1024'), int('3', '/dev/null'), flags('CLOCK_REALTIME'), flags('CLOCK_MONOTONIC', '0x40'), flags('0x40'), flags('-2'), flags('CLOCK_REALTIME', '1<<20'), flags('0x1200000', '17')],
    no: [flags('CLOCK_TAI'), flags('CLOCK_REALTIME', 'CLOCK_TAI'), flags('1<<CAP_CHOWN'), flags('CLOCK_REALTIME', 'FUTEX_OP_OPARG_SHIFT<<28'), flags('makedev(0x88, 0)'), str('7'), other('7'), struct([['a', int('1')]]), array(int('1')), NULL],
  },
  {
    row: 'flag set of only <INTEGER> parts',
    pattern: flagSet([], true),
    yes: [int('0'), int('12'), flags('0x1', '0x2')],
    no: [flags('AT_FDCWD'), str('x')],
  },
  {
    row: '<INTEGER> alone',
    pattern: INTEGER,
    yes: [int('0'), int('1234'), int('-100'), int('0xdeadbeef'), int('1<<3'), int('4*1024'), int('3', '/etc/passwd')],
    no: [flags('AT_FDCWD'), flags('0x40'), NULL, str('12'), other('12'), struct([['a', int('1')]]), array(int('1'))],
  },
  {
    row: '<PATH> alone',
    pattern: PATH,
    yes: [str('/etc/passwd'), str(''), int('3', '/etc/passwd'), int('4', 'pipe:[123]')],
    no: [int('3'), flags('AT_FDCWD'), NULL, other('"x"'), struct([['a', str('x')]]), array(str('x'))],
  },
  {
    row: 'struct pattern with `..`',
    pattern: SOCKADDR,
    yes: [
      NULL,
      struct([['sa_family', flags('AF_INET')]]),
      struct([['sa_family', flags('AF_UNIX')], ['sun_path', str('/tmp/s')]]),
      struct([['sa_family', flags('AF_INET')], ['sin_port', other('htons(80)')]], true),
      struct([['sa_family', int('0')]]),
    ],
    no: [
      struct([], false), struct([], true), struct([['sun_path', str('/tmp/s')]]), struct([['sa_family', flags('AF_INET6')]]),
      int('0'), flags('AF_INET'), str('x'), array(struct([['sa_family', flags('AF_INET')]])), other('{...}'),
    ],
  },
  {
    row: 'struct pattern without `..`: exact field count (elided members not counted)',
    pattern: EXACT,
    yes: [NULL, struct([['a', flags('X')], ['b', int('9')]]), struct([['b', str('s')], ['a', int('0')]]), struct([['a', flags('X')], ['b', int('1')]], true)],
    no: [struct([['a', flags('X')]]), struct([['a', flags('X')], ['b', int('1')], ['c', int('2')]]), struct([['a', flags('Y')], ['b', int('1')]]), struct([['a', flags('X')], [null, int('1')]])],
  },
  {
    row: 'the first struct member of a name is the one checked',
    pattern: structPat([{ fields: [['a', flagSet(['X'])]], open: true }]),
    yes: [struct([['a', flags('X')], ['a', flags('Y')]])],
    no: [struct([['a', flags('Y')], ['a', flags('X')]])],
  },
  {
    row: 'named struct with several definitions: any one',
    pattern: ALTS,
    yes: [NULL, struct([['kind', flags('ONE')], ['x', int('5')]]), struct([['kind', flags('TWO')]]), struct([['kind', flags('TWO')], ['y', str('z')]])],
    no: [struct([['kind', flags('ONE')]]), struct([['kind', flags('ONE')], ['x', str('5')]]), struct([['kind', flags('THREE')]]), struct([])],
  },
  {
    row: 'struct pattern with no fields `{..}` and `{}`',
    pattern: structPat([{ fields: [], open: true }]),
    yes: [NULL, struct([['any', int('1')]])],
    no: [struct([]), struct([], true), int('0')],
  },
  {
    row: 'struct pattern `{}` matches only NULL',
    pattern: structPat([{ fields: [], open: false }]),
    yes: [NULL],
    no: [struct([]), struct([['a', int('1')]]), struct([], true)],
  },
  {
    row: 'array pattern [e1..en]',
    pattern: arrayPat(POLLFD),
    yes: [NULL, array(), array(struct([['fd', int('3')], ['events', flags('POLLIN')]])), array(struct([['events', flags('POLLIN', 'POLLOUT')]]), struct([['events', int('0')]])), array(NULL)],
    no: [
      array(struct([['events', flags('POLLPRI')]])), array(struct([['events', flags('POLLIN')]]), struct([['events', flags('POLLPRI')]])),
      array(int('3')), struct([['events', flags('POLLIN')]]), int('0'), flags('POLLIN'), str('[]'), other('[...]'),
    ],
  },
  {
    row: 'array pattern with several element patterns, nested arrays',
    pattern: arrayPat(flagSet(['A']), arrayPat(INTEGER), PATH),
    yes: [array(flags('A'), array(int('1'), int('2')), str('/x'), int('0')), array(array()), array(int('3', '/p'))],
    no: [array(flags('B')), array(array(str('x'))), array(int('3')), array(struct([['a', int('1')]]))],
  },
];

const ir = buildIR(cases.map((c, i) => ({ syscall: `case${i}`, params: [c.pattern] })));
const diff = new Differential(ir);

describe.each(cases.map((c, i) => [c.row, c, i] as const))('%s', (_row, c, i) => {
  test.each(c.yes.map((v) => [JSON.stringify(v), v] as const))('matches %s', (_s, v) => {
    expect(matchValue(c.pattern, v)).toBe(true);
    expect(diff.match(call(`case${i}`, [v]))).toBe(i);
  });
  if (c.no.length > 0) {
    test.each(c.no.map((v) => [JSON.stringify(v), v] as const))('does not match %s', (_s, v) => {
      expect(matchValue(c.pattern, v)).toBe(false);
      expect(diff.match(call(`case${i}`, [v]))).toBe(-1);
    });
  }
});
