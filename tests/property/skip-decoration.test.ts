/**
 * Property: skipDecoration's fast path (a regex to the first `>`) gives the
 * same answer as the general char loop it stands in front of, on random
 * text rich in the chars that matter (`<`, `>`, `"`, `-`, `\`).
 */
import fc from 'fast-check';
import { skipDecoration, skipString } from '../../runtime/values/scan';

/** The general loop alone: skipDecoration before the fast path was added. */
function reference(t: string, i: number, end: number): number {
  let depth = 0;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 60) depth++;
    else if (c === 62) {
      if (t.charCodeAt(i - 1) === 45) continue;
      if (--depth === 0) return i + 1;
    } else if (c === 34) i = skipString(t, i, end) - 1;
  }
  return -1;
}

const CHARS = ['<', '>', '"', '-', '\\', 'a', '/', ' ', ':', '[', ']'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 30 }).map((cs) => cs.join(''));

describe('skipDecoration', () => {
  test('fast path agrees with the general loop', () => {
    fc.assert(
      fc.property(text, text, fc.nat(40), (before, rest, cut) => {
        const t = before + '<' + rest;
        const i = before.length;
        const end = Math.min(t.length, i + 1 + cut);
        expect(skipDecoration(t, i, end)).toBe(reference(t, i, end));
      }),
      { numRuns: 20000 },
    );
  });

  test('typical decorations', () => {
    const cases = ['3</usr/lib/libc.so.6>, 0', '<>', '4<socket:[1]>', '5<TCP:[1.2.3.4:5->6.7.8.9:10]>', '</dev/null<char 1:3>>', '<a "b>" c>', '<unclosed'];
    for (const c of cases) {
      const i = c.indexOf('<');
      expect(skipDecoration(c, i, c.length)).toBe(reference(c, i, c.length));
    }
  });
});
