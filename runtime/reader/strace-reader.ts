/**
 * The strace log reader: bytes in, call records and problems out, in input
 * order, synchronously. Joins `<unfinished ...>` / `<... resumed>` pairs per
 * pid at any distance. Never throws on input; every line is a call (or part
 * of one), skipped, or reported.
 */
import type { ReaderSink, CallRecord } from '../record';
import { LineSplitter } from './line-splitter';
import { LineInfo, LineKind, parseLine, findResult } from './line-parser';
import { StraceCall } from './call-record';
import { RawFlagsDetector } from './raw-flags';

export interface ReaderOptions {
  /** Pid for lines without a prefix (a `-ff` per-pid file: see pidFromFfSuffix). */
  pid?: number;
}

export interface ReaderStats {
  /** Lines read (a last line without `\n` counts). */
  lines: number;
  /** Call records handed to the sink (a joined pair is one). */
  calls: number;
  /** Lines that are not calls and carry nothing to check (exits, signals, blanks, notices). */
  skipped: number;
  /** Problems reported (unreadable lines, resumes without a start, starts never resumed). */
  unreadable: number;
}

/** A call start waiting for its `<... resumed>` line. */
interface Pending {
  /** The start text without ` <unfinished ...>` (joined so far). */
  text: string;
  name: string;
  line: number;
  /** Index just after the `(` of the call in `text`. */
  argsStart: number;
}

const NO_PID = -1;

export class StraceReader {
  readonly stats: ReaderStats = { lines: 0, calls: 0, skipped: 0, unreadable: 0 };
  private readonly splitter: LineSplitter;
  private readonly info = new LineInfo();
  private readonly pending = new Map<number, Pending>();
  private readonly defaultPid: number;
  private readonly raw: RawFlagsDetector;
  private lineNo = 0;
  private ended = false;

  constructor(private readonly sink: ReaderSink, options: ReaderOptions = {}) {
    this.defaultPid = options.pid ?? NO_PID;
    this.splitter = new LineSplitter((w) => this.window(w));
    this.raw = new RawFlagsDetector(sink);
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Flush the last line and report calls that were never resumed. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.splitter.end();
    const waiting = [...this.pending.values()].sort((a, b) => a.line - b.line);
    this.pending.clear();
    for (const p of waiting) this.problem(p.line, p.text + ' <unfinished ...>', 'call never resumed');
  }

  /** Lines of one window string (whole lines, each ending in `\n` but maybe the last). */
  private window(w: string): void {
    let p = 0;
    const n = w.length;
    while (p < n) {
      let nl = w.indexOf('\n', p);
      if (nl === -1) nl = n;
      // CRLF: the `\r` is not part of the line.
      const end = nl > p && w.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.line(w, p, end);
      p = nl + 1;
    }
  }

  /** The line `w[s, e)`. Positions from parseLine are in `w`; records get their own text. */
  private line(w: string, s: number, e: number): void {
    const lineNo = ++this.lineNo;
    this.stats.lines++;
    const info = this.info;
    const kind = parseLine(w, s, e, info);
    if (kind === LineKind.Call) {
      const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
      this.emit(new StraceCall(w, s, e, w.slice(info.nameStart, info.nameEnd), pid === NO_PID ? null : pid,
        lineNo, lineNo, info.nameEnd + 1, info.mark));
      return;
    }
    const t = w.slice(s, e);
    info.nameStart -= s;
    info.nameEnd -= s;
    info.mark -= s;
    switch (kind) {
      case LineKind.Unfinished: {
        const pid = this.pidOf(info);
        const old = this.pending.get(pid);
        if (old !== undefined) this.problem(old.line, old.text + ' <unfinished ...>', 'call never resumed');
        this.pending.set(pid, {
          text: t.slice(0, info.mark),
          name: t.slice(info.nameStart, info.nameEnd),
          line: lineNo,
          argsStart: info.nameEnd + 1,
        });
        return;
      }
      case LineKind.Resumed:
        this.resumed(t, lineNo);
        return;
      case LineKind.Skip:
        this.stats.skipped++;
        return;
      case LineKind.Superseded: {
        // A thread ran execve; its pending execve resumes under this line's pid.
        this.stats.skipped++;
        const from = this.pending.get(info.otherPid);
        if (from !== undefined) {
          this.pending.delete(info.otherPid);
          this.pending.set(this.pidOf(info), from);
        }
        return;
      }
      case LineKind.Detached:
        // strace let go of the process mid-call: there will be no result.
        this.stats.skipped++;
        this.pending.delete(this.pidOf(info));
        return;
      default:
        this.problem(lineNo, t, info.message);
    }
  }

  /** `<... name resumed>rest`: join with the stored start of the same pid. */
  private resumed(t: string, lineNo: number): void {
    const info = this.info;
    const pid = this.pidOf(info);
    const start = this.pending.get(pid);
    const name = t.slice(info.nameStart, info.nameEnd);
    if (start === undefined || start.name !== name) {
      this.problem(lineNo, t, start === undefined
        ? 'resumed call without a start'
        : `resumed "${name}" but the pending call of this pid is "${start.name}"`);
      return;
    }
    const rest = t.slice(info.mark);
    const text = start.text + rest;
    if (rest.endsWith(' <unfinished ...>')) {
      start.text = text.slice(0, text.length - 17);
      return;
    }
    this.pending.delete(pid);
    if (rest.endsWith(' <detached ...>')) {
      this.stats.skipped++;
      return;
    }
    const eq = findResult(text, start.argsStart - 1, text.length);
    if (eq === -1) {
      this.problem(start.line, text, 'system call without " = result"');
      return;
    }
    this.emit(new StraceCall(text, 0, text.length, start.name, pid === NO_PID ? null : pid, start.line, lineNo, start.argsStart, eq));
  }

  private pidOf(info: LineInfo): number {
    return info.pid === NO_PID ? this.defaultPid : info.pid;
  }

  private emit(call: CallRecord): void {
    this.stats.calls++;
    if (this.raw.active) this.raw.check(call);
    this.sink.call(call);
  }

  private problem(line: number, text: string, message: string): void {
    this.stats.unreadable++;
    this.sink.unreadable({ line, text, message });
  }
}
