/**
 * The verdict memo (runtime/match/verdict-memo.ts) changes no verdict: with
 * the Asterinas rules on every test log, on the logs rewritten into the
 * forms of older strace versions and 32-bit ABIs, and on random lines
 * against random rules, the memoized matcher (matcherFor with the IR) gives
 * each call the verdict the matcher gives it alone, in both modes; and it
 * does skip the matcher for repeated calls.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import type { CallView } from '../../runtime/abi';
import type { IR, Pattern } from '../../runtime/ir';
import type { CallRecord } from '../../runtime/record';
import { createInterpreter } from '../../runtime/interpret';
import { StraceCall } from '../../runtime/reader/call-record';
import { matcherFor, matchKernelCall } from '../../runtime/match/kernel-call';
import { readPositions } from '../../runtime/match/read-positions';
import { printingRule } from '../../linux/printing';
import { FIXTURE_LOGS } from '../fixtures/paths';
import { asterinasIr, callsOf } from '../old-strace/helpers';
import { convertLog, FORMS } from '../old-strace/convert';
import { ANY, buildIR, flagSet, INTEGER, PATH, structPat, arrayPat, type RuleSpec } from '../compiler/emit/harness';

function logFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? logFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** The matcher alone and memoized, in one mode; `calls` counts how often the matcher itself ran. */
function matchers(ir: IR, asPrinted: boolean) {
  const interpreter = createInterpreter(ir);
  let calls = 0;
  const module = {
    ir,
    match: (c: CallView) => (calls++, interpreter.match(c)),
    matchAsPrinted: (c: CallView) => (calls++, interpreter.matchAsPrinted(c)),
  };
  const alone = asPrinted ? (c: CallView) => interpreter.matchAsPrinted(c) : (c: CallView) => matchKernelCall(interpreter.match, c);
  return { alone, memoized: matcherFor(module, asPrinted).match, matcherCalls: () => calls };
}

/** Calls whose memoized verdict differs from the matcher's own: [line, expected, got]. */
function disagreements(records: readonly CallRecord[], m: ReturnType<typeof matchers>): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const r of records) {
    const expected = m.alone(r);
    const got = m.memoized(r);
    if (got !== expected) out.push([r.text, expected, got]);
  }
  return out;
}

const ir = asterinasIr();
const logs = logFiles(FIXTURE_LOGS).map((p) => fs.readFileSync(p, 'latin1'));

describe.each([
  ['what the kernel received (default)', false],
  ['--as-printed', true],
])('the Asterinas rules, %s', (_mode, asPrinted) => {
  test('every call of every test log (each read twice) gets the matcher\'s verdict; repeats skip the matcher', () => {
    const m = matchers(ir, asPrinted);
    let records = 0;
    for (const text of [...logs, ...logs]) {
      const calls = callsOf(text);
      records += calls.length;
      expect(disagreements(calls, m)).toEqual([]);
    }
    // Most calls repeat an earlier one's read positions: the matcher ran for few of them.
    expect(m.matcherCalls()).toBeLessThan(records * 0.15);
  });

  test.each(FORMS)('the logs in the %s form (older strace, 32-bit names) get the matcher\'s verdicts', (form) => {
    const m = matchers(ir, asPrinted);
    for (const text of logs.slice(0, 4)) expect(disagreements(callsOf(convertLog(text, form)), m)).toEqual([]);
  });
});

test('the read positions: constrained parameters, and for futex every printed position that carries one in the kernel view', () => {
  const positions = readPositions(ir, printingRule);
  // newfstatat( dirfd, path, statbuf, flags = ... ): only the flags.
  expect(positions.get('newfstatat')).toEqual([3]);
  // write(fd, buf, count): nothing but the count decides.
  expect(positions.get('write')).toEqual([]);
  // futex reads kernel positions 1, 3 and 4; FUTEX_LOCK_PI prints kernel position 3 at 2.
  expect(positions.get('futex')).toEqual([1, 2, 3, 4]);
  expect(readPositions(ir, () => undefined).get('futex')).toEqual([1, 3, 4]);
});

// --- random rules, random lines ---

/** Argument texts that exercise the reader: strings with commas, nesting, decorations, comments, numbers. */
const ARGS = [
  '0', '1', '0x10', 'NULL', 'A', 'B', 'A|B', 'A|0x4', 'C', '3</tmp/x>', '4</a,b>', '"x"', '"a,b"', '"\\""',
  '{a=1, b=A}', '{a=B}', '{...}', '[1, 2]', '[A, B]', '[]', 'A or B', '~[A]', '/* 2 */', 'x(1, 2)', '',
];
const SYSCALLS = ['openat', 'futex', 'clone', 'ioctl', 'mmap2'];

const pattern: fc.Arbitrary<Pattern> = fc.oneof(
  fc.constant(ANY),
  fc.constant(INTEGER),
  fc.constant(PATH),
  fc.record({ names: fc.subarray(['A', 'B', 'C', 'NULL', 'FUTEX_WAKE_PRIVATE', 'FUTEX_WAIT'], { minLength: 1 }), integer: fc.boolean() }).map(({ names, integer }) => flagSet(names, integer)),
  fc.constant(structPat([{ fields: [['a', flagSet(['A', 'B'], true)]], open: true }])),
  fc.constant(arrayPat(flagSet(['A'], true))),
);
const rule: fc.Arbitrary<RuleSpec> = fc.record({
  syscall: fc.constantFrom(...SYSCALLS),
  params: fc.array(pattern, { maxLength: 6 }),
  variadic: fc.boolean(),
});
const line: fc.Arbitrary<string> = fc
  .record({ name: fc.constantFrom(...SYSCALLS), args: fc.array(fc.constantFrom(...ARGS, 'FUTEX_WAKE_PRIVATE', 'FUTEX_WAIT'), { maxLength: 6 }) })
  .map(({ name, args }) => `${name}(${args.join(', ')}) = 0`);

