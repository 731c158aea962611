/**
 * Decode one strace argument (a range of the call's text) into a Value.
 * Grammar, loosely (docs/behaviour.md section 3):
 *   arg     := [name '='] value
 *   value   := string | struct | array | '~[' ... ']' | scalar
 *   string  := ['@'] '"' chars '"' ['...']
 *   struct  := '{' member (',' member)* '}'     member := '...' | [name '='] value
 *   array   := '[' item (',' item)* ']'   (or space separated `[INT QUIT]`)
 *   scalar  := part (('|' | ' or ') part)* [comment] [decoration ['(deleted)']]
 *   part    := ['-'] atom (('<<' | '*') atom)*   atom := word ['(' ... ')']
 * Anything after a value (` => value2`, comments) is ignored. What fits no
 * rule is an `other` value holding the text. Never throws.
 */
import type { Value, StructField } from '../abi';
import { isNumericPart } from '../match/inline-helpers';
import { Bounds, skipString, skipComment, skipDecoration, matchGroup, splitTopLevel, skipSpaces, trimEnd } from './scan';

// Char codes (module-local: see scan.ts).
const CH_QUOTE = 34;
const CH_LBRACE = 123;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_LPAREN = 40;
const CH_LT = 60;
const CH_GT = 62;
const CH_SLASH = 47;
const CH_STAR = 42;
const CH_EQ = 61;
const CH_MINUS = 45;

/** A `-X verbose` comment that spells a flag combination: `O_RDONLY|O_CLOEXEC`, `AT_FDCWD`. */
const FLAG_COMMENT = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:<<[0-9]+)?|[0-9]+|0x[0-9a-fA-F]+)(?:\|(?:[A-Za-z_][A-Za-z0-9_]*(?:<<[0-9]+)?|[0-9]+|0x[0-9a-fA-F]+))*$/;
const HAS_SYMBOL = /[A-Za-z_]/;
/** Deeper nesting than strace ever prints is kept as text (and keeps the stack bounded). */
const MAX_DEPTH = 64;

/**
 * `-?number((<<|*)number)*` (`-1`, `0x7ffd`, `1<<20`, `4*1024`): defined with
 * the helpers emitted modules inline, so that decoding, the interpreter and
 * every compiled module agree on what a number is.
 */
export { isNumericPart };

