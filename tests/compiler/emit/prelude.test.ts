/**
 * The helpers emitted modules inline have one source, runtime/match/inline-helpers.ts:
 * compiler/emit/prelude-text.ts must be exactly what `npm run prelude` makes of it,
 * and the emitted flag masks must use the bits the emitter's tables assume.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HELPERS_SOURCE, PRELUDE_TEXT_FILE, preludeDeclarations, preludeTextModule } from '../../../tools/prelude-text';
import { PRELUDE_TEXT } from '../../../compiler/emit/prelude-text';
import { flagMask, flagMaskWide } from '../../../runtime/match/inline-helpers';
import * as helpers from '../../../runtime/match/inline-helpers';
import { NUMERIC_BIT, UNKNOWN_BIT } from '../../../compiler/emit/flag-tables';

const ROOT = path.join(__dirname, '..', '..', '..');

test('prelude-text.ts is generated from the runtime helpers (else: npm run prelude)', () => {
  const source = readFileSync(path.join(ROOT, HELPERS_SOURCE), 'utf8');
  expect(readFileSync(path.join(ROOT, PRELUDE_TEXT_FILE), 'utf8')).toBe(preludeTextModule(preludeDeclarations(source)));
});

test('a changed helper changes the inlined text', () => {
  const source = readFileSync(path.join(ROOT, HELPERS_SOURCE), 'utf8');
  const changed = source.replace('return /^(?:0+|0[xX]0+)$/.test(text);', 'return /^0+$/.test(text);');
  expect(changed).not.toBe(source);
  expect(preludeTextModule(preludeDeclarations(changed))).not.toBe(readFileSync(path.join(ROOT, PRELUDE_TEXT_FILE), 'utf8'));
});

test('every exported runtime helper is inlinable, and every inlined one is a runtime export', () => {
  const values = PRELUDE_TEXT.filter((d) => d.js !== '').map((d) => d.name).sort();
  expect(values).toEqual(Object.keys(helpers).sort());
  // Each JavaScript text is a declaration of that name and nothing else.
  for (const d of PRELUDE_TEXT.filter((x) => x.js !== '')) {
    expect(new Function(`${d.js}\nreturn typeof ${d.name};`)()).not.toBe('undefined');
  }
});

test('the masks set the bits flag-tables.ts reserves for unknown symbols and numbers', () => {
  const bits = new Map([['A', 1 << 2]]);
  expect(flagMask({ kind: 'int', text: '5' }, bits)).toBe(1 << NUMERIC_BIT);
  expect(flagMask({ kind: 'str', text: 'x' }, bits)).toBe(1 << UNKNOWN_BIT);
  expect(flagMask({ kind: 'flags', parts: ['B'] }, bits)).toBe(1 << UNKNOWN_BIT);
  expect(flagMask({ kind: 'flags', parts: ['A', '0x1'] }, bits)).toBe((1 << 2) | (1 << NUMERIC_BIT));
  expect(flagMaskWide({ kind: 'int', text: '5' }, new Map(), 2)).toEqual([1 << NUMERIC_BIT, 0]);
  expect(flagMaskWide({ kind: 'other', text: '' }, new Map(), 2)).toEqual([1 << UNKNOWN_BIT, 0]);
});
