/**
 * What one strace line is, found with as few char reads as possible: the
 * prefix (pid, timestamps, `-i`/`-n` brackets) is stepped over, the syscall
 * name is delimited, and a ` = ` after a `)` is located (findResult).
 * Arguments are not looked at (see call-record.ts). strace-reader.ts reads
 * the most common shapes itself and comes here for everything else.
 *
 * Line shapes (pid prefix and decorations optional):
 *   1234 name(args) = result [<0.000012>]      -> CALL
 *   1234 name(args <unfinished ...>            -> UNFINISHED
 *   1234 <... name resumed>rest                -> RESUMED
 *   +++ exited ... +++, --- SIGCHLD ... ---, blank, `strace: ...`,
 *   ` > stack frame` (-k), ` | 00000  41 42 ...` (-e read=/write= dumps),
 *   `[ Process PID=.. ]`, `<detached ...>`, `<pid changed to N ...>`  -> SKIP
 *   +++ superseded by execve in pid N +++      -> SUPERSEDED
 *   name(args <detached ...>                   -> DETACHED
 *   name(args  (no result, no marker)          -> OPEN (a cut line: heal.ts)
 *   `Process N attached - interrupt to quit` and other messages of old
 *   strace versions (messages.ts)               -> SKIP
 */

import { isMessage } from './messages';

/** Line kinds (plain numbers: cheap to compare, fine under isolatedModules). */
export const LineKind = {
  Call: 0,
  Unfinished: 1,
  Resumed: 2,
  Skip: 3,
  Superseded: 4,
  Detached: 5,
  Bad: 6,
  /** A call's line that stops before ` = result` (cut by program output or an strace message: heal.ts). */
  Open: 7,
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

/** Filled by parseLine; reused from line to line (no allocation per line). */
export class LineInfo {
  /** Pid from the prefix, or -1. */
  pid = -1;
  /** Syscall name: [nameStart, nameEnd). For a call, `text[nameEnd]` is `(`. */
  nameStart = 0;
  nameEnd = 0;
  /** Call: index of the space before `= result`. Resumed: index after `resumed>`. Unfinished: where the marker starts. */
  mark = 0;
  /** Superseded: the pid named in the line. */
  otherPid = -1;
  /** Bad: why. */
  message = '';
  /** firstEq's cache, for the current window (reset by newWindow): the first `=` at or after eqFrom is at eqAt. */
  eqFrom = 0;
  eqAt = -1;

  /** Forget what firstEq knew about the previous window string. */
  newWindow(): void {
    this.eqFrom = 0;
    this.eqAt = -1;
  }
}

/** What an Open line is reported as when it cannot be healed. */
export const NO_RESULT = 'system call without " = result"';
const UNFINISHED = ' <unfinished ...>';
const DETACHED = ' <detached ...>';
const RESUMED_TAIL = ' resumed>';

/**
 * Index of char `ch` in `t[from, end)`, or -1. A bounded loop on purpose:
 * String#indexOf would run on past the line into the rest of the window, and
 * doing that for line after line is quadratic on hostile input.
 */
function findChar(t: string, ch: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (t.charCodeAt(i) === ch) return i;
  return -1;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 63;
}

function bad(info: LineInfo, message: string): LineKind {
  info.message = message;
  return LineKind.Bad;
}

/** Index after the `[pid N] `, `N `, `N<comm> ` prefix (`s` when none); sets info.pid. */
function parsePid(t: string, s: number, n: number, info: LineInfo): number {
  let c = t.charCodeAt(s);
  if (c >= 48 && c <= 57) {
    let v = 0;
    let q = s;
    while (q < n && (c = t.charCodeAt(q)) >= 48 && c <= 57) { v = v * 10 + c - 48; q++; }
    if (c === 32) { info.pid = v; return q + 1; }
    if (c === 60 /* -Y: 1234<comm> */) {
      const close = findChar(t, 62 /* > */, q, n);
      if (close !== -1 && t.charCodeAt(close + 1) === 32) { info.pid = v; return close + 2; }
    }
    return s; // a timestamp (`12:34:56`, `1700000000.1`) at the line start
  }
  if (c === 91 && t.startsWith('[pid ', s)) {
    let q = s + 5;
    while (t.charCodeAt(q) === 32) q++;
    let v = 0;
    const from = q;
    while (q < n && (c = t.charCodeAt(q)) >= 48 && c <= 57) { v = v * 10 + c - 48; q++; }
    if (q > from && c === 93 /* ] */) { info.pid = v; return q + 1; }
  }
  return s;
}

/**
 * Step over spaces, timestamps (`12:34:56.123`, `1700000000.123`, `0.000123`)
 * and `[...]` brackets of hex digits and spaces (`-i`, `-n`).
 */
function skipDecorations(t: string, p: number, n: number): number {
  for (;;) {
    while (t.charCodeAt(p) === 32) p++;
    const c = t.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      let q = p + 1;
      let punct = false;
      for (; q < n; q++) {
        const d = t.charCodeAt(q);
        if (d === 58 || d === 46) punct = true;
        else if (d < 48 || d > 57) break;
      }
      if (!punct || t.charCodeAt(q) !== 32) return p;
      p = q;
    } else if (c === 91) {
      const close = findChar(t, 93 /* ] */, p, n);
      if (close === -1) return p;
      for (let q = p + 1; q < close; q++) {
        const d = t.charCodeAt(q);
        if (!(d === 32 || (d >= 48 && d <= 57) || (d >= 97 && d <= 102) || (d >= 65 && d <= 70))) return p;
      }
      p = close + 1;
    } else {
      return p;
    }
  }
}

