/**
 * explain() is a second reading of the matching semantics: it must give a
 * reason exactly when the interpreter finds no matching rule. And widening
 * must accept the new value while keeping everything the old pattern took.
 */
import fc from 'fast-check';
import type { Value } from '../../runtime/abi';
import { explain } from '../../runtime/explain/explain';
import { createInterpreter, matchValue } from '../../runtime/interpret';
import { IR_VERSION, type IR, type Param } from '../../runtime/ir';
import { widen } from '../../runtime/report/suggest/widen';
import { argsArb, patternArb, rulesArb, valueArb } from './arbitraries';
import { call } from './helpers';

function irOf(rules: { params: Param[]; variadic: boolean }[]): IR {
  return {
    version: IR_VERSION,
    sources: [],
    rules: rules.map((r, id) => ({
      id,
      syscall: 'f',
      params: r.params,
      variadic: r.variadic,
      origin: { file: 'gen.scml', line: id + 1, column: 1 },
      text: '',
    })),
    syscalls: [{ name: 'f', rules: rules.map((_, id) => id) }],
  };
}

test('explain gives a reason exactly when the interpreter says unsupported', () => {
  fc.assert(
    fc.property(rulesArb, argsArb, (rules, args) => {
      const ir = irOf(rules);
      const c = call('f', args);
      const unsupported = createInterpreter(ir).match(c) < 0;
      const reason = explain(ir, c);
      expect(reason !== null).toBe(unsupported);
      if (reason !== null) expect(reason.rule).not.toBeNull();
    }),
    { numRuns: 3000 },
  );
});

test('widen accepts the value and everything the pattern accepted before', () => {
  fc.assert(
    fc.property(patternArb, valueArb, fc.array(valueArb, { maxLength: 5 }), (pattern, value, others: Value[]) => {
      const widened = widen(structuredClone(pattern), value);
      expect(matchValue(widened, value)).toBe(true);
      for (const w of others) {
        if (matchValue(pattern, w)) expect(matchValue(widened, w)).toBe(true);
      }
    }),
    { numRuns: 3000 },
  );
});
