/**
 * A log read in byte ranges (range mode + in-order replay, as --jobs does,
 * here without threads) tells the reporter exactly what one reader tells it:
 * same calls with the same text, lines, result and arguments, same problems
 * and notices, in the same order. Ranges are cut everywhere, so edges fall
 * inside unfinished/resumed pairs, before orphan resumes, between a call and
 * its `<detached ...>` or execve move.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import * as path from 'node:path';
import { FIXTURE_CAPTURES, FIXTURE_LOGS } from '../fixtures/paths';
import { asterinasMatcher, lineStarts, readInRanges, readWhole, testLogs, type Matcher } from './helpers';

/** Cut before every `every`-th line, starting at line `offset`. */
function cutsEvery(bytes: Buffer, every: number, offset = 0): number[] {
  return lineStarts(bytes).filter((_, i) => i >= offset && (i - offset) % every === 0);
}

describe('range mode on the terminal captures, with calls never finished made incomplete or reported', () => {
  const matcher = asterinasMatcher();
  for (const file of fs.readdirSync(FIXTURE_CAPTURES).filter((f) => /\.(txt|log)$/.test(f)).sort()) {
    test(file, () => {
      const bytes = fs.readFileSync(path.join(FIXTURE_CAPTURES, file));
      for (const incomplete of [true, false]) {
        const whole = readWhole(bytes, matcher, 'all', null, incomplete);
        for (const [every, offset] of [[1, 0], [2, 1], [3, 0], [17, 5], [200, 7]]) {
          const ranges = readInRanges(bytes, cutsEvery(bytes, every, offset), matcher, 'all', null, incomplete);
          expect(ranges.events).toEqual(whole.events);
          expect([ranges.calls, ranges.unsupported, ranges.lines]).toEqual([whole.calls, whole.unsupported, whole.lines]);
        }
      }
    });
  }
});

describe('range mode on every test log', () => {
  const matcher = asterinasMatcher();
  for (const { file, pid } of testLogs(FIXTURE_LOGS)) {
    const name = file.slice(FIXTURE_LOGS.length + 1);
    test(name, () => {
      const bytes = fs.readFileSync(file);
      for (const needs of ['all', 'unsupported'] as const) {
        const whole = readWhole(bytes, matcher, needs, pid);
        for (const [every, offset] of [[1, 0], [2, 1], [3, 0], [17, 5], [1000, 123]]) {
          const ranges = readInRanges(bytes, cutsEvery(bytes, every, offset), matcher, needs, pid);
          expect(ranges.events).toEqual(whole.events);
          expect([ranges.calls, ranges.unsupported, ranges.lines]).toEqual([whole.calls, whole.unsupported, whole.lines]);
        }
      }
    });
  }

  test('a CRLF log (python3_threads.log with CRLF ends): the events of the LF log, each marked CRLF, in ranges too', () => {
    const lf = fs.readFileSync(`${FIXTURE_LOGS}/python3_threads.log`);
    const bytes = Buffer.from(lf.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    const want = readWhole(lf, matcher, 'all').events.map((e) => (e.startsWith('call ') ? e.replace(/,false\]$/, ',true]') : `${e} CRLF`));
    expect(want.filter((e) => e.endsWith(',true]')).length).toBeGreaterThan(1000);
    expect(readWhole(bytes, matcher, 'all').events).toEqual(want);
    for (const every of [1, 3, 500]) expect(readInRanges(bytes, cutsEvery(bytes, every), matcher, 'all').events).toEqual(want);
  });

  test('edges do fall inside unfinished/resumed pairs (python3_threads.log)', () => {
    const bytes = fs.readFileSync(`${FIXTURE_LOGS}/python3_threads.log`);
    expect(readInRanges(bytes, cutsEvery(bytes, 3), matcher, 'all').deferred).toBeGreaterThan(100);
  });
});

// ---- synthetic logs: every kind of line that carries state across lines ----

const PIDS = [101, 102, 103];
const pidOf = fc.constantFrom(...PIDS);
const line = fc.oneof(
  pidOf.map((p) => `${p} futex(0x7f00, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>`),
  pidOf.map((p) => `${p} read(3, <unfinished ...>`),
  pidOf.map((p) => `${p} <... futex resumed>) = 0`),
  pidOf.map((p) => `${p} <... read resumed>"abc", 3) = 3`),
  pidOf.map((p) => `${p} <... read resumed>"ab" <unfinished ...>`),
  pidOf.map((p) => `${p} getpid() = ${p}`),
  pidOf.map((p) => `${p} openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3`),
  pidOf.map((p) => `${p} openat(-100, "/etc/passwd", 0x80000) = 3`),
  pidOf.map((p) => `${p} mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f0000`),
  pidOf.map((p) => `${p} <... futex resumed> <detached ...>`),
  pidOf.map((p) => `${p} read(3,  <detached ...>`),
  fc.tuple(pidOf, pidOf).map(([p, q]) => `${p} +++ superseded by execve in pid ${q} +++`),
  pidOf.map((p) => `${p} +++ exited with 0 +++`),
  fc.constant('garbage that is not a call'),
  fc.constant('getuid() = 0'),
  fc.constant('<... getuid resumed>) = 0'),
  // The pid prefix comes and goes (terminal captures): resumes found under another pid.
  fc.constant('read(3, <unfinished ...>'),
  fc.constant('<... read resumed>"abc", 3) = 3'),
  // Terminal captures: calls cut by program output or strace's messages, output, -c tables.
  pidOf.map((p) => `${p} write(1, "hi\\n", 3hi`),
  fc.constant('write(1, "hi\\n", 3hi'),
  fc.constant(')                                       = 3'),
  fc.constant('hi'),
  fc.constant('some program output'),
  pidOf.map((p) => `${p} rt_sigprocmask(SIG_SETMASK, [], strace: Process 104 attached`),
  fc.constant('NULL, 8) = 0'),
  fc.constant('strace: Process 104 attached'),
  fc.constant('Process 105 attached - interrupt to quit'),
  pidOf.map((p) => `${p} write(1, "out\\n", 4 <unfinished ...>`),
  fc.constant('out'),
  fc.constant('% time     seconds  usecs/call     calls    errors syscall'),
  fc.constant('------ ----------- ----------- --------- --------- ----------------'),
  fc.constant(' 45.00    0.000045          45         1           read'),
  fc.constant('100.00    0.000100                     3           total'),
);

