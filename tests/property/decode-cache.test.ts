/**
 * Property: decodeArgCached (runtime/values/decode-cache.ts) gives the same
 * value as decodeArg, for random argument text in random surroundings, on
 * first use and from the cache; so a value depends only on its own text.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { decodeArg } from '../../runtime/values/decode';
import { decodeArgCached } from '../../runtime/values/decode-cache';

/** Chars that steer the decoder, plus a few plain ones. */
const CHARS = ['A', 'B', 'Z', '_', 'x', '0', '1', '9', '|', '<', '>', '/', '*', ' ', '(', ')', '=', '"', '\\', '{', '}', '[', ']', ',', '-', '.', 'o', 'r', '?'];
const text = (max: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((cs) => cs.join(''));
/** Arguments that reach the cache: a symbol start, often with flag-like parts, or a short number. */
const symbolic = fc.oneof(
  fc.tuple(fc.constantFrom('A', 'Z', '_', ' A', ' NULL'), text(40)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('0', '1', ' 9', '0x'), text(5)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('A', 'A_B|C', 'A<<1', 'A /* B */'), fc.constantFrom('=', '*', '/', '<', ' ', ' or', '|', '')).map(([a, b]) => a + b),
  fc.array(fc.constantFrom('O_RDONLY', 'O_CLOEXEC', '0x1', '1<<4', ' ', ' or ', '|', '/* A|B */', '<x>', '(0)', '=> B'), { maxLength: 6 })
    .map((ps) => 'A' + ps.join('')),
);

describe('decodeArgCached', () => {
  test('same value as decodeArg, whatever surrounds the argument', () => {
    fc.assert(
      fc.property(fc.oneof(symbolic, text(60)), text(8), fc.constantFrom(', ', ') ', ',', ')', ''), text(4), (arg, before, sep, rest) => {
        const after = sep + rest;
        const t = before + arg + after;
        const start = before.length;
        const end = start + arg.length;
        const direct = decodeArg(t, start, end);
        expect(decodeArgCached(t, start, end)).toEqual(direct);
        // Again: now from the cache when the argument was cacheable.
        expect(decodeArgCached(t, start, end)).toEqual(direct);
        // The same text somewhere else.
        const u = 'x(' + arg + ') = 0';
        expect(decodeArgCached(u, 2, 2 + arg.length)).toEqual(decodeArg(u, 2, 2 + arg.length));
      }),
      { numRuns: 10000 },
    );
  });

  test('a cached value is shared by every argument with its text', () => {
    const a = decodeArgCached('f(O_RDONLY|O_CLOEXEC, 0)', 2, 20);
    const b = decodeArgCached('g(1, O_RDONLY|O_CLOEXEC, 2)', 5, 23);
    expect(a).toEqual({ kind: 'flags', parts: ['O_RDONLY', 'O_CLOEXEC'] });
    expect(b).toBe(a);
  });

  test('keeps working past its size limit', () => {
    for (let i = 0; i < 5000; i++) {
      const arg = `SYM_${i}|O_X`;
      expect(decodeArgCached(arg + ', 1)', 0, arg.length)).toEqual({ kind: 'flags', parts: [`SYM_${i}`, 'O_X'] });
    }
    expect(decodeArgCached('NULL) = 0', 0, 4)).toEqual({ kind: 'flags', parts: ['NULL'] });
  });
});

test('cached keys are copies: the cache does not hold the reader\'s windows alive', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heap = (): number => (gc(), process.memoryUsage().heapUsed);
  const before = heap();
  // 2,000 symbols, each cached from a 64 KiB window of its own.
  for (let i = 0; i < 2000; i++) {
    const arg = `O_FLAG_NUMBER_${i}`;
    const src = `${arg}) = 3\n`.padEnd(65536, ' ');
    expect(decodeArgCached(src, 0, arg.length)).toEqual({ kind: 'flags', parts: [arg] });
  }
  // Slices would keep 2,000 windows (131 MB as latin1).
  expect(heap() - before).toBeLessThan(16e6);
});
