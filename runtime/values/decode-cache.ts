/**
 * decodeArg with a small cache for symbolic arguments and small numbers.
 * Logs repeat the same few (`NULL`, `FUTEX_WAKE_PRIVATE`, `O_RDONLY|O_CLOEXEC`,
 * `0`) millions of times; a hit returns the value decoded the first time instead of
 * scanning, slicing and allocating again, and the matcher's flag look-ups
 * then meet part strings whose hash V8 already knows.
 *
 * Exact because the decoder reads nothing before the argument and at most
 * two chars after it: an argument is cached only where it is followed by
 * `, ` or `) ` (strace's own spacing), and decoded once in that same
 * surrounding. tests/property/decode-cache.test.ts checks this against
 * decodeArg in random surroundings.
 *
 * Values are shared between calls, so nothing may mutate them (runtime/abi.ts
 * CallView; no consumer does). They are not frozen: frozen arrays send V8's
 * for-of down its slow iterator path (~3% of a whole run, measured).
 */
import type { Value } from '../abi';
import { decodeArg } from './decode';
import { ownCopy } from './own-copy';

/** Longer arguments are rarely repeated: not worth a key. */
const MAX_KEY = 96;
/** Numbers are cached only when this short (`0`, `0x1000`): long ones are addresses, each seen once. */
const MAX_NUMBER_KEY = 6;
/** Entries kept before the caches start over (bounds memory on logs with many distinct symbols). */
const MAX_ENTRIES = 2048;

/** Argument text -> value, one map per following char (`,` or `)`). */
const beforeComma = new Map<string, Value>();
const beforeParen = new Map<string, Value>();

/** Worth a cache entry: a flag or constant name (`A`-`Z`, `_`), or a short number. */
function isCacheable(c: number, length: number): boolean {
  return (c >= 65 && c <= 90) || c === 95 ? length <= MAX_KEY : c >= 48 && c <= 57 && length <= MAX_NUMBER_KEY;
}

/** Same as decodeArg(t, start, end); symbolic arguments and small numbers come from the cache. */
export function decodeArgCached(t: string, start: number, end: number): Value {
  // Top-level bounds are untrimmed: `, NULL` starts with a space.
  const s = t.charCodeAt(start) === 32 ? start + 1 : start;
  const next = t.charCodeAt(end);
  if (!isCacheable(t.charCodeAt(s), end - s) || (next !== 44 && next !== 41) || t.charCodeAt(end + 1) !== 32) {
    return decodeArg(t, start, end);
  }
  const cache = next === 44 ? beforeComma : beforeParen;
  const key = t.slice(s, end);
  let v = cache.get(key);
  if (v === undefined) {
    v = decodeArg(key + (next === 44 ? ', ' : ') '), 0, key.length);
    if (beforeComma.size + beforeParen.size >= MAX_ENTRIES) {
      beforeComma.clear();
      beforeParen.clear();
    }
    // Kept as a copy: the key is a slice of the reader's window.
    cache.set(ownCopy(key), v);
  }
  return v;
}