/** The value for an empty or unreadable argument. */
function other(text: string): Value {
  return { kind: 'other', text };
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 63;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/**
 * If `[start, end)` begins with `name=` (not `==` or `=>`), the index of the
 * `=`; else -1. Names are words with optional `.member` and `[index]` parts.
 */
export function nameEquals(t: string, start: number, end: number): number {
  if (start >= end || !isNameStart(t.charCodeAt(start))) return -1;
  let i = start + 1;
  while (i < end) {
    const c = t.charCodeAt(i);
    if (isWordChar(c) || c === 46 /* . */) i++;
    else if (c === CH_LBRACKET) {
      // `c_cc[VMIN]=`: a bounded look for `]` (this runs for every struct member).
      let close = i + 1;
      while (close < end && t.charCodeAt(close) !== CH_RBRACKET) close++;
      if (close >= end) return -1;
      i = close + 1;
    } else break;
  }
  if (i >= end || t.charCodeAt(i) !== CH_EQ) return -1;
  const next = t.charCodeAt(i + 1);
  return next === CH_EQ || next === CH_GT ? -1 : i;
}

/** Decode the argument in `[start, end)`: an optional `name=` is dropped. */
export function decodeArg(t: string, start: number, end: number, depth = 0): Value {
  start = skipSpaces(t, start, end);
  end = trimEnd(t, start, end);
  const eq = nameEquals(t, start, end);
  if (eq !== -1) start = skipSpaces(t, eq + 1, end);
  return decodeValue(t, start, end, depth);
}

/** Decode the value in `[start, end)` (already trimmed, no `name=`). */
export function decodeValue(t: string, start: number, end: number, depth = 0): Value {
  if (start >= end) return other('');
  if (depth > MAX_DEPTH) return other(t.slice(start, end));
  const c = t.charCodeAt(start);
  if (c === CH_QUOTE) return { kind: 'str', text: t.slice(start + 1, stringEnd(t, start, end)) };
  if (c === 64 /* @ */ && t.charCodeAt(start + 1) === CH_QUOTE) {
    return { kind: 'str', text: t.slice(start + 2, stringEnd(t, start + 1, end)) };
  }
  if (c === CH_LBRACE) return decodeStruct(t, start, end, depth + 1);
  if (c === CH_LBRACKET) return decodeArray(t, start, end, depth + 1);
  if (c === 126 /* ~ */ && t.charCodeAt(start + 1) === CH_LBRACKET) {
    return other(t.slice(start, Math.min(end, matchGroup(t, start + 1, end) + 1)));
  }
  return decodeScalar(t, start, end);
}

/** Index of the closing quote of the string opening at `q`. */
function stringEnd(t: string, q: number, end: number): number {
  const after = skipString(t, q, end);
  return t.charCodeAt(after - 1) === CH_QUOTE && after - 1 > q ? after - 1 : after;
}

/**
 * The splits of structs and arrays, one stack for all: each decode pushes
 * its pairs above those of the values it is nested in, and pops them when
 * done (no array per struct or array).
 */
const nested = new Bounds();

/** `{...}` opening at `open`; what follows its `}` (` => {...}`) is ignored. */
function decodeStruct(t: string, open: number, end: number, depth: number): Value {
  const fields: StructField[] = [];
  let elided = false;
  const base = nested.size;
  splitTopLevel(t, open + 1, end, nested, true);
  const stop = nested.size;
  const bounds = nested.at;
  for (let k = base; k < stop; k += 2) {
    const s = skipSpaces(t, bounds[k], bounds[k + 1]);
    const e = trimEnd(t, s, bounds[k + 1]);
    if (s === e) continue;
    if (e - s === 3 && t.startsWith('...', s)) { elided = true; continue; }
    const eq = nameEquals(t, s, e);
    if (eq === -1) fields.push({ name: null, value: decodeValue(t, s, e, depth) });
    else fields.push({ name: t.slice(s, eq), value: decodeValue(t, skipSpaces(t, eq + 1, e), e, depth) });
  }
  nested.size = base;
  return { kind: 'struct', fields, elided };
}

/** `[...]` opening at `open`. Elided items (`...`) and comment-only items are dropped. */
function decodeArray(t: string, open: number, end: number, depth: number): Value {
  const items: Value[] = [];
  const base = nested.size;
  splitTopLevel(t, open + 1, end, nested, true);
  if (nested.size === base + 2) splitSpaced(t, nested, base);
  const stop = nested.size;
  const bounds = nested.at;
  for (let k = base; k < stop; k += 2) {
    let s = skipSpaces(t, bounds[k], bounds[k + 1]);
    const e = trimEnd(t, s, bounds[k + 1]);
    while (t.charCodeAt(s) === CH_SLASH && t.charCodeAt(s + 1) === CH_STAR) s = skipSpaces(t, skipComment(t, s, e), e);
    if (s >= e) continue;
    if (e - s === 3 && t.startsWith('...', s)) continue;
    items.push(decodeArg(t, s, e, depth));
  }
  nested.size = base;
  return { kind: 'array', items };
}

/**
 * A single comma-free item like `INT QUIT` (a signal set) becomes one item
 * per word; anything else (`110 => 22`, `{...}`) is left as one item.
 */
function splitSpaced(t: string, bounds: Bounds, base: number): void {
  const s = skipSpaces(t, bounds.at[base], bounds.at[base + 1]);
  const e = trimEnd(t, s, bounds.at[base + 1]);
  // Bounded loops: t may be the reader's whole window (call-record.ts).
  let spaced = false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) spaced = true;
    else if (!isWordChar(c)) return;
  }
  if (!spaced) return;
  bounds.size = base;
  let i = s;
  while (i < e) {
    let stop = i;
    while (stop < e && t.charCodeAt(stop) !== 32) stop++;
    if (stop > i) bounds.push(i, stop);
    i = stop + 1;
  }
}