/**
 * Index of the first `=` at or after `q` in `t` (t.length when none). Lines
 * of a window are asked in order, so one answer serves every line up to it:
 * scanning stays linear even when many lines have no `=` at all.
 */
export function firstEq(t: string, q: number, info: LineInfo): number {
  if (info.eqFrom <= q && q <= info.eqAt) return info.eqAt;
  const x = t.indexOf('=', q);
  info.eqFrom = q;
  info.eqAt = x === -1 ? t.length : x;
  return info.eqAt;
}

/**
 * The ` = ` before the result in `(open, end)`: index of its space, or -1.
 * `first` is the first `=` at or after `open` (see firstEq). Usually that is
 * the result's own `=` (no `=` in the arguments) and costs nothing more;
 * otherwise scan back from the end, where the result is short, with
 * charCodeAt (String#lastIndexOf is a slow runtime call). The exact end of
 * the arguments is found later, by the depth-aware split (call-record.ts).
 */
export function findResult(t: string, open: number, end: number, first: number): number {
  if (first >= end) return -1;
  if (t.charCodeAt(first - 1) === 32 && t.charCodeAt(first + 1) === 32) {
    let k = first - 1;
    while (t.charCodeAt(k - 1) === 32) k--;
    if (t.charCodeAt(k - 1) === 41 /* ) */ && k - 1 > open) return first - 1;
  }
  for (let i = end - 2; i > first; i--) {
    if (t.charCodeAt(i) !== 61 /* = */ || t.charCodeAt(i - 1) !== 32 || t.charCodeAt(i + 1) !== 32) continue;
    let k = i - 1;
    while (t.charCodeAt(k - 1) === 32) k--;
    if (t.charCodeAt(k - 1) === 41 /* ) */ && k - 1 > open) return i - 1;
  }
  return -1;
}

/**
 * Where the line ending at `e` really ends: after its `\r` when it ended in
 * `\r\n` (the reader leaves that `\r` out of the line but in the string, at
 * `e`: CallRecord.crlf). Slicing up to here keeps the end with the text.
 */
export function endWithCr(t: string, e: number): number {
  return t.charCodeAt(e) === 13 ? e + 1 : e;
}

/** The line `t[s, e)` ended in `\r\n` (see endWithCr). */
export function endsInCr(t: string, e: number): boolean {
  return t.charCodeAt(e) === 13;
}

function endsWith(t: string, end: number, suffix: string): boolean {
  const m = suffix.length;
  if (end < m) return false;
  for (let k = 1; k <= m; k++) if (t.charCodeAt(end - k) !== suffix.charCodeAt(m - k)) return false;
  return true;
}

/**
 * Classify the line `t[s, n)` (no line ending) and fill `info` with
 * positions in `t` (t is the window string the line sits in).
 */
export function parseLine(t: string, s: number, n: number, info: LineInfo): LineKind {
  info.pid = -1;
  if (n === s) return LineKind.Skip;
  let p = parsePid(t, s, n, info);
  p = skipDecorations(t, p, n);
  if (p >= n) return LineKind.Skip;
  const c = t.charCodeAt(p);
  if (isNameChar(c) && !(c >= 48 && c <= 57)) {
    let q = p + 1;
    while (q < n && isNameChar(t.charCodeAt(q))) q++;
    if (t.charCodeAt(q) !== 40 /* ( */) {
      return isMessage(t, p, n) ? LineKind.Skip : bad(info, 'not a system call line');
    }
    info.nameStart = p;
    info.nameEnd = q;
    if (t.charCodeAt(n - 1) === 62 /* > */) {
      if (endsWith(t, n, UNFINISHED)) { info.mark = n - UNFINISHED.length; return LineKind.Unfinished; }
      if (endsWith(t, n, DETACHED)) return LineKind.Detached;
    }
    const eq = findResult(t, q, n, firstEq(t, q, info));
    if (eq === -1) {
      info.message = NO_RESULT;
      return LineKind.Open;
    }
    info.mark = eq;
    return LineKind.Call;
  }
  switch (c) {
    case 60: // <
      if (t.startsWith('<... ', p)) {
        const gt = findChar(t, 62 /* > */, p + 5, n);
        const tail = gt - RESUMED_TAIL.length + 1;
        if (gt === -1 || tail < p + 5 || !t.startsWith(RESUMED_TAIL, tail)) return bad(info, 'unreadable "<... resumed>" line');
        info.nameStart = p + 5;
        info.nameEnd = tail;
        info.mark = tail + RESUMED_TAIL.length;
        return LineKind.Resumed;
      }
      if (t.startsWith('<detached ', p) || t.startsWith('<pid changed to ', p)) return LineKind.Skip;
      return bad(info, 'not a system call line');
    case 43: // +
      if (t.startsWith('+++ superseded by execve in pid ', p)) {
        info.otherPid = parseInt(t.slice(p + 32, n), 10);
        return LineKind.Superseded;
      }
      return t.startsWith('+++ ', p) ? LineKind.Skip : bad(info, 'not a system call line');
    case 45: // -
      return t.startsWith('--- ', p) ? LineKind.Skip : bad(info, 'not a system call line');
    case 62: // > stack frame (-k)
    case 124: // | hex dump of an I/O buffer (-e read=, -e write=)
      return LineKind.Skip;
    case 91: // [
      return t.startsWith('[ Process PID=', p) ? LineKind.Skip : bad(info, 'not a system call line');
    default:
      return bad(info, 'not a system call line');
  }
}