test('random rule sets and random lines: the memoized verdict is the matcher\'s, in both modes', () => {
  fc.assert(
    fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.array(line, { minLength: 1, maxLength: 40 }), (rules, lines) => {
      const randomIr = buildIR(rules);
      // Each line twice: the second meets the memo.
      const records = callsOf([...lines, ...lines].join('\n') + '\n');
      for (const asPrinted of [false, true]) expect(disagreements(records, matchers(randomIr, asPrinted))).toEqual([]);
    }),
    { numRuns: 300 },
  );
});

test('past its bound the memo starts over and verdicts stay right', () => {
  const bounded = buildIR([{ syscall: 'openat', params: [ANY, ANY, flagSet(['A'], false)] }]);
  // More distinct texts at the read position than the memo keeps; every 7th is supported (`0`).
  const text = Array.from({ length: 20000 }, (_, i) => `openat(AT_FDCWD, "f", ${i % 7 === 0 ? 0 : `0x${(i + 1).toString(16)}`}) = 3`).join('\n') + '\n';
  const records = callsOf(text + text);
  const m = matchers(bounded, false);
  expect(disagreements(records, m)).toEqual([]);
});

// --- where the memo must look further than the rules' own positions ---

/** Verdicts of these lines, memoized (each line twice) and alone. */
function bothWays(rules: RuleSpec[], lines: string[], asPrinted = false): { alone: number[]; memoized: number[] } {
  const m = matchers(buildIR(rules), asPrinted);
  const records = callsOf([...lines, ...lines].join('\n') + '\n');
  return { alone: records.map((r) => m.alone(r)), memoized: records.map((r) => m.memoized(r)) };
}

test('futex: a printed position that carries a constrained kernel position is read (FUTEX_LOCK_PI prints its timeout third)', () => {
  const rules: RuleSpec[] = [{ syscall: 'futex', params: [ANY, flagSet(['FUTEX_LOCK_PI', 'FUTEX_PRIVATE_FLAG']), ANY, flagSet(['NULL']), ANY, ANY] }];
  const { alone, memoized } = bothWays(rules, ['futex(0x1, FUTEX_LOCK_PI_PRIVATE, NULL) = 0', 'futex(0x1, FUTEX_LOCK_PI_PRIVATE, {tv_sec=1, tv_nsec=0}) = 0']);
  expect(alone).toEqual([0, -1, 0, -1]);
  expect(memoized).toEqual(alone);
});

test('a 32-bit name judged by its x86_64 counterpart\'s rules is not memoized by its own', () => {
  const rules: RuleSpec[] = [
    { syscall: 'mmap', params: [ANY, ANY, flagSet(['PROT_READ']), ANY, ANY, ANY] },
    { syscall: 'lseek', params: [ANY, ANY, flagSet(['SEEK_SET'])] },
    // Rules for the printed names too: they give the memo positions that are not the ones judged.
    { syscall: 'mmap2', params: [], variadic: true },
    { syscall: '_llseek', params: [], variadic: true },
  ];
  const lines = [
    'mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) = 0',
    'mmap2(NULL, 4096, PROT_WRITE, MAP_PRIVATE, 3, 0) = 0',
    '_llseek(3, 0, [0], SEEK_SET) = 0',
    '_llseek(3, 0, [0], SEEK_END) = 0',
  ];
  const { alone, memoized } = bothWays(rules, lines);
  expect(alone).toEqual([0, -1, 1, -1, 0, -1, 1, -1]);
  expect(memoized).toEqual(alone);
  // As printed, the names stand for themselves: their own (variadic) rules.
  const printed = bothWays(rules, lines, true);
  expect(printed.alone).toEqual([2, 2, 3, 3, 2, 2, 3, 3]);
  expect(printed.memoized).toEqual(printed.alone);
});

test('kept keys are copies: the memo does not hold the lines\' windows alive', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const bounded = buildIR([{ syscall: 'openat', params: [ANY, ANY, flagSet(['O_RDONLY'], false)] }]);
  const memoized = matcherFor({ ...createInterpreter(bounded), ir: bounded }, false).match;
  const heap = (): number => (gc(), process.memoryUsage().heapUsed);
  const before = heap();
  // 2,000 calls, each the only line of a 64 KiB window, each with a text of its own at the read position.
  for (let i = 0; i < 2000; i++) {
    const line = `openat(AT_FDCWD, "f", flag_number_${i}) = 3`;
    const src = line + '\n' + `${i}`.padEnd(65536, ' ');
    const call = new StraceCall(src, 0, line.length, 'openat', null, 1, 1, 'openat('.length, line.indexOf(' = '));
    expect(memoized(call)).toBe(-1);
  }
  // Slices would keep 2,000 windows (131 MB as latin1); copies keep a few bytes each.
  expect(heap() - before).toBeLessThan(16e6);
});
