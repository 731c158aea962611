/**
 * Metamorphic test of healing (runtime/reader/heal.ts): every real log,
 * turned into what strace and the program would have written to one
 * terminal, gives the same calls (name, pid, argument values, result: so the
 * same verdicts under any rule set) in the same order as the log itself.
 *
 * The capture is made the way a terminal gets it: `[pid  N] ` prefixes with
 * ` = ` realigned to column 40, `strace: Process N attached` messages and
 * lines of program output between lines and inside calls (where strace
 * stops printing while the call runs: after the `(`, or after the arguments
 * printed on entry), and what write calls wrote right after their arguments.
 * Inserted output lines carry a marker; the only problems allowed are
 * unplaced output lines, and the originals have none.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { read, allLogs, LOGS, expectSameList, type Snapshot } from './helpers';
import { pidFromFfSuffix } from '../../runtime/reader/index';

const logs = allLogs();

const essence = (calls: Snapshot[]) => calls.map((c) => ({ name: c.name, pid: c.pid, args: c.args, result: c.result }));

/** A small seeded PRNG (mulberry32): the capture is a function of fast-check's seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `1234 rest` (strace -o) as a terminal shows it: `[pid  1234] rest`. */
function terminalPrefix(line: string): string {
  const m = /^([0-9]+) (.*)$/s.exec(line);
  return m === null ? line : `[pid ${m[1].padStart(5)}] ${m[2]}`;
}

/** ` = result` back in column 40 after the prefix changed length (strace pads `)` with spaces up to it). */
function realign(line: string): string {
  const m = /^(.*\)) +(= .*)$/s.exec(line);
  if (m === null) return line;
  const spaces = Math.max(1, 40 - m[1].length);
  return m[1] + ' '.repeat(spaces) + m[2];
}

/** The end of the arguments printed on entry: before `)` + ` = `, or before ` <unfinished ...>`; -1 if neither. */
function argsEnd(line: string): number {
  if (line.endsWith(' <unfinished ...>')) return line.length - ' <unfinished ...>'.length;
  // strace prints a resumed line in one go: nothing lands inside it.
  if (/^(\[pid +[0-9]+\] )?([0-9:.]+ )?<\.\.\. /.test(line)) return -1;
  const m = /^(.*\)) += /s.exec(line);
  return m === null ? -1 : m[1].length - 1;
}

/** The call's `(`, when the line starts a call; -1 otherwise. */
function argsOpen(line: string): number {
  const m = /^(\[pid +[0-9]+\] )?([0-9:.]+ )?[a-z_][a-z0-9_]*\(/.exec(line);
  return m === null ? -1 : m[0].length;
}

/** The `)` at `end` is followed by 2 or more spaces before `=`: strace padded it to column 40. */
function padded(line: string, end: number): boolean {
  return line.startsWith(')  ', end) && /^\) +=/.test(line.slice(end));
}

/** What `write(fd, "data", n` wrote, when it is safe to show on a line-based terminal; null otherwise. */
function writtenText(line: string, end: number): string | null {
  const m = /^(?:\[pid +[0-9]+\] )?(?:[0-9:.]+ )?(?:write|pwrite64)\([0-9]+(?:<[^>]*>)?, "((?:[^"\\]|\\.)*)", [0-9]+(?:, [0-9]+)?$/.exec(line.slice(0, end));
  if (m === null) return null;
  const text = m[1].replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, e: string) =>
    e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16))
      : /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8))
        : ({ n: '\n', t: '\t', r: '\r', v: '\v', f: '\f' } as Record<string, string>)[e] ?? e);
  // Output without a line end stays on the call's line (a damaged last argument, not healed);
  // control chars and `(` could make output look like something else.
  if (!text.includes('\n') || /[\x00-\x08\x0b-\x1f(\x7f-\xff]/.test(text) || text.length > 4000) return null;
  return text;
}

/** The capture of `log` (lines without line ends), with splices at rate `rate`. */
function capture(lines: string[], random: () => number, rate: number): string[] {
  const out: string[] = [];
  let n = 0;
  const outputLine = () => `@@ program output ${n++} @@`;
  for (const raw of lines) {
    if (random() < rate) out.push(random() < 0.5 ? `strace: Process ${4000 + n++} attached` : outputLine());
    const line = realign(terminalPrefix(raw));
    const end = argsEnd(line);
    const data = end === -1 ? null : writtenText(line, end);
    if (data !== null && random() < 0.8) {
      // A write to the terminal: its data appears right after what strace printed on entry.
      out.push(...(line.slice(0, end) + data + line.slice(end)).split('\n'));
      continue;
    }
    if (end !== -1 && random() < rate) {
      const open = argsOpen(line);
      if (random() < 0.5) {
        // strace stopped after `(` or after the entry arguments: its message lands there.
        const at = open !== -1 && random() < 0.5 ? open : end;
        out.push(line.slice(0, at) + `strace: Process ${4000 + n++} attached`, line.slice(at));
        continue;
      }
      if (padded(line, end) && !/^(\[pid +[0-9]+\] )?([0-9:.]+ )?(write|pwrite64|writev|pwritev2?|send|sendto|sendmsg)\(/.test(line)) {
        // Another process's output line lands after the entry arguments. (Without the padding,
        // or with arguments printed on exit, nothing tells output from arguments: not spliced;
        // after a write's arguments comes what the write itself wrote.)
        out.push(line.slice(0, end) + outputLine(), line.slice(end));
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

describe('a log as a terminal shows it reads as the log itself', () => {
  test('there are logs', () => {
    expect(logs.length).toBeGreaterThanOrEqual(20);
  });

  test.each(logs.map((p) => [path.relative(LOGS, p), p]))('%s', (_name, file) => {
    const pid = pidFromFfSuffix(file);
    const options = pid === null ? undefined : { pid };
    const text = fs.readFileSync(file, 'latin1');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const want = essence(read(text, options).calls);
    fc.assert(fc.property(fc.integer(), fc.constantFrom(0.01, 0.05, 0.2), (seed, rate) => {
      const r = read(capture(lines, prng(seed), rate).join('\n') + '\n', options);
      expect(r.problems.filter((p) => !/^@@ program output [0-9]+ @@$/.test(p.text))).toEqual([]);
      expectSameList(essence(r.calls), want);
    }), { numRuns: 3 });
  });
});
