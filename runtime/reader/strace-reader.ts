/**
 * The strace log reader's core: bytes in, call records and problems out, in
 * input order, synchronously. Never throws on input; every line is a call
 * (or part of one), skipped, or reported. It reads a whole input from its
 * start (a stream: read-stream.ts, the CLI's online and offline modes) and
 * knows nothing of where its bytes come from.
 *
 * Hot path: window() reads the common line shapes (`PID name(...) = r`,
 * `PID name(... <unfinished ...>`, `PID <... name resumed>...`) in place,
 * touching a few chars per line; everything else goes through parseLine()
 * (classify() here, held-calls.ts for cut calls, output and tables).
 *
 * A driver that starts without the state of the lines before its input (a
 * byte range of a log: range-reader.ts) hooks in at two points: handOnLine()
 * while `handingOn`, and diverted() for every line the fast path does not
 * take. Both are no-ops here.
 */
import type { ReaderSink } from '../record';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter';
import { LineKind, parseLine, findResult, firstEq, endWithCr, endsInCr } from './line-parser';
import { StraceCall } from './call-record';
import { personalityNotice } from './messages';
import { IncompleteCall } from './incomplete-call';
import { NO_PID as NONE, UNFINISHED_LEN as UNFINISHED_CHARS, type ReaderOptions } from './call-pairs';
import { HeldCalls } from './held-calls';

export type { ReaderOptions, ReaderStats } from './call-pairs';

const RESUMED = ' resumed>';
/** Module-local copies: an imported binding is a property load at every use (CommonJS output), on the hot path here. */
const NO_PID = NONE;
const UNFINISHED_LEN = UNFINISHED_CHARS;

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

export class StraceReader extends HeldCalls {
  protected readonly splitter: LineSplitter;
  /** Lines are offered to handOnLine() first (a driver that lacks the state before its input). */
  protected handingOn = false;

  constructor(sink: ReaderSink, options: ReaderOptions = {}) {
    super(sink, options);
    const maxLine = options.maxLine ?? DEFAULT_MAX_LINE_BYTES;
    this.splitter = new LineSplitter((w, at) => this.window(w, at), (head, bytes) => this.overlong(head, bytes, maxLine), maxLine);
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Flush the last line and report calls that were never resumed. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.splitter.end();
    // Reading the held lines again can hold a new head (`f(` then `f(`): loop until nothing is held.
    while (this.held !== null) this.release();
    for (const p of this.pending.drain()) this.neverResumed(p);
  }

  /** While `handingOn`: false when the driver took the line `w[s, e)` (it is not read here). */
  protected handOnLine(_w: string, _s: number, _e: number, _lineNo: number): boolean {
    return true;
  }

  /** A line the fast path did not take, parsed as `kind`: true when the driver took it (it is not read here). */
  protected diverted(_kind: LineKind, _pid: number, _otherPid: number, _w: string, _s: number, _e: number, _lineNo: number): boolean {
    return false;
  }

  /**
   * A line over the length limit: reported by its first bytes and length.
   * It changes no state (like a line that is not there), so a range reader
   * reports it exactly as a reader of the whole log does.
   */
  private overlong(head: string, bytes: number, maxLine: number): void {
    const line = ++this.lineNo;
    this.stats.lines = this.lineNo;
    this.problem(line, `${head}... [a line of ${bytes} bytes, over the limit of ${maxLine} (--max-line)]`, `line longer than ${maxLine} bytes (--max-line): not read`);
  }

  /** Lines of one window string (whole lines, each ending in `\n` but maybe the last); `_at`: its place in the input (OnWindow). */
  protected window(w: string, _at = -1): void {
    this.info.newWindow();
    const n = w.length;
    let p = 0;
    // While a cut call waits for its continuation, every line goes to line() (rare: terminal captures).
    let holding = this.held !== null;
    while (p < n) {
      let nl = w.indexOf('\n', p);
      if (nl === -1) nl = n;
      // CRLF: the `\r` is not part of the line; it stays in `w` at `e`, where records and problems find it (endsInCr).
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
      if (this.handingOn && !this.handOnLine(w, p, e, lineNo)) {
        p = nl + 1;
        continue;
      }
      if (holding || q === -1 || !this.fastLine(w, p, e, q, c, pid, lineNo)) holding = this.line(w, p, e, lineNo);
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
      // The `\r` of a CRLF end goes with the joined text, after its end (StraceCall.crlf).
      this.emit(new StraceCall(head + w.slice(rs, endWithCr(w, e)), 0, head.length + e - rs, name, pid === NO_PID ? null : pid,
        start.line, lineNo, start.argsStart - start.start, head.length + eq - rs));
      return true;
    }
    return false;
  }

  /** Read the line `w[s, e)` (a call ending on `endLine`). Positions from parseLine are in `w`. */
  protected override classify(w: string, s: number, e: number, lineNo: number, endLine: number): void {
    const info = this.info;
    const kind = parseLine(w, s, e, info);
    const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
    if (this.diverted(kind, pid, info.otherPid, w, s, e, lineNo)) return;
    if (kind !== LineKind.Bad) this.summary = false;
    switch (kind) {
      case LineKind.Call:
        this.emit(new StraceCall(w, s, e, w.slice(info.nameStart, info.nameEnd), pid === NO_PID ? null : pid,
          lineNo, endLine, info.nameEnd + 1, info.mark));
        return;
      case LineKind.Unfinished:
        this.startPending(pid, w, s, info.mark, w.slice(info.nameStart, info.nameEnd), lineNo, info.nameEnd + 1);
        return;
      case LineKind.Resumed:
        this.resumed(w, s, e, pid, endLine);
        return;
      case LineKind.Skip:
        this.stats.skipped++;
        // `[ Process PID=N runs in 32 bit mode. ]` (the only skipped line ending in `]`): said once per switch.
        if (w.charCodeAt(e - 1) === 93) {
          const notice = personalityNotice(w.slice(s, e));
          if (notice !== null) this.sink.notice(notice);
        }
        return;
      case LineKind.Superseded:
        this.stats.skipped++;
        this.pending.move(info.otherPid, pid);
        return;
      case LineKind.Detached: {
        // strace let go of the process mid-call: there will be no result.
        const start = this.pending.get(pid);
        if (start !== undefined) start.active = false;
        if (this.incomplete && start !== undefined) {
          this.neverResumed(start);
        } else if (this.incomplete && info.nameEnd > s) {
          // `name(args <detached ...>` in one line.
          const cut = e - ' <detached ...>'.length;
          const head = w.slice(s, cut);
          this.emitIncomplete(new IncompleteCall(head, info.nameEnd + 1 - s, w.slice(info.nameStart, info.nameEnd),
            pid === NO_PID ? null : pid, lineNo, endLine, w.slice(s, e), false, endsInCr(w, e)));
        } else {
          this.stats.skipped++;
        }
        return;
      }
      case LineKind.Open:
        this.hold(w, s, e, lineNo);
        return;
      default:
        this.bad(w, s, e, lineNo, info.message);
    }
  }
}
