/**
 * The line length limit (line-splitter.ts): a line over it is reported by
 * its first bytes and its length, never held whole; every other line is
 * read as before, however the bytes are chunked.
 */
import fc from 'fast-check';
import { LINE_HEAD_BYTES, LineSplitter } from '../../runtime/reader/line-splitter';
import { read } from './helpers';

type Out = { line: string } | { head: string; bytes: number };

/** Split `text` with the splitter, pushed in chunks of the given sizes (cycled). */
function split(text: string, max: number, sizes: number[]): Out[] {
  const out: Out[] = [];
  const s = new LineSplitter(
    (w) => {
      for (const l of w.split('\n').slice(0, -1)) out.push({ line: l });
    },
    (head, bytes) => out.push({ head, bytes }),
    max,
  );
  const bytes = Buffer.from(text, 'latin1');
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    s.push(bytes.subarray(at, at + n));
    at += n;
  }
  s.end();
  return out;
}

/** What the splitter must give: each line whole, or its head and length when over `max`. */
function expected(text: string, max: number): Out[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.length > max ? { head: l.slice(0, LINE_HEAD_BYTES), bytes: l.length } : { line: l }));
}

describe('line length limit', () => {
  test('any lines in any chunks: long lines are counted, the others kept whole', () => {
    const line = fc.oneof(fc.string({ maxLength: 40 }), fc.nat(3000).map((n) => 'y'.repeat(n)));
    const text = fc.array(line.map((l) => l.replace(/\n/g, ' ')), { maxLength: 12 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, fc.boolean(), fc.integer({ min: 1, max: 2000 }), fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }),
        (t, endsInNl, max, sizes) => {
          const input = endsInNl ? t + '\n' : t;
          expect(split(input, max, sizes)).toEqual(expected(input, max));
        }),
      { numRuns: 500 },
    );
  });

  test("each window's place: its chars are the input's bytes there, in any chunks (colour removed: no place)", () => {
    const line = fc.oneof(fc.string({ maxLength: 40 }), fc.nat(3000).map((n) => 'y'.repeat(n)), fc.constant('\x1b[1mred\x1b[0m'));
    const text = fc.array(line.map((l) => l.replace(/\n/g, ' ')), { maxLength: 12 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(text, fc.boolean(), fc.integer({ min: 1, max: 2000 }), fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }),
        (t, endsInNl, max, sizes) => {
          const bytes = Buffer.from(endsInNl ? `${t}\n` : t, 'latin1');
          const windows: { w: string; at: number }[] = [];
          const s = new LineSplitter((w, at) => windows.push({ w, at }), () => {}, max);
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const n = sizes[i % sizes.length];
            s.push(bytes.subarray(at, at + n));
            at += n;
          }
          s.end();
          for (const { w, at } of windows) {
            if (w.includes('\x1b') || (at === -1 && bytes.includes(0x1b))) continue;
            expect(at).toBeGreaterThanOrEqual(0);
            // A last line without `\n` is given one that the input does not have.
            const body = at + w.length > bytes.length ? w.slice(0, -1) : w;
            expect(bytes.toString('latin1', at, at + body.length)).toBe(body);
          }
          expect(windows.filter((x) => x.at === -1).every((x) => bytes.includes(0x1b))).toBe(true);
        }),
      { numRuns: 500 },
    );
  });

  test('the reader reports a long line by its first bytes and length, and reads on', () => {
    const long = `1 write(1, "${'z'.repeat(5000)}", 5000) = 5000`;
    const r = read(`1 gettid() = 1\n${long}\n1 getpid() = 2\n`, { maxLine: 1000 }, [700]);
    expect(r.calls.map((c) => [c.name, c.line])).toEqual([['gettid', 1], ['getpid', 3]]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].line).toBe(2);
    expect(r.problems[0].text).toBe(`${long.slice(0, LINE_HEAD_BYTES)}... [a line of ${long.length} bytes, over the limit of 1000 (--max-line)]`);
    expect(r.stats.lines).toBe(3);
  });

  test('a line at the limit is read', () => {
    const line = `1 write(1, "${'z'.repeat(100)}", 100) = 100`;
    const r = read(`${line}\n`, { maxLine: line.length }, [7]);
    expect(r.calls.map((c) => c.text)).toEqual([line]);
  });
});
