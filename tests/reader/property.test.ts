/**
 * Properties (fast-check): printed calls read back equal; chunk boundaries
 * never matter; random and truncated input never throws or hangs, and every
 * line is a call, skipped, or reported.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Value } from '../../runtime/abi';
import { read, LOGS, expectSameList } from './helpers';

// ---- printing values the way strace does ----------------------------------

const symbol = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/);
const number = fc.oneof(
  fc.integer({ min: -5, max: 100000 }).map(String),
  fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `0x${n.toString(16)}`),
  fc.integer({ min: 0, max: 0o777 }).map((n) => `0${n.toString(8)}`),
  fc.integer({ min: 0, max: 40 }).map((n) => `1<<${n}`),
  fc.tuple(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 1, max: 4096 })).map(([a, b]) => `${a}*${b}`),
);
const pathText = fc.stringMatching(/^[a-z0-9/._: \[\]]{1,20}$/);
const strText = fc.array(fc.oneof(
  fc.constantFrom('a', 'Z', ' ', ',', ')', '(', '{', '}', '[', ']', '=', '<', '>', '|', '/', '*', '.'),
  fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\0', '\\177'),
), { maxLength: 12 }).map((xs) => xs.join(''));

interface Printed { text: string; value: Value }

const intValue: fc.Arbitrary<Printed> = fc.tuple(number, fc.option(pathText, { nil: undefined })).map(([n, p]) =>
  p === undefined ? { text: n, value: { kind: 'int', text: n } } : { text: `${n}<${p}>`, value: { kind: 'int', text: n, path: p } });
const flagsValue: fc.Arbitrary<Printed> = fc.array(fc.oneof({ weight: 3, arbitrary: symbol }, { weight: 1, arbitrary: number }), { minLength: 1, maxLength: 4 })
  .filter((parts) => parts.length > 1 || !/^[-0-9]/.test(parts[0]))
  .map((parts) => ({ text: parts.join('|'), value: { kind: 'flags', parts } }));
const strValue: fc.Arbitrary<Printed> = fc.tuple(strText, fc.boolean()).map(([t, more]) =>
  ({ text: `"${t}"${more ? '...' : ''}`, value: { kind: 'str', text: t } }));

const { value: anyValue } = fc.letrec<{ value: Printed; struct: Printed; array: Printed }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, intValue, flagsValue, strValue, tie('struct'), tie('array')),
  struct: fc.tuple(
    fc.array(fc.tuple(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), tie('value')), { maxLength: 4 }),
    fc.boolean(),
  ).map(([fields, elided]) => ({
    text: fields.length === 0 && elided ? '{...}' : `{${[...fields.map(([n, v]) => `${n}=${v.text}`), ...(elided ? ['...'] : [])].join(', ')}}`,
    value: { kind: 'struct', elided, fields: fields.map(([name, v]) => ({ name, value: v.value })) },
  })),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => ({
    text: `[${items.map((i) => i.text).join(', ')}]`,
    value: { kind: 'array', items: items.map((i) => i.value) },
  })),
}));

const callName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,14}$/).filter((n) => n !== 'clone');
const result = fc.constantFrom('0', '-1 ENOENT (No such file or directory)', '3</etc/passwd>', '0x7f3c7bee0000', '?', '1 ([{fd=3, revents=POLLIN}])');

interface GenCall { pid: number; name: string; args: Printed[]; result: string }
const genCall: fc.Arbitrary<GenCall> = fc.record({
  pid: fc.integer({ min: 1, max: 99999 }),
  name: callName,
  args: fc.array(anyValue, { maxLength: 5 }),
  result,
});

const body = (c: GenCall) => `${c.name}(${c.args.map((a) => a.text).join(', ')}) = ${c.result}`;

describe('printed calls read back equal', () => {
  test('one call per line, with random prefixes', () => {
    fc.assert(fc.property(fc.array(genCall, { minLength: 1, maxLength: 8 }), fc.constantFrom('pid', '[pid]', 'tt', 'T', 'none'), (calls, style) => {
      const lines = calls.map((c, i) => {
        const b = body(c);
        switch (style) {
          case 'pid': return `${c.pid} ${b}`;
          case '[pid]': return `[pid ${String(c.pid).padStart(5)}] ${b}`;
          case 'tt': return `${c.pid} 12:34:56.${String(i).padStart(6, '0')} ${b}`;
          case 'T': return `${c.pid} ${b} <0.000${i}12>`;
          default: return b;
        }
      });
      const r = read(lines.join('\n') + '\n');
      expect(r.problems).toEqual([]);
      expect(r.calls.map((c) => c.text)).toEqual(lines);
      r.calls.forEach((got, i) => {
        expect(got.name).toBe(calls[i].name);
        expect(got.pid).toBe(style === 'none' ? null : calls[i].pid);
        expect(got.result).toBe(calls[i].result);
        expect(got.args).toEqual(calls[i].args.map((a) => a.value));
      });
    }), { numRuns: 150 });
  });

  test('unfinished/resumed pairs interleaved with other pids join back to the call', () => {
    fc.assert(fc.property(fc.array(fc.tuple(genCall, genCall, fc.nat()), { minLength: 1, maxLength: 5 }), (pairs) => {
      const lines: string[] = [];
      const want: string[] = [];
      pairs.forEach(([a0, b0, cut], k) => {
        const a = { ...a0, pid: 2 * k + 1 };
        const b = { ...b0, pid: 2 * k + 2 };
        const full = `${a.pid} ${body(a)}`;
        // Cut after `name(` and some whole arguments, as strace does.
        const head = `${a.name}(`;
        const args = a.args.map((x) => x.text);
        const n = cut % (args.length + 1);
        const start = `${a.pid} ${head}${args.slice(0, n).map((x, i) => (i < args.length - 1 ? `${x}, ` : x)).join('')}`;
        const rest = full.slice(start.length);
        lines.push(`${start} <unfinished ...>`, `${b.pid} ${body(b)}`, `${a.pid} <... ${a.name} resumed>${rest}`);
        want.push(`${b.pid} ${body(b)}`, full);
      });
      const r = read(lines.join('\n'));
      expect(r.problems).toEqual([]);
      expect(r.calls.map((c) => c.text)).toEqual(want);
      expect(r.calls.filter((_, i) => i % 2 === 1).map((c) => c.args)).toEqual(pairs.map(([a]) => a.args.map((x) => x.value)));
    }), { numRuns: 200 });
  });
});

// ---- chunk boundaries ---------------------------------------------------------

describe('chunk boundaries anywhere give the same records', () => {
  const log = fs.readFileSync(path.join(LOGS, 'python3_threads.log'));
  const from = Math.max(0, log.indexOf('<unfinished ...>') - 20_000);
  const sample = log.subarray(from, from + 60_000);
  const whole = read(sample);
  const key = (r: ReturnType<typeof read>) => [r.calls.map((c) => [c.line, c.endLine, c.pid, c.text, c.result, c.args]), r.problems, r.stats];

  test('the sample has joins', () => {
    expect(whole.calls.some((c) => c.endLine > c.line)).toBe(true);
  });

  test('random chunk sizes', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }), (sizes) => {
      expectSameList(key(read(sample, undefined, sizes)), key(whole));
    }), { numRuns: 40 });
  });

  test('one byte at a time', () => {
    expectSameList(key(read(sample.subarray(0, 8000), undefined, [1])), key(read(sample.subarray(0, 8000))));
  });
});

// ---- robustness ----------------------------------------------------------------

const countLines = (b: Uint8Array) => {
  let n = 0;
  for (const x of b) if (x === 10) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
};

describe('robustness', () => {
  test('random bytes never throw; lines are counted', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 5 }), (bytes, sizes) => {
      const r = read(Buffer.from(bytes), undefined, sizes);
      expect(r.stats.lines).toBe(countLines(bytes));
      expect(r.stats.calls + r.stats.skipped + r.stats.unreadable).toBeLessThanOrEqual(r.stats.lines + r.stats.unreadable);
    }), { numRuns: 300 });
  });

  test('strace-like noise: every line is (part of) a call, skipped, or reported', () => {
    const piece = fc.constantFrom('1 ', '[pid 2] ', 'read', 'f(', ')', ' = ', '0', '"', '\\"', '{', '}', '[', ']', ',', ' ', '=', '+++ ', '--- ', '|', 'x', '\r', '\x1b[1m', '/*', '*/', '12:00:00.1 ', '=>', '\n', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
      const text = pieces.join('');
      const r = read(text);
      const lines = countLines(Buffer.from(text, 'latin1'));
      expect(r.stats.lines).toBe(lines);
      // Noise can hold cut lines that heal (a call over several lines) and output glued to a
      // `[pid N]` line (a problem and a line read from one line): no line is lost.
      const covered = r.records.reduce((n, c) => n + c.endLine - c.line + 1, 0);
      expect(covered + r.stats.skipped + r.stats.unreadable).toBeGreaterThanOrEqual(lines);
      expect(r.problems.map((p) => p.line)).toEqual(r.problems.map((p) => p.line).filter((l) => l >= 1 && l <= lines));
    }), { numRuns: 400 });
  });

  test('truncated and shuffled real logs never throw', () => {
    const src = fs.readFileSync(path.join(LOGS, 'node_workers.log')).subarray(0, 120_000);
    fc.assert(fc.property(fc.nat({ max: src.length }), fc.nat({ max: src.length }), fc.integer({ min: 1, max: 4096 }), (a, b, size) => {
      const [from, to] = a < b ? [a, b] : [b, a];
      const cut = src.subarray(from, to);
      const r = read(cut, undefined, [size], false);
      expect(r.stats.lines).toBe(countLines(cut));
      expect(r.problems.every((p) => p.line >= 1)).toBe(true);
      expect(r.records.every((c) => c.endLine >= c.line && c.argCount() >= 0 && typeof c.result === 'string')).toBe(true);
    }), { numRuns: 25 });
  });

  test('pathological lines finish quickly', () => {
    const t = Date.now();
    for (const unit of ['(', '"', '{', '<', 'f(', '1 <... f resumed>', 'a = ', '\\']) {
      const line = unit.repeat(Math.ceil(200_000 / unit.length));
      const text = `${line}\n`.repeat(10) + `1 f(${line}) = 0\n` + `1 f(${line} <unfinished ...>\n`;
      const r = read(text);
      for (const rec of r.records) { rec.argCount(); rec.arg(0); void rec.result; }
      expect(r.stats.lines).toBe(12);
    }
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('many short hostile lines (one window) finish quickly, decoded or not', () => {
    const t = Date.now();
    for (const line of ['1<x', '[ab', '<... x', '1 <... f resumed', '1 f("/*) = 1', '1 f(") = 1', '1 f(< ) = 1', '1 f({a[=1) = 1', '1 f(a(|b) = 1']) {
      const text = `${line}\n`.repeat(40_000);
      const r = read(text, undefined, undefined, false);
      for (const rec of r.records) { const n = rec.argCount(); for (let i = 0; i < n; i++) rec.arg(i); void rec.result; }
      expect(r.stats.lines).toBe(40_000);
      expect(r.stats.calls + r.stats.skipped + r.stats.unreadable).toBe(40_000);
    }
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('decoding in place in the window: openers never closed in the window stay linear', () => {
    // Calls are decoded inside the reader's window; a search for a closing
    // `*/`, `<`, `"` or `>` must not run on through the lines after the call.
    const t = Date.now();
    for (const line of ['1 f(/*) = 1', '1 f(x) = 1>', '1 f(<a) = 1', '1 f([a b) = 1', '1 f("\\") = 1', '1 f({a=<b /*) = 1 <0.1>']) {
      const text = `${line}\n`.repeat(40_000);
      const r = read(text, undefined, undefined, false);
      for (const rec of r.records) { const n = rec.argCount(); for (let i = 0; i < n; i++) rec.arg(i); void rec.result; }
      expect(r.stats.lines).toBe(40_000);
    }
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('a long line of many unclosed `<` and `a[` members decodes in linear time', () => {
    const t = Date.now();
    const r = read(`1 f(${'< '.repeat(100_000)}, {${'a[=1, '.repeat(30_000)}}) = 0\n`);
    expect(r.calls).toHaveLength(1);
    expect(Date.now() - t).toBeLessThan(5_000);
  });
});
