/** fast-check arbitraries for patterns, values and calls, small enough to collide often. */
import fc from 'fast-check';
import type { Value } from '../../runtime/abi';
import type { Param, Pattern, StructAlternative } from '../../runtime/ir';

const FLAG_NAMES = ['A', 'B', 'C', 'NULL'];
const FIELD_NAMES = ['a', 'b', 'c'];
const origin = { file: 'gen.scml', line: 1, column: 1 };

function uniqueNames(names: string[]): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: names.length });
}

export const patternArb: fc.Arbitrary<Pattern> = fc.letrec<{ pattern: Pattern; element: Pattern }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Pattern>({ kind: 'any' }),
    fc
      .record({ names: fc.uniqueArray(fc.constantFrom(...FLAG_NAMES), { maxLength: 3 }), integer: fc.boolean() })
      .map(({ names, integer }): Pattern => ({ kind: 'flags', names: [...names].sort(), integer: integer || names.length === 0 })),
    fc.constant<Pattern>({ kind: 'integer' }),
    fc.constant<Pattern>({ kind: 'path' }),
    fc
      .array(
        fc.record({
          names: uniqueNames(FIELD_NAMES),
          open: fc.boolean(),
          patterns: fc.array(tie('pattern'), { minLength: 3, maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 2 },
      )
      .map(
        (alts): Pattern => ({
          kind: 'struct',
          name: null,
          alternatives: alts.map(
            (a): StructAlternative => ({
              fields: a.names.map((name, i) => ({ name, pattern: a.patterns[i] })),
              open: a.open,
              origin,
            }),
          ),
        }),
      ),
    fc.array(tie('element'), { minLength: 1, maxLength: 2 }).map((elements): Pattern => ({ kind: 'array', elements })),
  ),
  // Array elements are never unconstrained in SCML.
  element: tie('pattern').filter((p) => p.kind !== 'any'),
})).pattern;

export const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text: fc.constantFrom('0', '5', '0x0', '-1', '0x7f'), path: fc.option(fc.constant('/etc/x'), { nil: undefined }) }).map(
      ({ text, path }): Value => (path === undefined ? { kind: 'int', text } : { kind: 'int', text, path }),
    ),
    fc
      .array(fc.constantFrom('A', 'B', 'C', 'D', 'NULL', '0x4', 'X<<2', 'Y?'), { minLength: 1, maxLength: 3 })
      .map((parts): Value => ({ kind: 'flags', parts })),
    fc.constantFrom('/etc', 'x').map((text): Value => ({ kind: 'str', text })),
    fc
      .record({
        fields: fc.uniqueArray(fc.record({ name: fc.constantFrom<string | null>('a', 'b', 'c', 'd', null), value: tie('value') }), {
          maxLength: 4,
          selector: (f) => f.name ?? Math.random(),
        }),
        elided: fc.boolean(),
      })
      .map(({ fields, elided }): Value => ({ kind: 'struct', fields, elided })),
    fc.array(tie('value'), { maxLength: 3 }).map((items): Value => ({ kind: 'array', items })),
    fc.constantFrom('~[RTMIN]', '').map((text): Value => ({ kind: 'other', text })),
  ),
})).value;

export const paramsArb: fc.Arbitrary<Param[]> = fc
  .array(patternArb, { maxLength: 3 })
  .map((patterns) => patterns.map((pattern, i) => ({ name: `p${i}`, pattern })));

export const rulesArb = fc.array(fc.record({ params: paramsArb, variadic: fc.boolean() }), { minLength: 1, maxLength: 3 });

export const argsArb = fc.array(valueArb, { maxLength: 4 });
