/**
 * Character-level scanning of strace argument text: skip a quoted string, a
 * `/* comment *\/`, an fd decoration `<...>`, a bracketed group; split a range
 * at commas of nesting depth 0. All positions are indexes into one string
 * (latin1, one char per byte); every function stops at `end` and never throws.
 */

export const CH_QUOTE = 34; // "
export const CH_BACKSLASH = 92;
export const CH_COMMA = 44;
export const CH_SPACE = 32;
export const CH_LT = 60; // <
export const CH_GT = 62; // >
export const CH_SLASH = 47;
export const CH_STAR = 42;
export const CH_MINUS = 45;
export const CH_EQ = 61;
export const CH_LPAREN = 40;
export const CH_RPAREN = 41;
export const CH_LBRACKET = 91;
export const CH_RBRACKET = 93;
export const CH_LBRACE = 123;
export const CH_RBRACE = 125;

/** Index just after the closing quote of the string opening at `i` (or `end` if unterminated). */
export function skipString(t: string, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === CH_BACKSLASH) i++;
    else if (c === CH_QUOTE) return i + 1;
  }
  return end;
}

/** Index just after the `*\/` closing the comment that opens at `i` (or `end`). */
export function skipComment(t: string, i: number, end: number): number {
  const close = t.indexOf('*/', i + 2);
  return close === -1 || close + 2 > end ? end : close + 2;
}

/**
 * Index just after the `>` closing the `-yy` decoration opening at `i`
 * (`<`), honouring nested `<...>` (`</dev/null<char 1:3>>`), quoted strings,
 * and `->` inside socket addresses. -1 when it does not close before `end`.
 */
export function skipDecoration(t: string, i: number, end: number): number {
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
  let depth = 0;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    switch (c) {
      case CH_LPAREN: case CH_LBRACKET: case CH_LBRACE:
        depth++;
        break;
      case CH_RPAREN: case CH_RBRACKET: case CH_RBRACE:
        if (--depth === 0) return i;
        break;
      case CH_QUOTE:
        i = skipString(t, i, end) - 1;
        break;
      case CH_SLASH:
        if (t.charCodeAt(i + 1) === CH_STAR) i = skipComment(t, i, end) - 1;
        break;
      case CH_LT: {
        if (isShift(t, i)) { i++; break; }
        const close = skipDecoration(t, i, end);
        if (close !== -1) i = close - 1;
        break;
      }
    }
  }
  return end;
}

/**
 * Split `[start, end)` at commas of depth 0. Pushes start/end pairs (not
 * trimmed) onto `out`. If `stopAtParen`, an unmatched `)` at depth 0 ends
 * the scan; returns its index (or -1 when none was met).
 */
export function splitTopLevel(t: string, start: number, end: number, out: number[], stopAtParen: boolean): number {
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    switch (c) {
      case CH_COMMA:
        if (depth === 0) { out.push(from, i); from = i + 1; }
        break;
      case CH_LPAREN: case CH_LBRACKET: case CH_LBRACE:
        depth++;
        break;
      case CH_RPAREN: case CH_RBRACKET: case CH_RBRACE:
        if (depth === 0) {
          if (stopAtParen && c === CH_RPAREN) { out.push(from, i); return i; }
        } else depth--;
        break;
      case CH_QUOTE:
        i = skipString(t, i, end) - 1;
        break;
      case CH_SLASH:
        if (t.charCodeAt(i + 1) === CH_STAR) i = skipComment(t, i, end) - 1;
        break;
      case CH_LT: {
        if (isShift(t, i)) { i++; break; }
        const close = skipDecoration(t, i, end);
        if (close !== -1) i = close - 1;
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
