/**
 * The strace log reader: bytes in, call records and problems out, in input
 * order, synchronously. Joins `<unfinished ...>` / `<... resumed>` pairs per
 * pid at any distance. Never throws on input; every line is a call (or part
 * of one), skipped, or reported.
 *
 * Hot path: window() reads the common line shapes (`PID name(...) = r`,
 * `PID name(... <unfinished ...>`, `PID <... name resumed>...`) in place,
 * touching a few chars per line; everything else goes through parseLine().
 */
import type { ReaderSink } from '../record';
import { LineSplitter } from './line-splitter';
import { LineInfo, LineKind, parseLine, findResult, firstEq } from './line-parser';
import { StraceCall } from './call-record';
import { RawFlagsDetector } from './raw-flags';
import { PendingTable, type PendingCall } from './pending';

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

const NO_PID = -1;
const UNFINISHED = ' <unfinished ...>';
const UNFINISHED_LEN = UNFINISHED.length;
const RESUMED = ' resumed>';

/**
 * `w` ends (at `e`) in ` <unfinished ...>`; the caller saw the final `...>`.
 * Unrolled: this runs for a quarter of the lines of a threaded log.
 */
function isUnfinished(w: string, e: number): boolean {
  return w.charCodeAt(e - 17) === 32 && w.charCodeAt(e - 16) === 60 && w.charCodeAt(e - 15) === 117 &&
    w.charCodeAt(e - 14) === 110 && w.charCodeAt(e - 13) === 102 && w.charCodeAt(e - 12) === 105 &&
    w.charCodeAt(e - 11) === 110 && w.charCodeAt(e - 10) === 105 && w.charCodeAt(e - 9) === 115 &&
    w.charCodeAt(e - 8) === 104 && w.charCodeAt(e - 7) === 101 && w.charCodeAt(e - 6) === 100 &&
    w.charCodeAt(e - 5) === 32 && w.charCodeAt(e - 4) === 46;
}

/** ` resumed>` at `i`, unrolled like isUnfinished. */
function isResumedTail(w: string, i: number): boolean {
  return w.charCodeAt(i) === 32 && w.charCodeAt(i + 1) === 114 && w.charCodeAt(i + 2) === 101 &&
    w.charCodeAt(i + 3) === 115 && w.charCodeAt(i + 4) === 117 && w.charCodeAt(i + 5) === 109 &&
    w.charCodeAt(i + 6) === 101 && w.charCodeAt(i + 7) === 100 && w.charCodeAt(i + 8) === 62;
}

