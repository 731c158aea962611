/**
 * Property: for random IR rule sets and random calls, the emitted module and
 * the interpreter return the same rule id. Flag sets range over a pool wide
 * enough for sites above 32 bits; patterns nest structs (alternatives, open
 * or not) and arrays; rules may be variadic, and may repeat an earlier rule
 * (the module leaves a repeat's code out; the interpreter tries it).
 */
import fc from 'fast-check';
import type { Pattern } from '../../runtime/ir';
import type { Value } from '../../runtime/abi';
import { buildIR, call, Differential, type RuleSpec } from '../compiler/emit/harness';

const SYMBOLS = ['A', 'B', 'C', 'NULL', 'AT_FDCWD', ...Array.from({ length: 40 }, (_, i) => `W${i}`)];
const FIELDS = ['a', 'b', 'c'];
const SYSCALLS = ['s0', 's1', 's2'];

const flagsPattern = fc
  .record({ names: fc.subarray(SYMBOLS, { minLength: 0 }), integer: fc.boolean() })
  .map(({ names, integer }): Pattern => ({ kind: 'flags', names: [...names].sort(), integer }));

const { pattern } = fc.letrec<{ pattern: Pattern; struct: Pattern; array: Pattern }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Pattern>({ kind: 'any' }),
    flagsPattern,
    fc.constant<Pattern>({ kind: 'integer' }),
    fc.constant<Pattern>({ kind: 'path' }),
    tie('struct'),
    tie('array'),
  ),
  struct: fc
    .record({
      name: fc.constantFrom(null, 'st'),
      alternatives: fc.array(
        fc.record({
          fields: fc.uniqueArray(fc.record({ name: fc.constantFrom(...FIELDS), pattern: tie('pattern') }), { selector: (f) => f.name, maxLength: 3 }),
          open: fc.boolean(),
          origin: fc.constant({ file: 'p.scml', line: 1, column: 1 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((s): Pattern => ({ kind: 'struct', ...s })),
  array: fc.array(tie('pattern'), { maxLength: 2 }).map((elements): Pattern => ({ kind: 'array', elements })),
}));

const rule: fc.Arbitrary<RuleSpec> = fc.record({
  syscall: fc.constantFrom(...SYSCALLS),
  params: fc.array(pattern, { maxLength: 4 }),
  variadic: fc.boolean(),
});

/** Rule sets in which up to 3 rules are repeated later on (with other struct names, which change nothing). */
const ruleSet: fc.Arbitrary<RuleSpec[]> = fc
  .tuple(fc.array(rule, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }))
  .map(([specs, picks]) => {
    const out = [...specs];
    for (const [which, where] of picks) {
      const i = which % specs.length;
      const renamed = JSON.parse(JSON.stringify(specs[i]).replace(/"name":"st"/g, '"name":"other"')) as RuleSpec;
      out.splice(i + 1 + (where % (out.length - i)), 0, renamed);
    }
    return out;
  });

const intText = fc.constantFrom('0', '00', '0x0', '1', '-1', '0x40', '1<<3', '4*1024');
const part = fc.oneof(fc.constantFrom(...SYMBOLS), fc.constantFrom('0x40', '0644', '-1', 'Z', 'W99'));

const { value } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text: intText, path: fc.option(fc.constantFrom('/etc/passwd', 'pipe:[1]'), { nil: undefined }) }).map(
      ({ text, path }): Value => (path === undefined ? { kind: 'int', text } : { kind: 'int', text, path }),
    ),
    fc.array(part, { minLength: 1, maxLength: 4 }).map((parts): Value => ({ kind: 'flags', parts })),
    fc.constant<Value>({ kind: 'flags', parts: ['NULL'] }),
    fc.constantFrom('/tmp/x', '').map((text): Value => ({ kind: 'str', text })),
    fc
      .record({
        fields: fc.array(fc.record({ name: fc.constantFrom<string | null>(...FIELDS, null), value: tie('value') }), { maxLength: 4 }),
        elided: fc.boolean(),
      })
      .map((s): Value => ({ kind: 'struct', ...s })),
    fc.array(tie('value'), { maxLength: 3 }).map((items): Value => ({ kind: 'array', items })),
    fc.constantFrom('~[]', '').map((text): Value => ({ kind: 'other', text })),
  ),
}));

