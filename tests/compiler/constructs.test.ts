/**
 * One test per construct of the SCML guide (docs/scml-guide.md):
 * parse and resolve, then assert the IR's shape.
 */
import { irOf, onlyRule, paramPattern } from './helpers';

const ANY = { kind: 'any' };
const flags = (names: string[], integer = false) => ({ kind: 'flags', names, integer });

describe('syscall rules', () => {
  test('bare parameters accept any value; flag pattern is a sorted unique set', () => {
    const rule = onlyRule('open(path, flags = O_RDONLY | O_WRONLY | O_RDWR | O_CLOEXEC);');
    expect(rule.syscall).toBe('open');
    expect(rule.variadic).toBe(false);
    expect(rule.params).toEqual([
      { name: 'path', pattern: ANY },
      { name: 'flags', pattern: flags(['O_CLOEXEC', 'O_RDONLY', 'O_RDWR', 'O_WRONLY']) },
    ]);
    expect(rule.origin).toEqual({ file: 't.scml', line: 1, column: 1 });
    expect(rule.text).toBe('open(path, flags = O_RDONLY | O_WRONLY | O_RDWR | O_CLOEXEC);');
  });

  test('several rules for one syscall are pooled in source order', () => {
    const ir = irOf(
      [
        'open(path, flags = O_RDONLY | O_WRONLY | O_RDWR | O_CLOEXEC);',
        'open(path, flags = O_CREAT | O_RDONLY | O_WRONLY | O_RDWR | O_CLOEXEC, mode);',
        'open(path, flags = O_PATH | O_CLOEXEC);',
      ].join('\n'),
    );
    expect(ir.rules.map((r) => [r.id, r.syscall, r.params.length, r.origin.line])).toEqual([
      [0, 'open', 2, 1],
      [1, 'open', 3, 2],
      [2, 'open', 2, 3],
    ]);
    expect(ir.syscalls).toEqual([{ name: 'open', rules: [0, 1, 2] }]);
  });

  test("'..' as the last parameter makes the rule variadic", () => {
    const rule = onlyRule('open(path, flags = O_RDONLY | O_CLOEXEC, ..);');
    expect(rule.variadic).toBe(true);
    expect(rule.params.map((p) => p.name)).toEqual(['path', 'flags']);
  });

  test("'(..)' alone: no parameters, variadic", () => {
    const rule = onlyRule('ioctl(..);');
    expect(rule.params).toEqual([]);
    expect(rule.variadic).toBe(true);
  });

  test('an empty parameter list', () => {
    const rule = onlyRule('getpid();');
    expect(rule.params).toEqual([]);
    expect(rule.variadic).toBe(false);
  });

  test('trailing commas in parameter and field lists', () => {
    const rule = onlyRule('f(a, b = { x = X, y, }, c = [ { z, .. }, ],\n);');
    expect(rule.params.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(rule.params[1].pattern).toMatchObject({ kind: 'struct', alternatives: [{ fields: [{ name: 'x' }, { name: 'y' }], open: false }] });
  });
});

describe('bitflags rules', () => {
  test('a named bitflags rule is flattened into the referencing pattern', () => {
    const ir = irOf(
      'access_mode = O_RDONLY | O_WRONLY | O_RDWR;\n' +
        'open(path, flags = <access_mode> | O_CLOEXEC);\n' +
        'open(path, flags = O_CREAT | <access_mode> | O_CLOEXEC, mode);\n',
    );
    expect(ir.rules[0].params[1].pattern).toEqual(flags(['O_CLOEXEC', 'O_RDONLY', 'O_RDWR', 'O_WRONLY']));
    expect(ir.rules[1].params[1].pattern).toEqual(flags(['O_CLOEXEC', 'O_CREAT', 'O_RDONLY', 'O_RDWR', 'O_WRONLY']));
  });

  test('nested bitflags references flatten transitively, duplicates removed', () => {
    const p = paramPattern('a = X | Y;\nb = <a> | Z | X;\nc = <b> | <a>;\nf(x = <c> | W);', 0);
    expect(p).toEqual(flags(['W', 'X', 'Y', 'Z']));
  });

  test('a lone reference to a bitflags rule is a flag set', () => {
    expect(paramPattern('m = A | B;\nf(x = <m>);', 0)).toEqual(flags(['A', 'B']));
  });

  test('a bare run of digits is a flag name (flags = 0)', () => {
    expect(paramPattern('preadv2(fd, iov, iovcnt, offset, flags = 0);', 4)).toEqual(flags(['0']));
  });

  test('a bare run of digits is accepted as a parameter name', () => {
    expect(onlyRule('renameat2(a, b, c, d, 0);').params[4]).toEqual({ name: '0', pattern: ANY });
  });
});

describe('struct rules', () => {
  test('a named struct with ..', () => {
    const rule = onlyRule(
      'struct sigaction = {\n    sa_flags = SA_NOCLDSTOP | SA_NOCLDWAIT,\n    ..\n};\n' +
        'sigaction(signum, act = <sigaction>, oldact = <sigaction>);',
    );
    const expected = {
      kind: 'struct',
      name: 'sigaction',
      alternatives: [
        {
          fields: [{ name: 'sa_flags', pattern: flags(['SA_NOCLDSTOP', 'SA_NOCLDWAIT']) }],
          open: true,
          origin: { file: 't.scml', line: 1, column: 1 },
        },
      ],
    };
    expect(rule.params[1].pattern).toEqual(expected);
    expect(rule.params[2].pattern).toEqual(expected);
  });

  test('an inline struct pattern (capget) has name null and its origin at the brace', () => {
    const p = paramPattern('capget(\n    hdrp = {\n        version = _LINUX_CAPABILITY_VERSION_3,\n        ..\n    },\n    datap\n);', 0);
    expect(p).toEqual({
      kind: 'struct',
      name: null,
      alternatives: [
        {
          fields: [{ name: 'version', pattern: flags(['_LINUX_CAPABILITY_VERSION_3']) }],
          open: true,
          origin: { file: 't.scml', line: 2, column: 12 },
        },
      ],
    });
  });

  test('a closed struct (no ..) and a bare field', () => {
    const p = paramPattern('f(s = { a, b = B });', 0);
    expect(p).toMatchObject({
      alternatives: [{ fields: [{ name: 'a', pattern: ANY }, { name: 'b', pattern: flags(['B']) }], open: false }],
    });
  });

  test('{ .. } alone: any struct', () => {
    expect(paramPattern('f(s = { .. });', 0)).toMatchObject({ kind: 'struct', alternatives: [{ fields: [], open: true }] });
  });

  test('several definitions of one struct name are alternatives (cmsghdr)', () => {
    const p = paramPattern(
      'struct cmsghdr = { cmsg_level = SOL_SOCKET, cmsg_type = SO_TIMESTAMP_OLD | SCM_RIGHTS | SCM_CREDENTIALS, .. };\n' +
        'struct cmsghdr = { cmsg_level = SOL_IP, cmsg_type = IP_TTL, .. };\n' +
        'struct msghdr = { msg_control = [ <cmsghdr> ], .. };\n' +
        'recvmsg(socket, message = <msghdr>, flags);',
      1,
    );
    expect(p).toMatchObject({ kind: 'struct', name: 'msghdr' });
    const control = (p as { alternatives: { fields: { pattern: unknown }[] }[] }).alternatives[0].fields[0].pattern;
    expect(control).toMatchObject({
      kind: 'array',
      elements: [
        {
          kind: 'struct',
          name: 'cmsghdr',
          alternatives: [
            { fields: [{ name: 'cmsg_level', pattern: flags(['SOL_SOCKET']) }, { name: 'cmsg_type' }], origin: { line: 1 } },
            { fields: [{ name: 'cmsg_level', pattern: flags(['SOL_IP']) }, { name: 'cmsg_type', pattern: flags(['IP_TTL']) }], origin: { line: 2 } },
          ],
        },
      ],
    });
  });
});

describe('array patterns', () => {
  test('poll: an array of a named struct whose fields use a bitflags rule', () => {
    const p = paramPattern(
      'events = POLLIN | POLLOUT | POLLRDHUP | POLLERR | POLLHUP | POLLNVAL;\n' +
        'struct pollfd = { events = <events>, revents = <events>, .. };\n' +
        'poll(fds = [ <pollfd> ], nfds, timeout);',
      0,
    );
    const ev = flags(['POLLERR', 'POLLHUP', 'POLLIN', 'POLLNVAL', 'POLLOUT', 'POLLRDHUP']);
    expect(p).toEqual({
      kind: 'array',
      elements: [
        {
          kind: 'struct',
          name: 'pollfd',
          alternatives: [
            { fields: [{ name: 'events', pattern: ev }, { name: 'revents', pattern: ev }], open: true, origin: { file: 't.scml', line: 2, column: 1 } },
          ],
        },
      ],
    });
  });

  test('heterogeneous nested arrays (netlink recvmsg)', () => {
    const ir = irOf(`struct iovec = {
    iov_base = [
        [
            {
                nlmsg_type = RTM_NEWADDR,
                ..
            },
            [
                [ { nla_type = IFA_CACHEINFO, .. } ]
            ]
        ]
    ],
    ..
};

recvmsg(
    sockfd,
    msg = {
        msg_iov = [ <iovec> ],
        ..
    },
    flags
);`);
    const msg = ir.rules[0].params[1].pattern;
    expect(msg).toMatchObject({
      kind: 'struct',
      name: null,
      alternatives: [
        {
          fields: [
            {
              name: 'msg_iov',
              pattern: {
                kind: 'array',
                elements: [
                  {
                    kind: 'struct',
                    name: 'iovec',
                    alternatives: [
                      {
                        fields: [
                          {
                            name: 'iov_base',
                            pattern: {
                              kind: 'array',
                              elements: [
                                {
                                  kind: 'array',
                                  elements: [
                                    { kind: 'struct', name: null, alternatives: [{ fields: [{ name: 'nlmsg_type', pattern: flags(['RTM_NEWADDR']) }], open: true }] },
                                    { kind: 'array', elements: [{ kind: 'array', elements: [{ kind: 'struct', alternatives: [{ fields: [{ name: 'nla_type' }] }] }] }] },
                                  ],
                                },
                              ],
                            },
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            },
          ],
          open: true,
        },
      ],
    });
  });

  test('array elements may be built-ins or bitflags references', () => {
    expect(paramPattern('m = A;\nf(x = [ <INTEGER>, <m>, <PATH> ]);', 0)).toEqual({
      kind: 'array',
      elements: [{ kind: 'integer' }, flags(['A']), { kind: 'path' }],
    });
  });
});

describe('built-ins', () => {
  test('<PATH> alone', () => {
    expect(paramPattern('open(path = <PATH>, flags);', 0)).toEqual({ kind: 'path' });
  });

  test('<INTEGER> alone', () => {
    expect(paramPattern('f(x = <INTEGER>);', 0)).toEqual({ kind: 'integer' });
  });

  test('<INTEGER> in a flag union (timer_create clockid) sets integer', () => {
    const p = paramPattern(
      `timer_create(
    clockid =
        // Static clock IDs represented as bitflags
        CLOCK_PROCESS_CPUTIME_ID | CLOCK_THREAD_CPUTIME_ID | CLOCK_REALTIME | CLOCK_MONOTONIC | CLOCK_BOOTTIME |
        // Dynamic clock IDs (per-process or per-thread clock IDs)
        // represented as an integer value.
        <INTEGER>,
    sevp,
    timerid
);`,
      0,
    );
    expect(p).toEqual(flags(['CLOCK_BOOTTIME', 'CLOCK_MONOTONIC', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_REALTIME', 'CLOCK_THREAD_CPUTIME_ID'], true));
  });

  test('<INTEGER> inside a bitflags rule carries into references', () => {
    expect(paramPattern('ids = A | <INTEGER>;\nf(x = <ids> | B);', 0)).toEqual(flags(['A', 'B'], true));
  });
});

describe('comments and layout', () => {
  test('rule text is the exact statement, comments inside included, comments before excluded', () => {
    const rule = onlyRule('// leading comment\nf( a, /* inline */ b // tail\n) ;  // after');
    expect(rule.text).toBe('f( a, /* inline */ b // tail\n) ;');
    expect(rule.origin).toEqual({ file: 't.scml', line: 2, column: 1 });
  });
});
