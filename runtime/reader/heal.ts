/**
 * Healing split lines: strace and the traced program writing to the same
 * terminal (a capture made with `script`, or pasted from one).
 *
 * strace prints a call in two steps: `name(args printed at entry` when the
 * call starts, the rest (`) = 5`, or `args printed at exit) = 0`, or
 * ` <unfinished ...>`) when it returns or another process gets in between.
 * Between the two steps the program runs: what it writes to the terminal
 * lands right there, and so do strace's own `strace: Process N attached`
 * messages. The call's line is then cut:
 *
 *     write(1, "done\n", 5done                 <- head: the call, then output
 *     )                   = 5                  <- continuation
 *     rt_sigprocmask(SIG_SETMASK, [], strace: Process 7962 attached
 *     NULL, 8) = 0
 *
 * strace always finishes a line it started before it prints another one, so
 * the next line that is neither program output nor a message continues the
 * head. The reader holds the head (HeldCall), takes in output and message
 * lines, and joins head and continuation into the line strace meant; that
 * line is then read like any other. Where the output starts inside the head
 * is known exactly when a message cut it (the message starts there); when
 * output did, from strace's alignment of ` = ` to column 40 (the spaces
 * before `=` say how long strace's own part was) or, for write-family calls,
 * from the data the call wrote (written-data.ts).
 *
 * Safety: a heal never joins two real calls: a continuation that reads as a
 * call line on its own (balanced arguments and ` = result`, `<unfinished
 * ...>`, `<... resumed>`, `+++`, `---`) ends the hold instead, and the held
 * lines are reported exactly as they would have been without healing. All of
 * this runs only for lines that failed the fast path.
 *
 * Reader state (see README.md in this folder): at most one HeldCall, whose
 * size is bounded by MAX_HELD_LINES.
 */
import { LineInfo, LineKind, parseLine } from './line-parser';
import { isMessage } from './messages';
import { writtenData, type WrittenData } from './written-data';
import { Bounds, splitTopLevel, skipSpaces } from '../values/scan';

/** strace aligns ` = result` to this column (its `-a` default, DEFAULT_ACOLUMN). */
const RESULT_COLUMN = 40;
/** Program output taken in while holding a head, at most (a huge write ends the hold: reported as before). */
export const MAX_HELD_LINES = 4096;
const UNFINISHED = ' <unfinished ...>';

/** A line the heal took in (read again, alone, when the hold ends without a join). */
export interface HeldLine {
  line: number;
  text: string;
  /** An strace message (not program output). */
  message: boolean;
  /** The line ended in `\r\n` (CallRecord.crlf). */
  cr: boolean;
}

/** A call's head waiting for its continuation. */
export class HeldCall {
  constructor(
    /** The call as strace printed it so far. */
    public text: string,
    /** True when `text` ends exactly where strace stopped (a message cut it); false when program output may follow. */
    public exact: boolean,
    /** Line the call starts on. */
    readonly line: number,
    /** Every line taken in, head first. */
    readonly lines: HeldLine[],
  ) {}

  /** Lines of program output taken in after the head. */
  outputLines(): string[] {
    const out: string[] = [];
    for (let i = 1; i < this.lines.length; i++) if (!this.lines[i].message) out.push(this.lines[i].text);
    return out;
  }
}

/**
 * Read `t` as one line with `info`. The info's firstEq cache belongs to one
 * string, so it is reset first (this string is not the reader's window).
 */
export function parseAlone(t: string, info: LineInfo): LineKind {
  info.newWindow();
  return parseLine(t, 0, t.length, info);
}

/** Scratch for the depth-aware split (no allocation per check). */
const scratch = new Bounds();

/**
 * Does `t`, read as one line, hold a whole call by itself: arguments that
 * close with a `)` followed by ` = `, or a marker line? Such a line is a real
 * call and is never glued to a head.
 */
export function isRealLine(t: string, info: LineInfo): boolean {
  const kind = parseAlone(t, info);
  switch (kind) {
    case LineKind.Call:
      return closesBeforeResult(t, info.nameEnd + 1, info.mark);
    case LineKind.Unfinished:
    case LineKind.Resumed:
    case LineKind.Superseded:
    case LineKind.Detached:
      return true;
    case LineKind.Skip: {
      // Exits, signals, `[ Process PID=...`: strace's own lines. Blank lines, messages and
      // ` <detached ...>` (how strace ends a line when it lets go mid-call) are not.
      const p = skipSpaces(t, 0, t.length);
      return p < t.length && t.charCodeAt(p) !== 60 /* < */ && !isMessage(t, p, t.length);
    }
    default:
      return false;
  }
}

/** The arguments opened before `argsStart` close at depth 0 with the `)` right before the ` = ` at `eq`. */
function closesBeforeResult(t: string, argsStart: number, eq: number): boolean {
  scratch.size = 0;
  const close = splitTopLevel(t, argsStart, eq + 1, scratch, true);
  return close !== -1 && skipSpaces(t, close + 1, eq + 1) === eq + 1;
}