const callArb = fc.record({
  name: fc.constantFrom(...SYSCALLS, 'none'),
  args: fc.array(value, { maxLength: 5 }),
  // Positions strace did not print (runtime/abi.ts CallView): they match every pattern.
  unprinted: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined, freq: 4 }),
});

test('emitted module and interpreter agree on random rule sets and calls', () => {
  let matched = 0;
  let total = 0;
  fc.assert(
    fc.property(ruleSet, fc.array(callArb, { minLength: 20, maxLength: 40 }), (specs, calls) => {
      const diff = new Differential(buildIR(specs));
      for (const c of calls) {
        // Calls shaped like a rule too, so that argument counts line up often.
        const shaped = specs[total % specs.length];
        const args = c.args.length >= shaped.params.length ? c.args : [...c.args, ...Array.from({ length: shaped.params.length - c.args.length }, () => c.args[0] ?? { kind: 'int', text: '0' } as Value)];
        for (const cv of [call(c.name, c.args, c.unprinted), call(shaped.syscall, args.slice(0, shaped.params.length), c.unprinted)]) {
          total++;
          if (diff.match(cv) >= 0) matched++;
        }
      }
      for (const name of [...SYSCALLS, 'none', '__proto__']) diff.hasRules(name);
    }),
    { numRuns: 40 },
  );
  // Not vacuous: a fair share of calls match some rule, and a fair share match none.
  expect(matched / total).toBeGreaterThan(0.1);
  expect(matched / total).toBeLessThan(0.9);
});

const WIDE_POOL = Array.from({ length: 70 }, (_, i) => `F${i}`);

test('wide flag sets (up to 70 names at one site): module and interpreter agree', () => {
  let matched = 0;
  let total = 0;
  const wideRule = fc.record({
    names: fc.subarray(WIDE_POOL, { minLength: 20 }),
    integer: fc.boolean(),
    nested: fc.boolean(),
  });
  const wideValue = fc.oneof(
    fc.subarray([...WIDE_POOL, '0x1', 'X'], { minLength: 1, maxLength: 3 }).map((parts): Value => ({ kind: 'flags', parts })),
    intText.map((text): Value => ({ kind: 'int', text })),
  );
  fc.assert(
    fc.property(fc.array(wideRule, { minLength: 1, maxLength: 4 }), fc.array(wideValue, { minLength: 30, maxLength: 50 }), (rules, values) => {
      const specs: RuleSpec[] = rules.map((r) => {
        const flags: Pattern = { kind: 'flags', names: [...r.names].sort(), integer: r.integer };
        // Nested: the same set as a struct field inside an array, a site below the top level.
        const p: Pattern = r.nested
          ? { kind: 'array', elements: [{ kind: 'struct', name: null, alternatives: [{ fields: [{ name: 'a', pattern: flags }], open: true, origin: { file: 'w.scml', line: 1, column: 1 } }] }] }
          : flags;
        return { syscall: 'w', params: [p] };
      });
      const diff = new Differential(buildIR(specs));
      for (const v of values) {
        for (const arg of [v, { kind: 'array', items: [{ kind: 'struct', fields: [{ name: 'a', value: v }], elided: false }] } as Value]) {
          total++;
          if (diff.match(call('w', [arg])) >= 0) matched++;
        }
      }
    }),
    { numRuns: 30 },
  );
  expect(matched / total).toBeGreaterThan(0.1);
  expect(matched / total).toBeLessThan(0.9);
});
