/**
 * CRLF logs (docs/behaviour.md section 3): a `\r\n` end is a line end. The
 * records and problems are those of the same log with `\n` ends (text
 * without any line end), and each says which end its line had (`crlf`), so
 * that the text output writes it back byte for byte. Joined pairs take the
 * end of their last line; healed calls that of their continuation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { read, LOGS, expectSameList, type ReadResult } from './helpers';
import { FIXTURE_CAPTURES } from '../fixtures/paths';
import type { CallRecord, Problem } from '../../runtime/record';

const toCrlf = (text: string): string => text.replace(/\n/g, '\r\n');
const crlfOf = (r: ReadResult): boolean[] => [...r.records.map((c) => c.crlf === true), ...r.problems.map((p) => p.crlf === true)];
/** What must not change: everything but the line end. */
const problemsOf = (ps: Problem[]) => ps.map((p) => ({ line: p.line, text: p.text, message: p.message }));
const callsOf = (r: ReadResult) => r.calls.map((c, i) => ({ ...c, incomplete: (r.records[i] as CallRecord).incomplete === true }));

/**
 * Read the log with LF ends and with CRLF ends, the latter in odd chunks (a
 * `\r` and its `\n` in different chunks). The terminal captures (`*_tty.txt`,
 * made with `script`) are real CRLF logs; the others are made so.
 */
function bothWays(text: string, incomplete: boolean): [ReadResult, ReadResult] {
  const lf = text.replace(/\r\n/g, '\n');
  return [read(lf, { incomplete }), read(toCrlf(lf), { incomplete }, [4093, 1, 2, 7777])];
}

const sources: [string, string][] = [
  ...['python3_threads.log', 'node_workers.log', 'git.log', 'cat.log'].map((f): [string, string] => [f, path.join(LOGS, f)]),
  ...fs.readdirSync(FIXTURE_CAPTURES).filter((f) => /\.(txt|log)$/.test(f)).sort()
    .map((f): [string, string] => [`captures/${f}`, path.join(FIXTURE_CAPTURES, f)]),
];

describe.each(sources)('%s with CRLF ends', (_name, file) => {
  const text = fs.readFileSync(file, 'latin1');
  test.each([false, true])('same records and problems, each marked CRLF (incomplete calls: %s)', (incomplete) => {
    const [lf, crlf] = bothWays(text, incomplete);
    expectSameList(callsOf(crlf), callsOf(lf));
    expect(problemsOf(crlf.problems)).toEqual(problemsOf(lf.problems));
    expect(crlf.stats).toEqual(lf.stats);
    expect(crlfOf(lf).every((x) => !x)).toBe(true);
    // Every record ends a line of the log, and so does a problem (but for program output glued to an strace line),
    // except on a last line that has no end at all (a log cut short).
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    const cut = lines[lines.length - 1] === '' ? -1 : lines.length;
    expect(crlf.records.filter((c) => c.crlf !== (c.endLine !== cut))).toEqual([]);
    for (const p of crlf.problems) if (p.crlf !== true && p.line !== cut) expect(lines[p.line - 1]).not.toBe(p.text);
  });
});

test('the logs above have joined pairs, healed calls, incomplete calls and problems', () => {
  const all = sources.map(([, f]) => read(fs.readFileSync(f, 'latin1'), { incomplete: true }));
  expect(all.some((r) => r.records.some((c) => c.endLine > c.line && !c.text.includes('resumed')))).toBe(true);
  expect(all.some((r) => r.records.some((c) => c.incomplete === true))).toBe(true);
  expect(all.some((r) => r.problems.length > 0)).toBe(true);
  const healed = read(fs.readFileSync(path.join(FIXTURE_CAPTURES, 'writes_tty.txt'), 'latin1')).stats.output;
  expect(healed).toBeGreaterThan(0);
});

describe('mixed ends: each record takes the end of its own last line', () => {
  test('single lines', () => {
    const r = read('1 close(3) = 0\r\n1 close(4) = 0\n1 close(5) = 0\r\r\n1 close(6) = 0');
    expect(r.records.map((c) => [c.text, c.crlf])).toEqual([
      ['1 close(3) = 0', true], ['1 close(4) = 0', false], ['1 close(5) = 0\r', true], ['1 close(6) = 0', false],
    ]);
  });

  test('a pair: the resumed line decides', () => {
    const text = '1 read(3,  <unfinished ...>\n2 close(4) = 0\r\n1 <... read resumed>"a", 1) = 1\r\n' +
      '2 read(5,  <unfinished ...>\r\n2 <... read resumed>"b", 1) = 1\n';
    const r = read(text);
    expect(r.records.map((c) => [c.text, c.crlf])).toEqual([
      ['2 close(4) = 0', true], ['1 read(3, "a", 1) = 1', true], ['2 read(5, "b", 1) = 1', false],
    ]);
    expect(r.records[1].arg(1)).toEqual({ kind: 'str', text: 'a' });
  });

  test('resumed and unfinished again, then never resumed: the last start line decides', () => {
    const text = '1 read(3,  <unfinished ...>\n1 <... read resumed> <unfinished ...>\r\n';
    expect(read(text).problems.map((p) => [p.text, p.crlf])).toEqual([['1 read(3,  <unfinished ...>', true]]);
    const r = read(text, { incomplete: true });
    expect(r.records.map((c) => [c.text, c.crlf, c.incomplete])).toEqual([['1 read(3,  <unfinished ...>', true, true]]);
  });

  test('problems: an unreadable line, a resume without a start', () => {
    const r = read('garbage\r\n1 <... read resumed>"a", 1) = 1\r\nmore garbage\n');
    expect(r.problems.map((p) => [p.text, p.crlf === true])).toEqual([
      ['garbage', true], ['1 <... read resumed>"a", 1) = 1', true], ['more garbage', false],
    ]);
  });
});