/**
 * The line strace meant, from the held head and the continuation `x`; null
 * when `x` does not continue it (then `x` is program output, or a real line).
 * The result is checked: it reads as one whole call or an unfinished start.
 * `inFlight` gives what the write-family calls still unfinished wrote.
 */
export function joinContinuation(held: HeldCall, x: string, info: LineInfo, inFlight: () => string[]): string | null {
  if (held.exact) return wholeCall(held.text + x, info);
  const head = held.text;
  const outputs = held.outputLines();
  // Where strace's exit part starts in `x`: after a last piece of output, or at once (the output ended with a line end).
  const exit = x.endsWith(UNFINISHED) ? x.length - UNFINISHED.length : exitPart(x);
  for (const from of exit > 0 ? [exit, 0] : [0]) {
    const all = [head, ...outputs, x.slice(0, from)].join('\n');
    for (const strace of straceLengths(head, all, x, from, outputs.length === 0, info, inFlight)) {
      if (strace < 0 || strace > head.length) continue;
      const joined = wholeCall(head.slice(0, strace) + x.slice(from), info);
      if (joined !== null) return joined;
    }
  }
  return null;
}

/** `t` when it reads as one whole call (balanced arguments, ` = result`) or an unfinished start; else null. */
function wholeCall(t: string, info: LineInfo): string | null {
  const kind = parseAlone(t, info);
  if (kind === LineKind.Unfinished || kind === LineKind.Detached) return t;
  if (kind === LineKind.Call && closesBeforeResult(t, info.nameEnd + 1, info.mark)) return t;
  return null;
}

/**
 * Candidate lengths of strace's own part of `head`, best first. `all` is the
 * text from the head through the output (lines joined by line ends) up to
 * `x[from]`, where strace's exit part starts. Known from the data the call
 * wrote (write-family calls; exact when strace printed all of it); from
 * strace's padding of `)` to put `=` in column 40; from the data another
 * unfinished call wrote (another thread's output); or, when the head was
 * followed by nothing but a line end, the whole head. The first candidate
 * that gives a whole call wins.
 */
function straceLengths(head: string, all: string, x: string, from: number, noOutputLines: boolean,
  info: LineInfo, inFlight: () => string[]): number[] {
  const out: number[] = [];
  const own = ownData(head, info);
  // The whole data the call wrote is the surest guide.
  if (own !== null && own.complete) out.push(cutByData(own, all));
  // A piece before `)` is output only for a call that printed all its arguments at entry (a write):
  // elsewhere it may be arguments strace printed at exit, which the padding counts too.
  if (x.charCodeAt(from) === 41 /* ) */ && (from === 0 || own !== null)) {
    const spaces = skipSpaces(x, from + 1, x.length) - from - 1;
    if (spaces >= 2) out.push(RESULT_COLUMN - 1 - spaces);
  }
  if (own !== null && !own.complete) out.push(cutByData(own, all));
  for (const data of inFlight()) if (data.length > 0 && all.endsWith(data)) out.push(all.length - data.length);
  if (from === 0 && noOutputLines) out.push(head.length);
  return out;
}

/** Index of the `)` that starts strace's exit part `)   = result` in `x`, or -1. */
function exitPart(x: string): number {
  for (let i = x.lastIndexOf(')'); i !== -1; i = i === 0 ? -1 : x.lastIndexOf(')', i - 1)) {
    const eq = skipSpaces(x, i + 1, x.length);
    if (eq > i + 1 && x.charCodeAt(eq) === 61 && (eq + 1 === x.length || x.charCodeAt(eq + 1) === 32)) return i;
  }
  return -1;
}

/** What the held head's call wrote, when it is a write-family call that printed its data. */
function ownData(head: string, info: LineInfo): WrittenData | null {
  if (parseAlone(head, info) !== LineKind.Open) return null;
  return writtenData(head, info.nameStart, info.nameEnd, info.nameEnd + 1, head.length);
}

/**
 * Length of strace's part of the head of a write-family call, from the data
 * it wrote: the output (`all` after strace's part: head's tail, output lines,
 * the piece before the exit part) is that data. -1 when it cannot be told.
 */
function cutByData(data: WrittenData, all: string): number {
  if (data.complete) return all.endsWith(data.text) ? all.length - data.text.length : -1;
  // Only a prefix of the data is known: the output starts with it, after the data's own printing.
  if (data.text.length === 0) return -1;
  return all.indexOf(data.text, data.after);
}

/** Index (> s) of a `[pid N] ` that starts a strace line after program output in `t[s, n)`, or -1. */
export function pidPrefixAfterOutput(t: string, s: number, n: number): number {
  const m = PID_PREFIX.exec(t.slice(s + 1, n));
  return m === null ? -1 : s + 1 + m.index;
}
const PID_PREFIX = /\[pid +[0-9]+\] /;
