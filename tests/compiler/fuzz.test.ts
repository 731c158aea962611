/**
 * Property tests: the front end never throws, whatever the input; generated
 * valid SCML (with random layout and comments) compiles to the flag sets a
 * direct computation expects.
 */
import fc from 'fast-check';
import { analyze } from '../../compiler/analyze';
import { formatDiagnostic } from '../../compiler/diagnostics';
import { MAX_NESTING } from '../../compiler/parser';
import type { FlagsPattern } from '../../runtime/ir';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

const PIECES = ['f', 'open', 'struct', 's', 'A', 'B_1', '_x', '0', '12', '0x1', '(', ')', '{', '}', '[', ']', '<', '>', '<INTEGER>', '<PATH>', '<m>', '=', '|', ',', ';', '..', '.', '//', '/*', '*/', '\n', ' ', '\t', '"', 'é', '\u2028'];

describe('robustness', () => {
  test('analyze never throws; IR exactly when no error; every diagnostic points into its file', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        const result = analyze([{ path: 'fuzz.scml', bytes: bytesOf(text) }]);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(result.ir === null).toBe(errors.length > 0);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lineCount);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeLessThanOrEqual(d.lineText.length + 1);
          expect(formatDiagnostic(d).split('\n')).toHaveLength(3);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => analyze([{ path: 'x.scml', bytes: bytesOf(text) }])).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test('absurd nesting is an error, not a stack overflow', () => {
    const deep = 'poll(x = ' + '['.repeat(5000) + '<INTEGER>' + ']'.repeat(5000) + ');';
    const result = analyze([{ path: 'deep.scml', bytes: bytesOf(deep) }]);
    expect(result.ir).toBeNull();
    expect(result.diagnostics.map((d) => d.message)).toEqual([`patterns nested more than ${MAX_NESTING} levels deep`]);
    // At the limit: MAX_NESTING - 1 arrays around a struct.
    const ok = 'poll(x = ' + '['.repeat(MAX_NESTING - 1) + '{ a, .. }' + ']'.repeat(MAX_NESTING - 1) + ');';
    expect(analyze([{ path: 'ok.scml', bytes: bytesOf(ok) }]).diagnostics).toEqual([]);
  });
});

/** A generated program: bitflags rules referring only to later ones (forward, acyclic), and syscall rules. */
interface Program {
  defs: { flags: string[]; refs: number[]; integer: boolean }[];
  calls: { defRefs: number[]; flags: string[] }[];
}

const flagName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);
const gap = fc.constantFrom(' ', '\n', '  ', '\t', ' /* c */ ', ' // c\n', '/**/', '\r\n');

const program: fc.Arbitrary<Program> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) =>
    fc.record({
      defs: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.record({
            flags: fc.array(flagName, { minLength: 1, maxLength: 4 }),
            refs: fc.uniqueArray(fc.integer({ min: i + 1, max: n }), { maxLength: 2 }).map((r) => r.filter((j) => j < n)),
            integer: fc.boolean(),
          }),
        ),
      ),
      calls: fc.array(
        fc.record({ defRefs: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), flags: fc.array(flagName, { maxLength: 3 }) }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );

function render(p: Program, sep: string[]): string {
  let k = 0;
  const g = () => sep[k++ % sep.length];
  const out: string[] = [];
  p.calls.forEach((c, i) => {
    const parts = [...c.defRefs.map((j) => `<def${j}>`), ...c.flags];
    const pattern = parts.length === 0 ? '' : `${g()}=${g()}${parts.join(`${g()}|${g()}`)}`;
    out.push(`call${i}${g()}(${g()}a${g()},${g()}b${pattern}${g()},${g()})${g()};`);
  });
  p.defs.forEach((d, i) => {
    const parts = [...d.flags, ...d.refs.map((j) => `<def${j}>`), ...(d.integer ? ['<INTEGER>'] : [])];
    out.push(`def${i}${g()}=${g()}${parts.join(`${g()}|${g()}`)}${g()};`);
  });
  return out.join(g());
}

function expectedSet(p: Program, i: number): { names: Set<string>; integer: boolean } {
  const d = p.defs[i];
  const names = new Set(d.flags);
  let integer = d.integer;
  for (const j of d.refs) {
    const inner = expectedSet(p, j);
    inner.names.forEach((n) => names.add(n));
    integer ||= inner.integer;
  }
  return { names, integer };
}

test('generated programs compile, with flag sets flattened as computed directly', () => {
  fc.assert(
    fc.property(program, fc.array(gap, { minLength: 1, maxLength: 8 }), (p, sep) => {
      const result = analyze([{ path: 'gen.scml', bytes: bytesOf(render(p, sep)) }]);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ir = result.ir!;
      expect(ir.rules).toHaveLength(p.calls.length);
      p.calls.forEach((c, i) => {
        const rule = ir.rules[i];
        expect(rule.syscall).toBe(`call${i}`);
        expect(rule.params.map((q) => q.name)).toEqual(['a', 'b']);
        if (c.defRefs.length === 0 && c.flags.length === 0) {
          expect(rule.params[1].pattern).toEqual({ kind: 'any' });
          return;
        }
        const names = new Set(c.flags);
        let integer = false;
        for (const j of c.defRefs) {
          const s = expectedSet(p, j);
          s.names.forEach((n) => names.add(n));
          integer ||= s.integer;
        }
        const want: FlagsPattern = { kind: 'flags', names: [...names].sort(), integer };
        // A lone `<defN>` is a flag set too (bitflags), so the shape is the same either way.
        expect(rule.params[1].pattern).toEqual(want);
      });
    }),
    { numRuns: 200 },
  );
});