/** End index of one `atom` at `i`: a word with an optional `(...)` call part. */
function atomEnd(t: string, i: number, end: number): number {
  const from = i;
  while (i < end && isWordChar(t.charCodeAt(i))) i++;
  if (i > from && i < end && t.charCodeAt(i) === CH_LPAREN) i = Math.min(end, matchGroup(t, i, end) + 1);
  return i === from ? -1 : i;
}

/** End index of one flag `part` at `i`, or -1 when there is none. */
function partEnd(t: string, i: number, end: number): number {
  if (t.charCodeAt(i) === CH_MINUS) i++;
  i = atomEnd(t, i, end);
  while (i !== -1 && i < end) {
    if (t.charCodeAt(i) === CH_LT && t.charCodeAt(i + 1) === CH_LT) i = atomEnd(t, i + 2, end);
    else if (t.charCodeAt(i) === CH_STAR && t.charCodeAt(i - 1) !== CH_SLASH && t.charCodeAt(i + 1) !== CH_SLASH) i = atomEnd(t, i + 1, end);
    else break;
  }
  return i;
}

/**
 * Integers, flag combinations, symbols, with trailing comment / decoration /
 * `=> value2`. With `-X verbose` each part may carry a comment that spells
 * it (`0x3 /* PROT_READ|PROT_WRITE *\/`); then the spelled names are the parts.
 */
function decodeScalar(t: string, start: number, end: number): Value {
  const parts: string[] = [];
  // Made only when a part has a spelling comment (rare: `-X verbose`).
  let spelled: (string | null)[] | null = null;
  let i = start;
  let j: number;
  for (;;) {
    const pe = partEnd(t, i, end);
    if (pe === -1) return other(t.slice(start, end));
    parts.push(t.slice(i, pe));
    j = skipSpaces(t, pe, end);
    if (t.charCodeAt(j) === CH_SLASH && t.charCodeAt(j + 1) === CH_STAR) {
      const close = skipComment(t, j, end);
      const comment = t.slice(j + 2, close - 2).trim();
      if (FLAG_COMMENT.test(comment) && HAS_SYMBOL.test(comment)) {
        spelled ??= new Array<string | null>(parts.length - 1).fill(null);
        spelled.push(comment);
      } else if (spelled !== null) spelled.push(null);
      j = skipSpaces(t, close, end);
    } else {
      j = pe;
      if (spelled !== null) spelled.push(null);
    }
    if (j < end && t.charCodeAt(j) === 124 /* | */) { i = j + 1; continue; }
    // The char test first: startsWith is a builtin call, and this runs for every scalar.
    if (t.charCodeAt(j) === 32 && j + 4 < end && t.startsWith(' or ', j)) { i = j + 4; continue; }
    break;
  }
  // Trailers: spaces, `/* comment */`, `<decoration>`, `(deleted)`, `=> value2`.
  let path: string | undefined;
  i = j;
  for (;;) {
    i = skipSpaces(t, i, end);
    if (i >= end) break;
    const c = t.charCodeAt(i);
    if (c === CH_SLASH && t.charCodeAt(i + 1) === CH_STAR) {
      i = skipComment(t, i, end);
    } else if (c === CH_LT && path === undefined) {
      const close = skipDecoration(t, i, end);
      if (close === -1) return other(t.slice(start, end));
      path = t.slice(i + 1, close - 1);
      i = close;
      if (t.startsWith('(deleted)', i)) i += 9;
    } else if (c === CH_EQ && t.charCodeAt(i + 1) === CH_GT) {
      break;
    } else {
      return other(t.slice(start, end));
    }
  }
  if (spelled !== null) {
    const names: string[] = [];
    for (let k = 0; k < parts.length; k++) {
      const sp = spelled[k];
      if (sp === null) names.push(parts[k]);
      else for (const name of sp.split('|')) names.push(name);
    }
    return { kind: 'flags', parts: names };
  }
  if (parts.length === 1 && isNumericPart(parts[0])) {
    return path === undefined ? { kind: 'int', text: parts[0] } : { kind: 'int', text: parts[0], path };
  }
  return { kind: 'flags', parts };
}
