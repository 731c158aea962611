/**
 * --suggest-scml: the suggestion compiles, and the rules plus the suggestion
 * support every call that was unsupported; widening is minimal on real rules.
 */
import fc from 'fast-check';
import type { CallRecord } from '../../runtime/record';
import { explain } from '../../runtime/explain/explain';
import { createInterpreter } from '../../runtime/interpret';
import type { IR } from '../../runtime/ir';
import { ScmlWriter } from '../../runtime/report/suggest/scml-text';
import { ScmlSuggester } from '../../runtime/report/suggest/suggester';
import { argsArb, rulesArb } from './arbitraries';
import { asterinas, call, compile, flags, int, NULL, str, struct, arr } from './helpers';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASTERINAS } from './helpers';

function suggest(ir: IR, calls: CallRecord[]): string {
  const suggester = new ScmlSuggester(ir);
  const interpreter = createInterpreter(ir);
  for (const c of calls) {
    if (interpreter.match(c) >= 0) continue;
    suggester.add(c, explain(ir, c)!);
  }
  return suggester.text();
}

/** Rules given as [path, text] plus the suggestion: every call must now match. */
function expectAllSupported(files: [string, string][], suggestion: string, calls: CallRecord[]): void {
  const widened = createInterpreter(compile([...files, ['suggested.scml', suggestion]]));
  for (const c of calls) expect(widened.match(c)).toBeGreaterThanOrEqual(0);
}

const MMAP = 'memory-management/mmap_and_munmap.scml';
const mmapText = fs.readFileSync(path.join(ASTERINAS, MMAP), 'utf8');

test('flag-not-allowed: the closest rule with the missing flags added, merged over calls', () => {
  const ir = asterinas(MMAP);
  const calls = [
    call('mmap', [NULL, int('8192'), flags('PROT_READ'), flags('MAP_PRIVATE', 'MAP_DENYWRITE'), int('3', '/lib/libc.so.6'), int('0')], '1 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</lib/libc.so.6>, 0) = 0x7f00', 7),
    call('mmap', [NULL, int('8192'), flags('PROT_READ', 'PROT_SEM'), flags('MAP_PRIVATE', 'MAP_DENYWRITE', 'MAP_EXECUTABLE'), int('3'), int('0')], undefined, 9),
  ];
  const text = suggest(ir, calls);
  expect(text).toContain('// 2 calls (widens rule memory-management/mmap_and_munmap.scml:18), e.g. line 7:\n');
  expect(text).toContain('//   1 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</lib/libc.so.6>, 0) = 0x7f00\n');
  expect(text).toContain(
    'mmap(\n    addr,\n    length,\n    prot = PROT_EXEC | PROT_NONE | PROT_READ | PROT_SEM | PROT_WRITE,\n' +
      '    flags = MAP_32BIT | MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN | ' +
      'MAP_HUGETLB | MAP_LOCKED | MAP_NONBLOCK | MAP_NORESERVE | MAP_POPULATE | MAP_PRIVATE,\n    fd,\n    offset\n);\n',
  );
  expectAllSupported([[MMAP, mmapText]], text, calls);
  // No more than needed: the shared-mapping rule was not touched, and MAP_SHARED|MAP_DENYWRITE stays unsupported.
  const after = createInterpreter(compile([[MMAP, mmapText], ['s.scml', text]]));
  expect(after.match(call('mmap', [NULL, int('1'), flags('PROT_READ'), flags('MAP_SHARED', 'MAP_DENYWRITE'), int('3'), int('0')]))).toBe(-1);
});

test('no-rule: one unconstrained rule per observed argument count', () => {
  const ir = asterinas(MMAP);
  const calls = [
    call('openat2', [flags('AT_FDCWD'), str('/etc'), struct([['flags', flags('O_RDONLY')]]), int('24')]),
    call('openat2', [flags('AT_FDCWD'), str('/tmp'), NULL, int('24')]),
    call('rseq', [int('0x7f'), int('32')]),
  ];
  const text = suggest(ir, calls);
  expect(text).toContain('\nopenat2(arg0, arg1, arg2, arg3);\n');
  expect(text).toContain('// 2 calls (no rule for this syscall)');
  expect(text).toContain('\nrseq(arg0, arg1);\n');
  expectAllSupported([[MMAP, mmapText]], text, calls);
});

test('struct and array widening, integers, arg-count, all inlined and compilable', () => {
  const files: [string, string][] = [
    [
      'net.scml',
      [
        'struct cmsghdr = { cmsg_level = SOL_SOCKET, cmsg_type = SCM_RIGHTS, .. };',
        'struct cmsghdr = { cmsg_level = SOL_IP, cmsg_type = IP_TTL, .. };',
        'struct msghdr = { msg_name, msg_control = [ <cmsghdr> ] };',
        'recvmsg(socket, msg = <msghdr>, flags = MSG_PEEK);',
        'fcntl(fd, cmd = F_GETFL | F_SETFL);',
        'munmap(addr, length);',
      ].join('\n'),
    ],
  ];
  const ir = compile(files);
  const calls = [
    call('recvmsg', [
      int('3'),
      struct([
        ['msg_name', NULL],
        ['msg_control', arr(struct([['cmsg_len', int('28')], ['cmsg_level', flags('SOL_SOCKET')], ['cmsg_type', flags('SO_TIMESTAMP_OLD')]]))],
        ['msg_flags', int('0')],
      ]),
      flags('MSG_CMSG_CLOEXEC'),
    ]),
    call('fcntl', [int('3'), int('0x406')]),
    call('munmap', [int('0x7f'), int('4096'), int('0')]),
  ];
  const text = suggest(ir, calls);
  expect(text).toContain('struct suggested_struct_1 = { cmsg_level = SOL_SOCKET, cmsg_type = SCM_RIGHTS | SO_TIMESTAMP_OLD, .. };');
  expect(text).toContain('fcntl(fd, cmd = F_GETFL | F_SETFL | <INTEGER>);');
  expect(text).toContain('munmap(addr, length, arg2);');
  expectAllSupported(files, text, calls);
});

test('round trip on random rules and calls: the suggestion compiles and covers every call', () => {
  fc.assert(
    fc.property(rulesArb, fc.array(argsArb, { minLength: 1, maxLength: 6 }), (rules, argLists) => {
      const writer = new ScmlWriter();
      const ruleText = rules.map((r) => writer.rule('f', r.params, r.variadic)).join('\n');
      const files: [string, string][] = [['gen.scml', `${writer.definitions.join('\n')}\n${ruleText}\n`]];
      const ir = compile(files);
      const calls = argLists.map((args) => call('f', args));
      expectAllSupported(files, suggest(ir, calls), calls);
    }),
    { numRuns: 400 },
  );
});
