/**
 * Character-level scanning of strace argument text: skip a quoted string, a
 * `/* comment *\/`, an fd decoration `<...>`, a bracketed group; split a range
 * at commas of nesting depth 0. All positions are indexes into one string
 * (latin1, one char per byte); every function answers within `end` and never
 * throws. The string may be the reader's whole ~64 KiB window: a search that
 * can look past `end` (skipString's indexOf, skipDecoration's regex) stops at
 * the next char of its kind, so searches from different opening chars cover
 * different stretches and a window costs linear time; every other scan is a
 * loop bounded by `end`.
 */

// Char codes. Module-local on purpose: TypeScript's CommonJS output reads an
// exported const through `exports.X` even inside its own module, which turns
// a switch over chars into a chain of property loads.
const CH_QUOTE = 34; // "
const CH_BACKSLASH = 92;
const CH_COMMA = 44;
const CH_SPACE = 32;
const CH_LT = 60; // <
const CH_GT = 62; // >
const CH_SLASH = 47;
const CH_STAR = 42;
const CH_MINUS = 45;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

/** From after a decoration's `<` to the first `>`, when nothing that needs the general loop comes first. */
const PLAIN_DECORATION = /[^<>"]*>/y;

/** 1 for chars that never matter to splitTopLevel (everything but `,()[]{}"/<`). */
const PLAIN = new Uint8Array(126).fill(1);
for (const c of ',()[]{}"/<') PLAIN[c.charCodeAt(0)] = 0;

/** Index just after the closing quote of the string opening at `i` (or `end` if unterminated). */
export function skipString(t: string, i: number, end: number): number {
  // Jump from quote to quote (strings are long: buffers, paths); a quote
  // preceded by an odd number of backslashes is escaped.
  for (;;) {
    const q = t.indexOf('"', i + 1);
    if (q === -1 || q >= end) return end;
    let b = q - 1;
    while (t.charCodeAt(b) === CH_BACKSLASH) b--;
    if (((q - 1 - b) & 1) === 0) return q + 1;
    i = q;
  }
}

/** Index just after the `*\/` closing the comment that opens at `i` (or `end`). */
export function skipComment(t: string, i: number, end: number): number {
  // A bounded loop, not indexOf: after many unclosed `/*` lines, each search
  // would run on to the end of the reader's window. Comments are short.
  for (let k = i + 2; k + 1 < end; k++) {
    if (t.charCodeAt(k) === CH_STAR && t.charCodeAt(k + 1) === CH_SLASH) return k + 2;
  }
  return end;
}

/**
 * Index just after the `>` closing the `-yy` decoration opening at `i`
 * (`<`), honouring nested `<...>` (`</dev/null<char 1:3>>`), quoted strings,
 * and `->` inside socket addresses. -1 when it does not close before `end`.
 */
export function skipDecoration(t: string, i: number, end: number): number {
  // Most decorations are a plain path (`3</usr/lib/libc.so.6>`): no `<`,
  // `"` or `->` inside, so the first `>` closes them; irregexp finds it
  // faster than a char loop. Past `end` it stops at the next `<`, `>` or `"`.
  PLAIN_DECORATION.lastIndex = i + 1;
  if (PLAIN_DECORATION.test(t)) {
    const close = PLAIN_DECORATION.lastIndex;
    if (close <= end && t.charCodeAt(close - 2) !== CH_MINUS) return close;
  }
  let depth = 0;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === CH_LT) depth++;
    else if (c === CH_GT) {
      if (t.charCodeAt(i - 1) === CH_MINUS) continue;
      if (--depth === 0) return i + 1;
    } else if (c === CH_QUOTE) i = skipString(t, i, end) - 1;
  }
  return -1;
}

/** True when `<` at `i` is a shift operator (`1<<20`), not a decoration. */
export function isShift(t: string, i: number): boolean {
  return t.charCodeAt(i + 1) === CH_LT || t.charCodeAt(i - 1) === CH_LT;
}

/**
 * Index of the char closing the group that opens at `i` (`(`, `[` or `{`),
 * honouring strings, comments, decorations and other groups; `end` when it
 * does not close.
 */
export function matchGroup(t: string, i: number, end: number): number {
  // The group's closer is the first unmatched closer after the opener: the
  // same scan as splitTopLevel's (only rare values, `~[...]` and `name(...)`, get here).
  groupScratch.size = 0;
  const close = splitTopLevel(t, i + 1, end, groupScratch, true);
  return close === -1 ? end : close;
}

/**
 * Start/end pairs as splitTopLevel pushes them: an array and how much of it
 * is in use, so that one can be reused without allocating. (A plain array
 * emptied with `length = 0` loses its store: the next push allocates a new
 * one, ~150 bytes per split.) Callers that share one (nested decoding) take
 * `size` as their base and set it back when done.
 */
export class Bounds {
  readonly at: number[] = [];
  size = 0;

  push(start: number, end: number): void {
    this.at[this.size++] = start;
    this.at[this.size++] = end;
  }
}

const groupScratch = new Bounds();

/**
 * Split `[start, end)` at commas of depth 0. Pushes start/end pairs (not
 * trimmed) onto `out`. If `stopAtCloser`, an unmatched `)`, `]` or `}` at
 * depth 0 ends the scan (the end of a call's arguments, of a struct, of an
 * array); returns its index (or -1 when none was met).
 */
export function splitTopLevel(t: string, start: number, end: number, out: Bounds, stopAtCloser: boolean): number {
  let depth = 0;
  // After one `<` that never closes, later ones are plain chars (else hostile input is quadratic).
  let decorations = true;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c > 125 || PLAIN[c] === 1) continue; // most chars: one table look-up
    switch (c) {
      case CH_COMMA:
        if (depth === 0) { out.push(from, i); from = i + 1; }
        break;
      case CH_LPAREN: case CH_LBRACKET: case CH_LBRACE:
        depth++;
        break;
      case CH_RPAREN: case CH_RBRACKET: case CH_RBRACE:
        if (depth === 0) {
          if (stopAtCloser) { out.push(from, i); return i; }
        } else depth--;
        break;
      case CH_QUOTE:
        i = skipString(t, i, end) - 1;
        break;
      case CH_SLASH:
        if (t.charCodeAt(i + 1) === CH_STAR) i = skipComment(t, i, end) - 1;
        break;
      case CH_LT: {
        if (!decorations) break;
        if (isShift(t, i)) { i++; break; }
        const close = skipDecoration(t, i, end);
        if (close !== -1) i = close - 1;
        else decorations = false;
        break;
      }
    }
  }
  out.push(from, end);
  return -1;
}

/** First index in `[i, end)` that is not a space or tab. */
export function skipSpaces(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== CH_SPACE && c !== 9) break;
    i++;
  }
  return i;
}

/** One past the last index in `[start, end)` that is not a space or tab. */
export function trimEnd(t: string, start: number, end: number): number {
  while (end > start) {
    const c = t.charCodeAt(end - 1);
    if (c !== CH_SPACE && c !== 9) break;
    end--;
  }
  return end;
}