export class StraceReader {
  readonly stats: ReaderStats = { lines: 0, calls: 0, skipped: 0, unreadable: 0 };
  private readonly splitter: LineSplitter;
  private readonly info = new LineInfo();
  private readonly pending = new PendingTable();
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
    for (const p of this.pending.drain()) this.problem(p.line, p.text() + UNFINISHED, 'call never resumed');
  }

  /** Lines of one window string (whole lines, each ending in `\n` but maybe the last). */
  private window(w: string): void {
    this.info.newWindow();
    const n = w.length;
    let p = 0;
    while (p < n) {
      let nl = w.indexOf('\n', p);
      if (nl === -1) nl = n;
      // CRLF: the `\r` is not part of the line.
      const e = nl > p && w.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const lineNo = ++this.lineNo;
      // Pid prefix `1234 ` (or none).
      let q = p;
      let c = w.charCodeAt(q);
      let pid = this.defaultPid;
      if (c >= 48 && c <= 57) {
        let v = c - 48;
        while ((c = w.charCodeAt(++q)) >= 48 && c <= 57) v = v * 10 + c - 48;
        if (c === 32) { pid = v; c = w.charCodeAt(++q); } else if (c === 58 || c === 46) { q = p; c = w.charCodeAt(q); } else q = -1;
        // A -t/-tt/-ttt timestamp (`15:27:13.787847 `, `1795706834.043914 `).
        if (q !== -1 && c >= 48 && c <= 57) {
          let punct = false;
          while (((c = w.charCodeAt(++q)) >= 48 && c <= 57) || ((c === 58 || c === 46) && (punct = true)));
          if (c === 32 && punct) c = w.charCodeAt(++q); else q = -1;
        }
      }
      if (q === -1 || !this.fastLine(w, p, e, q, c, pid, lineNo)) this.line(w, p, e, lineNo);
      p = nl + 1;
    }
    this.stats.lines = this.lineNo;
  }

  /**
   * The common shapes, starting at `q` (first char `c`) after the pid prefix.
   * False when the line is something else (then line() reads it).
   */
  private fastLine(w: string, p: number, e: number, q: number, c: number, pid: number, lineNo: number): boolean {
    if ((c >= 97 && c <= 122) || c === 95) {
      const ns = q;
      while (((c = w.charCodeAt(++q)) >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90));
      if (c !== 40 /* ( */) return false;
      if (w.charCodeAt(e - 1) === 62 && w.charCodeAt(e - 2) === 46) {
        // Ends in `...>`: `<unfinished ...>` is handled here, `<detached ...>` by line().
        if (e - UNFINISHED_LEN <= q || !isUnfinished(w, e)) return false;
        this.startPending(pid, w, p, e - UNFINISHED_LEN, w.slice(ns, q), lineNo, q + 1);
        return true;
      }
      const eq = findResult(w, q, e, firstEq(w, q, this.info));
      if (eq === -1) return false;
      this.emit(new StraceCall(w, p, e, w.slice(ns, q), pid === NO_PID ? null : pid, lineNo, lineNo, q + 1, eq));
      return true;
    }
    if (c === 60 /* < */ && w.charCodeAt(q + 1) === 46 && w.charCodeAt(q + 4) === 32) {
      // `<... name resumed>rest`: compare the name in place, join with the start.
      const start = this.pending.get(pid);
      if (start === undefined) return false;
      const ns = q + 5;
      const name = start.name;
      const m = name.length;
      for (let k = 0; k < m; k++) if (w.charCodeAt(ns + k) !== name.charCodeAt(k)) return false;
      if (!isResumedTail(w, ns + m)) return false;
      const rs = ns + m + RESUMED.length;
      if (w.charCodeAt(e - 1) === 62 && w.charCodeAt(e - 2) === 46) return false; // unfinished again, detached
      // The ` = ` is in the resumed part (`) = 0`); else let line() join and search the whole text.
      const eq = findResult(w, rs - 1, e, firstEq(w, rs, this.info));
      if (eq === -1) return false;
      start.active = false;
      const head = start.text();
      this.emit(new StraceCall(head + w.slice(rs, e), 0, head.length + e - rs, name, pid === NO_PID ? null : pid,
        start.line, lineNo, start.argsStart - start.start, head.length + eq - rs));
      return true;
    }
    return false;
  }

  /** Any line `w[s, e)`. Positions from parseLine are in `w`. */
  private line(w: string, s: number, e: number, lineNo: number): void {
    const info = this.info;
    const kind = parseLine(w, s, e, info);
    const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
    switch (kind) {
      case LineKind.Call:
        this.emit(new StraceCall(w, s, e, w.slice(info.nameStart, info.nameEnd), pid === NO_PID ? null : pid,
          lineNo, lineNo, info.nameEnd + 1, info.mark));
        return;
      case LineKind.Unfinished:
        this.startPending(pid, w, s, info.mark, w.slice(info.nameStart, info.nameEnd), lineNo, info.nameEnd + 1);
        return;
      case LineKind.Resumed:
        this.resumed(w, s, e, pid, lineNo);
        return;
      case LineKind.Skip:
        this.stats.skipped++;
        return;
      case LineKind.Superseded:
        this.stats.skipped++;
        this.pending.move(info.otherPid, pid);
        return;
      case LineKind.Detached: {
        // strace let go of the process mid-call: there will be no result.
        this.stats.skipped++;
        const start = this.pending.get(pid);
        if (start !== undefined) start.active = false;
        return;
      }
      default:
        this.problem(lineNo, w.slice(s, e), info.message);
    }
  }

  private startPending(pid: number, src: string, start: number, cut: number, name: string, line: number, argsStart: number): void {
    const slot = this.pending.slot(pid);
    if (slot.active) this.problem(slot.line, slot.text() + UNFINISHED, 'call never resumed');
    slot.active = true;
    slot.src = src;
    slot.start = start;
    slot.cut = cut;
    slot.name = name;
    slot.line = line;
    slot.argsStart = argsStart;
  }

  /** `<... name resumed>rest` in `w[s, e)` (info filled by parseLine): the general case. */
  private resumed(w: string, s: number, e: number, pid: number, lineNo: number): void {
    const info = this.info;
    const start: PendingCall | undefined = this.pending.get(pid);
    const name = w.slice(info.nameStart, info.nameEnd);
    if (start === undefined || start.name !== name) {
      this.problem(lineNo, w.slice(s, e), start === undefined
        ? 'resumed call without a start'
        : `resumed "${name}" but the pending call of this pid is "${start.name}"`);
      return;
    }
    const rest = w.slice(info.mark, e);
    const head = start.text();
    const text = head + rest;
    const argsStart = start.argsStart - start.start;
    if (rest.endsWith(UNFINISHED)) {
      // Resumed and unfinished again: keep waiting with the text joined so far.
      start.src = text;
      start.start = 0;
      start.cut = text.length - UNFINISHED_LEN;
      start.argsStart = argsStart;
      return;
    }
    start.active = false;
    if (rest.endsWith(' <detached ...>')) {
      this.stats.skipped++;
      return;
    }
    const eq = findResult(text, argsStart - 1, text.length, text.indexOf('=', argsStart));
    if (eq === -1) {
      this.problem(start.line, text, 'system call without " = result"');
      return;
    }
    this.emit(new StraceCall(text, 0, text.length, name, pid === NO_PID ? null : pid, start.line, lineNo, argsStart, eq));
  }

  private emit(call: StraceCall): void {
    this.stats.calls++;
    if (this.raw.active) this.raw.check(call);
    this.sink.call(call);
  }

  private problem(line: number, text: string, message: string): void {
    this.stats.unreadable++;
    this.sink.unreadable({ line, text, message });
  }
}