/** Short logs whose state crosses lines in ways random logs rarely hit: every single cut, and a cut at every line. */
const TRICKY: [string, string[]][] = [
  ['a resume under a pid whose own call is done, found under no pid', [
    'read(3, <unfinished ...>',
    '102 getpid() = 102',
    '101 read(3, <unfinished ...>',
    '101 <... read resumed>"abc", 3) = 3',
    '101 <... read resumed>"abc", 3) = 3',
  ]],
  ['a resume without a pid, found under the one pid with that call', [
    '102 read(3, <unfinished ...>',
    '101 getpid() = 101',
    '<... read resumed>"abc", 3) = 3',
  ]],
  ['execve moves a call to a pid that had its own', [
    '101 futex(0x7f00, FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>',
    '102 execve("/bin/true", ["true"], 0x7ffd /* 3 vars */ <unfinished ...>',
    '101 getpid() = 101',
    '101 +++ superseded by execve in pid 102 +++',
    '101 <... execve resumed>) = 0',
  ]],
  ['program output written by a write of another range', [
    '101 write(1, "out\\n", 4 <unfinished ...>',
    '102 getpid() = 102',
    'out',
    '101 <... write resumed>) = 4',
  ]],
  ['a -c table, a call on the fast path (the table goes on), an exit (it ends), a row', [
    '% time     seconds  usecs/call     calls    errors syscall',
    '101 getpid() = 101',
    '101 +++ exited with 0 +++',
    ' 45.00    0.000045          45         1           read',
  ]],
  ['a -c table, a call on the fast path, a row', [
    '% time     seconds  usecs/call     calls    errors syscall',
    '101 getpid() = 101',
    ' 45.00    0.000045          45         1           read',
  ]],
  ['a call cut by output across a cut', [
    '101 getpid() = 101',
    'write(1, "hi\\n", 3hi',
    ')                                       = 3',
    '101 getpid() = 101',
  ]],
];

describe.each(TRICKY)('%s', (_name, lines) => {
  // With CRLF ends too: a line handed on keeps its `\r` (the record's crlf is in the events compared).
  test.each([['all', '\n'], ['unsupported', '\n'], ['all', '\r\n']] as const)('%s calls, lines ending in %j', (needs, end) => {
    const bytes = Buffer.from(lines.map((l) => `${l}${end}`).join(''), 'latin1');
    const starts = lineStarts(bytes);
    const matcher = asterinasMatcher();
    const whole = readWhole(bytes, matcher, needs);
    for (const cuts of [...starts.map((c) => [c]), starts]) {
      expect(readInRanges(bytes, cuts, matcher, needs).events).toEqual(whole.events);
    }
  });
});

test('synthetic logs cut at random lines give the same events', () => {
  const matcher: Matcher = asterinasMatcher();
  fc.assert(
    fc.property(
      // Each line ends in `\n` or `\r\n` (mixed ends: each record keeps its own).
      fc.array(fc.tuple(line, fc.constantFrom('\n', '\n', '\r\n')), { maxLength: 60 }),
      fc.array(fc.nat(), { maxLength: 20 }),
      fc.constantFrom<'all' | 'unsupported'>('all', 'unsupported'),
      fc.constantFrom(null, 77),
      (lines, cutAt, needs, pid) => {
        const bytes = Buffer.from(lines.map(([l, end]) => `${l}${end}`).join(''), 'latin1');
        const starts = lineStarts(bytes);
        const cuts = [...new Set(cutAt.map((c) => starts[c % starts.length]))].sort((a, b) => a - b);
        const whole = readWhole(bytes, matcher, needs, pid);
        const ranges = readInRanges(bytes, cuts, matcher, needs, pid);
        expect(ranges.events).toEqual(whole.events);
        expect([ranges.calls, ranges.unsupported, ranges.lines]).toEqual([whole.calls, whole.unsupported, whole.lines]);
      },
    ),
    { numRuns: 500 },
  );
});
