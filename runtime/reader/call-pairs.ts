/**
 * The reader's base: its options and state, what goes out (call records,
 * problems), and `<unfinished ...>` / `<... resumed>` pairs joined per pid
 * at any distance (pending.ts). Reading lines is built on top of it:
 * held-calls.ts (cut calls, program output), strace-reader.ts (the core).
 */
import type { ReaderSink } from '../record';
import { LineInfo, findResult, endsInCr } from './line-parser';
import { StraceCall } from './call-record';
import { RawFlagsDetector, type RawFlagsCheck } from './raw-flags';
import { PendingTable, type PendingCall } from './pending';
import { writtenData } from './written-data';
import { IncompleteCall } from './incomplete-call';

export interface ReaderOptions {
  /** Pid for lines without a prefix (a `-ff` per-pid file: see pidFromFfSuffix). */
  pid?: number;
  /** The `-X raw` detector to share (the parallel seam shares the log's one detector); default: a new RawFlagsDetector. */
  raw?: RawFlagsCheck;
  /**
   * Calls never finished (never resumed, cut at the end of the log, strace
   * detached mid-call) become incomplete call records (incomplete-call.ts)
   * instead of problems. Default false (sctrace --as-printed keeps it so).
   * A range reader (range-reader.ts) leaves them to the seam, which has this option too.
   */
  incomplete?: boolean;
  /** Longest line read, in bytes (line-splitter.ts); a longer one is reported by its first bytes and length. */
  maxLine?: number;
}

export interface ReaderStats {
  /** Lines read (a last line without `\n` counts). */
  lines: number;
  /** Call records handed to the sink (a joined pair is one). */
  calls: number;
  /** Lines that are not calls and carry nothing to check (exits, signals, blanks, messages, program output). */
  skipped: number;
  /** Of the skipped lines: program output placed inside a call (a terminal capture: heal.ts). */
  output: number;
  /** Problems reported (unreadable lines, resumes without a start, starts never resumed). */
  unreadable: number;
}

/** The pid of lines without a `[pid N]` prefix (and no `pid` option). */
export const NO_PID = -1;
export const UNFINISHED = ' <unfinished ...>';
export const UNFINISHED_LEN = UNFINISHED.length;

export abstract class CallPairs {
  readonly stats: ReaderStats = { lines: 0, calls: 0, skipped: 0, output: 0, unreadable: 0 };
  protected readonly info = new LineInfo();
  /** For the heal's checks on strings other than the window (keeps `info`'s firstEq cache for the window). */
  protected readonly healInfo = new LineInfo();
  protected readonly pending = new PendingTable();
  protected readonly defaultPid: number;
  protected readonly raw: RawFlagsCheck;
  protected readonly incomplete: boolean;
  protected lineNo = 0;
  protected ended = false;

  constructor(protected readonly sink: ReaderSink, options: ReaderOptions) {
    this.defaultPid = options.pid ?? NO_PID;
    this.incomplete = options.incomplete ?? false;
    this.raw = options.raw ?? new RawFlagsDetector(sink);
  }

  protected startPending(pid: number, src: string, start: number, cut: number, name: string, line: number, argsStart: number): void {
    const slot = this.pending.slot(pid);
    if (slot.active) this.neverResumed(slot);
    slot.active = true;
    slot.src = src;
    slot.start = start;
    slot.cut = cut;
    slot.name = name;
    slot.line = line;
    slot.argsStart = argsStart;
  }

  /** `<... name resumed>rest` in `w[s, e)` (info filled by parseLine), ending on `lineNo`: the general case. */
  protected resumed(w: string, s: number, e: number, pid: number, lineNo: number): void {
    const info = this.info;
    const name = w.slice(info.nameStart, info.nameEnd);
    const start: PendingCall | undefined = this.pending.get(pid) ?? this.pending.prefixChanged(pid, name, NO_PID);
    if (start === undefined || start.name !== name) {
      this.problem(lineNo, w.slice(s, e), start === undefined
        ? 'resumed call without a start'
        : `resumed "${name}" but the pending call of this pid is "${start.name}"`, endsInCr(w, e));
      return;
    }
    const rest = w.slice(info.mark, e);
    const head = start.text();
    const text = head + rest;
    // A CRLF end: the `\r` after the joined text (StraceCall.crlf, PendingCall.crlf).
    const cr = endsInCr(w, e);
    const argsStart = start.argsStart - start.start;
    if (rest.endsWith(UNFINISHED)) {
      // Resumed and unfinished again: keep waiting with the text joined so far.
      start.src = cr ? text + '\r' : text;
      start.start = 0;
      start.cut = text.length - UNFINISHED_LEN;
      start.argsStart = argsStart;
      return;
    }
    start.active = false;
    if (rest.endsWith(' <detached ...>')) {
      if (this.incomplete) this.neverResumed(start);
      else this.stats.skipped++;
      return;
    }
    const eq = findResult(text, argsStart - 1, text.length, text.indexOf('=', argsStart));
    if (eq === -1) {
      this.problem(start.line, text, 'system call without " = result"', cr);
      return;
    }
    this.emit(new StraceCall(cr ? text + '\r' : text, 0, text.length, name, pid === NO_PID ? null : pid, start.line, lineNo, argsStart, eq));
  }

  /**
   * A call left unfinished that will not be resumed: an incomplete call
   * (with the `incomplete` option), else a problem.
   */
  protected neverResumed(p: PendingCall): void {
    p.active = false;
    const head = p.text();
    if (!this.incomplete) {
      this.problem(p.line, head + UNFINISHED, 'call never resumed', p.crlf);
      return;
    }
    this.emitIncomplete(new IncompleteCall(head, p.argsStart - p.start, p.name, p.pid === NO_PID ? null : p.pid, p.line, p.line,
      head + UNFINISHED, false, p.crlf));
  }

  /** Does an unfinished write-family call (of any pid) have `text` in the data it wrote? */
  protected writtenByCallInFlight(text: string): boolean {
    return this.writtenInFlight().some((data) => data.includes(text));
  }

  /** What the unfinished write-family calls (of any pid) wrote. */
  protected writtenInFlight(): string[] {
    const out: string[] = [];
    for (const p of this.pending.active()) {
      const argsStart = p.argsStart;
      const data = writtenData(p.src, argsStart - 1 - p.name.length, argsStart - 1, argsStart, p.cut);
      if (data !== null) out.push(data.text);
    }
    return out;
  }

  protected emit(call: StraceCall): void {
    this.stats.calls++;
    if (this.raw.active) this.raw.check(call);
    this.sink.call(call);
  }

  /** Apart from emit(), so that its call sites only ever see StraceCall records. */
  protected emitIncomplete(call: IncompleteCall): void {
    this.stats.calls++;
    this.sink.call(call);
  }

  /** `crlf`: the line of `text` ended in `\r\n` (Problem.crlf, only set when true). */
  protected problem(line: number, text: string, message: string, crlf = false): void {
    this.stats.unreadable++;
    this.sink.unreadable(crlf ? { line, text, message, crlf } : { line, text, message });
  }
}
