/**
 * Golden output: tests/golden/rules/*.scml compiled into generated/golden.js
 * and generated/golden.ts (committed). Fails when recompiling would change
 * them; regenerate with `npm run golden` (UPDATE_GOLDEN=1 jest tests/golden).
 * Then the committed module itself is loaded and checked against the
 * interpreter on calls that exercise every construct.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile } from '../../compiler/index';
import type { IR } from '../../runtime/ir';
import { array, call, Differential, flags, int, NULL, other, str, struct } from '../compiler/emit/harness';
import { typeCheck } from '../compiler/emit/typecheck';

const ROOT = path.join(__dirname, '..', '..');
const RULES = ['files.scml', 'more.scml'].map((f) => `tests/golden/rules/${f}`);
const OUT = { js: 'generated/golden.js', ts: 'generated/golden.ts' } as const;

function build(format: 'js' | 'ts'): { code: string; ir: IR } {
  const result = compile(RULES.map((p) => ({ path: p, bytes: fs.readFileSync(path.join(ROOT, p)) })), { format });
  if (result.code === null || result.ir === null) throw new Error(`golden rules do not compile: ${JSON.stringify(result.diagnostics)}`);
  return { code: result.code, ir: result.ir };
}

const fresh = { js: build('js'), ts: build('ts') };
if (process.env.UPDATE_GOLDEN === '1') {
  for (const format of ['js', 'ts'] as const) fs.writeFileSync(path.join(ROOT, OUT[format]), fresh[format].code);
}

describe.each(['js', 'ts'] as const)('generated/golden.%s', (format) => {
  test('is what the compiler produces now', () => {
    const file = path.join(ROOT, OUT[format]);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== fresh[format].code) {
      throw new Error(`${OUT[format]} is stale: recompiling the golden rules changes it. Run \`npm run golden\` and review the diff.`);
    }
  });
});

test('generated/golden.ts type-checks strictly as a MatcherModule', () => {
  expect(typeCheck(fs.readFileSync(path.join(ROOT, OUT.ts), 'utf8'))).toEqual([]);
});

describe('the committed golden module classifies like the interpreter', () => {
  const ir = fresh.js.ir;
  // The committed file, loaded the way sctrace loads modules.
  const diff = new Differential(ir, fs.readFileSync(path.join(ROOT, OUT.js), 'utf8'));
  /** Id of the n-th rule (0-based, IR order) for a syscall. */
  const id = (syscall: string, n: number) => {
    const rule = ir.rules.filter((r) => r.syscall === syscall)[n];
    if (rule === undefined) throw new Error(`no rule ${n} for ${syscall}`);
    return rule.id;
  };
  const cases: [string, ReturnType<typeof call>, number][] = [
    ['openat: nested named flags', call('openat', [flags('AT_FDCWD'), str('/etc/passwd'), flags('O_RDONLY', 'O_CLOEXEC')]), id('openat', 0)],
    ['openat: O_CREAT needs the 4-argument rule', call('openat', [int('3', '/d'), str('f'), flags('O_CREAT', 'O_WRONLY'), int('0644')]), id('openat', 1)],
    ['openat: mode must be an integer', call('openat', [int('3', '/d'), str('f'), flags('O_CREAT', 'O_WRONLY'), flags('S_IRUSR')]), -1],
    ['openat: O_PATH with `..`', call('openat', [int('7'), str('f'), flags('O_PATH'), int('0'), int('9')]), id('openat', 2)],
    ['openat: rule from the other file, its own access_mode', call('openat', [int('7'), str('d'), flags('O_RDONLY', 'O_DIRECTORY')]), id('openat', 3)],
    ['openat: O_DIRECTORY with O_WRONLY nowhere', call('openat', [int('7'), str('d'), flags('O_WRONLY', 'O_DIRECTORY')]), -1],
    ['clock_gettime: dynamic clock id', call('clock_gettime', [int('-6'), other('0x7ffd')]), id('clock_gettime', 0)],
    ['clock_gettime: unknown clock name', call('clock_gettime', [flags('CLOCK_TAI'), other('0x7ffd')]), -1],
    ['ioctl (..)', call('ioctl', [int('1'), flags('TCGETS'), other('0x7ffd')]), id('ioctl', 0)],
    ['sync ()', call('sync', []), id('sync', 0)],
    ['sync with an argument', call('sync', [int('1')]), -1],
    ['rt_sigaction: first definition', call('rt_sigaction', [flags('SIGINT'), struct([['sa_handler', flags('SIG_IGN')], ['sa_mask', array()], ['sa_flags', flags('SA_RESTORER', 'SA_RESTART')], ['sa_restorer', other('0x7f')]]), NULL, int('8')]), id('rt_sigaction', 0)],
    ['rt_sigaction: second definition (closed, 4 fields)', call('rt_sigaction', [flags('SIGSEGV'), struct([['sa_handler', other('0x55')], ['sa_mask', array()], ['sa_flags', flags('SA_SIGINFO')], ['sa_restorer', other('0x7f')]]), NULL, int('8')]), id('rt_sigaction', 0)],
    ['rt_sigaction: closed definition, a 5th field', call('rt_sigaction', [flags('SIGSEGV'), struct([['sa_handler', other('0x55')], ['sa_mask', array()], ['sa_flags', flags('SA_SIGINFO')], ['sa_restorer', other('0x7f')], ['x', int('1')]]), NULL, int('8')]), -1],
    ['rt_sigaction: the other file\'s sigaction', call('rt_sigaction', [flags('SIGCHLD'), struct([['sa_flags', flags('SA_NODEFER')]]), NULL, int('8')]), id('rt_sigaction', 1)],
    ['capget: closed inline struct', call('capget', [struct([['version', flags('_LINUX_CAPABILITY_VERSION_3')], ['pid', int('0')]]), NULL]), id('capget', 0)],
    ['capget: extra field', call('capget', [struct([['version', flags('_LINUX_CAPABILITY_VERSION_3')], ['pid', int('0')], ['x', int('0')]]), NULL]), -1],
    ['poll: array of pollfd', call('poll', [array(struct([['fd', int('3')], ['events', flags('POLLIN')], ['revents', int('0')]]), struct([['fd', int('4')], ['events', flags('POLLOUT')], ['revents', flags('POLLOUT')]])), int('2'), int('-1')]), id('poll', 0)],
    ['poll: POLLPRI', call('poll', [array(struct([['fd', int('3')], ['events', flags('POLLPRI')], ['revents', int('0')]])), int('1'), int('0')]), -1],
    ['recvmsg: nested arrays and struct alternatives', call('recvmsg', [int('3'), struct([
      ['msg_iov', array(struct([['iov_base', array(array(struct([['nlmsg_type', flags('RTM_NEWADDR')], ['nlmsg_len', int('9')]]), array(array(struct([['nla_type', flags('IFA_CACHEINFO')]])))))], ['iov_len', int('9')]]))],
      ['msg_control', array(struct([['cmsg_level', flags('SOL_IP')], ['cmsg_type', flags('IP_TTL')]]), struct([['cmsg_level', flags('SOL_SOCKET')], ['cmsg_type', flags('SCM_RIGHTS')]]))],
      ['msg_flags', int('0')],
    ]), flags('MSG_CMSG_CLOEXEC')]), id('recvmsg', 0)],
    ['recvmsg: a cmsghdr mixing the alternatives', call('recvmsg', [int('3'), struct([['msg_iov', array()], ['msg_control', array(struct([['cmsg_level', flags('SOL_IP')], ['cmsg_type', flags('SCM_RIGHTS')]]))]]), int('0')]), -1],
    ['prctl: wide set, numeric part allowed at arg2', call('prctl', [flags('W39'), flags('W00', '0x10')]), id('prctl', 0)],
    ['prctl: wide set, numeric part not allowed at option', call('prctl', [flags('W39', '0x10'), int('0')]), -1],
    ['prctl: PR_SET_NAME with a path', call('prctl', [flags('PR_SET_NAME'), str('worker')]), id('prctl', 1)],
    ['no rule for read', call('read', [int('3'), str(''), int('10')]), -1],
    ['futex: the rule\'s combined name matches the printed one', call('futex', [other('0x7f00'), flags('FUTEX_WAKE_PRIVATE'), int('1')]), id('futex', 0)],
    ['futex: and its parts', call('futex', [other('0x7f00'), flags('FUTEX_WAKE', 'FUTEX_PRIVATE_FLAG'), int('1')]), id('futex', 0)],
    ['futex: the kernel view fills in uaddr2', call('futex', [other('0x7f00'), flags('FUTEX_WAIT_BITSET_PRIVATE'), int('0'), NULL, flags('FUTEX_BITSET_MATCH_ANY')]), id('futex', 1)],
    ['futex: a flag no rule allows', call('futex', [other('0x7f00'), flags('FUTEX_WAIT_BITSET_PRIVATE', 'FUTEX_CLOCK_REALTIME'), int('0'), NULL, flags('FUTEX_BITSET_MATCH_ANY')]), -1],
  ];
  test.each(cases)('%s', (_what, c, expected) => {
    expect(diff.match(c)).toBe(expected);
  });
  test('as printed, the futex calls that need the kernel view are unsupported', () => {
    expect(diff.matchAsPrinted(call('futex', [other('0x7f00'), flags('FUTEX_WAKE', 'FUTEX_PRIVATE_FLAG'), int('1')]))).toBe(-1);
    expect(diff.matchAsPrinted(call('futex', [other('0x7f00'), flags('FUTEX_WAIT_BITSET_PRIVATE'), int('0'), NULL, int('1')]))).toBe(-1);
  });
  test('hasRules', () => {
    expect(ir.syscalls.map((s) => diff.hasRules(s.name))).toEqual(ir.syscalls.map(() => true));
    expect(diff.hasRules('read')).toBe(false);
  });
});
