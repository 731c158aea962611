/**
 * Numbers strace printed raw are decoded into the names of the argument's
 * table (runtime/values/number-names.ts), so a `strace -X raw` log gets the
 * verdicts of the decoded log of the same program: the repository's
 * subprocess_Xraw.log against subprocess_Xverbose.log (same program, same
 * options but -X; -X verbose spells every name, which the reader uses),
 * call by call, by the generated module and the interpreter alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord } from '../../runtime/record';
import { kernelCall, matchKernelCall } from '../../runtime/match/kernel-call';
import { mappedArguments } from '../../linux/argument-tables';
import { namesOfNumber, numberOf } from '../../runtime/values/number-names';
import { Differential } from '../compiler/emit/harness';
import { FIXTURE_LOGS } from '../fixtures/paths';
import { asterinasIr, callsOf } from './helpers';

const ir = asterinasIr();
const diff = new Differential(ir);

const calls = (file: string): CallRecord[] => callsOf(fs.readFileSync(path.join(FIXTURE_LOGS, 'variants', file)));

const names = (syscall: string, arg: number, text: string, field: string[] = []): string[] | null =>
  namesOfNumber(numberOf(text) as bigint, mappedArguments().find((m) => m.syscall === syscall && m.argIndex === arg && m.fieldPath.join('.') === field.join('.'))!);

test('numbers are decoded as strace decodes them: flags, value fields under a mask, values, leftovers in hex', () => {
  expect(names('openat', 2, '0x80000')).toEqual(['O_RDONLY', 'O_CLOEXEC']);
  expect(names('openat', 2, '0')).toEqual(['O_RDONLY']);
  expect(names('mmap', 2, '0x3')).toEqual(['PROT_READ', 'PROT_WRITE']);
  expect(names('mmap', 2, '0')).toEqual(['PROT_NONE']);
  expect(names('mmap', 3, '0x22')).toEqual(['MAP_PRIVATE', 'MAP_ANONYMOUS']);
  expect(names('mmap', 3, '0x3')).toEqual(['MAP_SHARED_VALIDATE']);
  expect(names('mmap', 3, '0x40000002')).toEqual(['MAP_PRIVATE', '0x40000000']);
  expect(names('socket', 1, '0x80003')).toEqual(['SOCK_RAW', 'SOCK_CLOEXEC']);
  expect(names('socket', 0, '2')).toEqual(['AF_INET']);
  expect(names('lseek', 2, '1')).toEqual(['SEEK_CUR']);
  expect(names('lseek', 2, '77')).toBeNull();
  expect(names('futex', 1, '0x189')).toEqual(['FUTEX_WAIT_BITSET_PRIVATE', 'FUTEX_CLOCK_REALTIME']);
  expect(names('clone', 1, '0x1200011')).toEqual(['SIGCHLD', 'CLONE_CHILD_CLEARTID', 'CLONE_CHILD_SETTID']);
  expect(names('pipe2', 1, '0x80000')).toEqual(['O_CLOEXEC']);
  expect(names('rt_sigaction', 1, '0x4000000', ['sa_flags'])).toEqual(['SA_RESTORER']);
  expect(numberOf('0644')).toBe(420n);
  expect(numberOf('1<<20')).toBeNull();
});

test('a raw argument in a struct field and a hex leftover in a decoded combination', () => {
  const read = (line: string): CallRecord => {
    const out: CallRecord[] = [];
    const reader = new StraceReader({ call: (r) => out.push(r), unreadable() {}, notice() {} });
    reader.push(Buffer.from(`${line}\n`, 'latin1'));
    reader.end();
    return out[0];
  };
  const sa = kernelCall(read('rt_sigaction(0x2, {sa_handler=0x1, sa_mask=[], sa_flags=0x4000000, sa_restorer=0x7f}, NULL, 8) = 0'));
  expect(sa.arg(1)).toMatchObject({ kind: 'struct', fields: [{ name: 'sa_handler' }, { name: 'sa_mask' }, { name: 'sa_flags', value: { kind: 'flags', parts: ['SA_RESTORER'] } }, { name: 'sa_restorer' }] });
  expect(sa.arg(0)).toEqual({ kind: 'flags', parts: ['SIGINT'] });
  expect(kernelCall(read('openat(AT_FDCWD, "/x", O_RDONLY|0x80000) = 3')).arg(2)).toEqual({ kind: 'flags', parts: ['O_RDONLY', 'O_CLOEXEC'] });
  // fcntl's third argument depends on the command: its numbers stay numbers.
  expect(kernelCall(read('fcntl(3, F_DUPFD, 10) = 4')).arg(2)).toEqual({ kind: 'int', text: '10' });
});

/** Calls grouped by process (pids in order of first appearance): the two runs' processes, in the same order. */
function byProcess(list: CallRecord[]): CallRecord[][] {
  const groups = new Map<number | null, CallRecord[]>();
  for (const c of list) {
    const g = groups.get(c.pid);
    if (g === undefined) groups.set(c.pid, [c]);
    else g.push(c);
  }
  return [...groups.values()];
}

/** Pairs of calls of the same name, in order (a longest common subsequence: two runs differ by a few calls). */
function pairs(a: CallRecord[], b: CallRecord[]): [CallRecord, CallRecord][] {
  const n = a.length;
  const m = b.length;
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) len[i][j] = a[i].name === b[j].name ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  }
  const out: [CallRecord, CallRecord][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i].name === b[j].name) out.push([a[i++], b[j++]]);
    else if (len[i + 1][j] >= len[i][j + 1]) i++;
    else j++;
  }
  return out;
}

test('the -X raw log gets the verdicts of the decoded log of the same program, call by call', () => {
  // Two runs of one program with -X raw and -X verbose (which spells every name, and which the reader uses).
  const raw = byProcess(calls('subprocess_Xraw.log'));
  const decoded = byProcess(calls('subprocess_Xverbose.log'));
  expect(raw.length).toBe(decoded.length);
  let paired = 0;
  let rawAsPrintedDiffers = 0;
  raw.forEach((group, g) => {
    for (const [r, d] of pairs(group, decoded[g])) {
      paired++;
      const want = matchKernelCall((v) => diff.match(v), d) >= 0;
      const got = matchKernelCall((v) => diff.match(v), r) >= 0;
      if (got !== want) throw new Error(`${r.line}: ${r.text}\n  ${got ? 'supported' : 'unsupported'}; decoded ${d.line}: ${d.text} is ${want ? 'supported' : 'unsupported'}`);
      if ((diff.matchAsPrinted(r) >= 0) !== (diff.matchAsPrinted(d) >= 0)) rawAsPrintedDiffers++;
    }
  });
  // Nearly every call has its twin (the runs differ by a few calls).
  expect(paired).toBeGreaterThan(1900);
  // As printed, the raw numbers are what the rules refuse.
  expect(rawAsPrintedDiffers).toBeGreaterThan(100);
});
