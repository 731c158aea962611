/**
 * The strace log reader: bytes in, call records and problems out, in input
 * order, synchronously. Joins `<unfinished ...>` / `<... resumed>` pairs per
 * pid at any distance. Never throws on input; every line is a call (or part
 * of one), skipped, or reported.
 *
 * Hot path: window() reads the common line shapes (`PID name(...) = r`,
 * `PID name(... <unfinished ...>`, `PID <... name resumed>...`) in place,
 * touching a few chars per line; everything else goes through parseLine().
 *
 * Range mode (runtime/parallel/): the reader reads one byte range of a log
 * and cannot know what each pid had pending before it. The contract, which
 * any new state that spans lines must follow too: whatever depends on the
 * state before the range goes to `RangeEdges` in line order instead of
 * being decided here, and the state left at the end is exported
 * (endRange); the parallel replay settles both in log order with one
 * ordinary reader (the seam, fed through feedLine/expire/importPending).
 */
import type { ReaderSink } from '../record';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter';
import { LineInfo, LineKind, NO_RESULT, parseLine, findResult, firstEq } from './line-parser';
import { StraceCall } from './call-record';
import { RawFlagsDetector, RawLookForwarder, type RawFlagsCheck } from './raw-flags';
import { PendingTable, type PendingCall, type PendingState } from './pending';
import { HeldCall, MAX_HELD_LINES, isRealLine, joinContinuation, parseAlone, pidPrefixAfterOutput } from './heal';
import { embeddedMessage, isMessage, personalityNotice, summaryLine } from './messages';
import { writtenData } from './written-data';
import { IncompleteCall } from './incomplete-call';
import { x86_64Syscall } from '../../linux/syscall-table';
import { counterpart } from '../../linux/abi32';

export interface ReaderOptions {
  /** Pid for lines without a prefix (a `-ff` per-pid file: see pidFromFfSuffix). */
  pid?: number;
  /** Read one byte range of a log; what depends on the lines before it goes to these edges. */
  range?: RangeEdges;
  /** The `-X raw` detector to share (the parallel seam shares the log's one detector); default: a new one. */
  raw?: RawFlagsDetector;
  /**
   * Calls never finished (never resumed, cut at the end of the log, strace
   * detached mid-call) become incomplete call records (incomplete-call.ts)
   * instead of problems. Default false (sctrace --as-printed keeps it so).
   * In range mode they are left to the seam (edges), which has this option too.
   */
  incomplete?: boolean;
  /** Longest line read, in bytes (line-splitter.ts); a longer one is reported by its first bytes and length. */
  maxLine?: number;
}

/**
 * Range mode: what a reader of one byte range cannot decide, in line order,
 * with line numbers counted within the range.
 */
export interface RangeEdges {
  /**
   * A line whose meaning depends on a call pending from before the range
   * (a resume, `<detached ...>`, a move by execve): to be read in log order
   * by a reader that has the state.
   */
  deferLine(text: string, line: number): void;
  /** An unfinished call of `pid` starts here: a call that pid had pending before the range was never resumed. */
  expire(pid: number): void;
  /** This range's state for a pid, to be taken over before a deferred line that involves the pid. */
  handOver(state: PendingState): void;
  /** One `-X raw` look (see RawLookForwarder). */
  look(raw: boolean): void;
  /** A line read in the range ended any `-c` summary table (classify() ends one on every line but a Bad one). */
  endTable(): void;
  /**
   * The lines handed on since the range start (or since a line this range
   * could not read alone) end here, at a whole call on its own: whatever a
   * reader of the whole log holds (a cut call, a summary table) ends before it.
   */
  anchor(): void;
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
  readonly stats: ReaderStats = { lines: 0, calls: 0, skipped: 0, output: 0, unreadable: 0 };
  private readonly splitter: LineSplitter;
  private readonly info = new LineInfo();
  /** For the heal's checks on strings other than the window (keeps `info`'s firstEq cache for the window). */
  private readonly healInfo = new LineInfo();
  /** A call's head cut by program output or a message, waiting for its continuation (heal.ts). */
  private held: HeldCall | null = null;
  /** The previous line belonged to a `-c` summary table (messages.ts). */
  private summary = false;
  private readonly pending: PendingTable;
  private readonly defaultPid: number;
  private readonly raw: RawFlagsCheck;
  private readonly edges: RangeEdges | null;
  private readonly incomplete: boolean;
  private lineNo = 0;
  private ended = false;
  /**
   * Range mode: the line-local state (a held head, a summary table) is not
   * known here, at the range start or after a line that only a reader of the
   * whole log can read (program output, a cut call). Lines are then handed
   * on until an anchor (isAnchor).
   */
  private settling: boolean;
  /** Range mode: a line read here since the last anchor ended any summary table; the seam is told before it reads on. */
  private tableEnded = false;

  constructor(private readonly sink: ReaderSink, options: ReaderOptions = {}) {
    this.defaultPid = options.pid ?? NO_PID;
    this.incomplete = options.incomplete ?? false;
    const maxLine = options.maxLine ?? DEFAULT_MAX_LINE_BYTES;
    this.splitter = new LineSplitter((w) => this.window(w), (head, bytes) => this.overlong(head, bytes, maxLine), maxLine);
    this.edges = options.range ?? null;
    this.pending = new PendingTable({ range: this.edges !== null });
    this.settling = this.edges !== null;
    const edges = this.edges;
    this.raw = edges !== null ? new RawLookForwarder((raw) => edges.look(raw)) : (options.raw ?? new RawFlagsDetector(sink));
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

  /** Range mode: flush the last line; returns the state of the pids this range decided (its lines range-relative). */
  endRange(): PendingState[] {
    this.ended = true;
    this.splitter.end();
    this.endTableHere();
    return this.pending.exportKnown();
  }

  /** The seam of a parallel run: read one line (no line ending) that a range handed on, as line `lineNo`. */
  feedLine(text: string, lineNo: number): void {
    this.lineNo = lineNo - 1;
    this.window(text + '\n');
  }

  /** The seam: an unfinished call of `pid` started in a later range (RangeEdges.expire). */
  expire(pid: number): void {
    const slot = this.pending.get(pid);
    if (slot !== undefined) this.neverResumed(slot);
  }

  /** The seam: take over pending state that a range decided (RangeEdges.handOver, endRange). */
  importPending(states: readonly PendingState[], lineBase: number): void {
    this.pending.importKnown(states, lineBase);
  }

  /**
   * The seam: a range's anchor (RangeEdges.anchor): end whatever is held, as
   * the anchor line would (continueHeld releases every hold on it, then
   * classify() reads it, which ends a summary table; without a hold it may
   * take the fast path, which does not: the range then says endTable).
   */
  anchor(): void {
    if (this.held === null) return;
    while (this.held !== null) this.release();
    this.summary = false;
  }

  /** The seam: RangeEdges.endTable. */
  endTable(): void {
    this.summary = false;
  }

  /**
   * Range mode: a whole call on its own, without a message in it. After it,
   * whatever came before, nothing is held: continueHeld() releases every
   * hold on such a line and classify() ends a summary table.
   */
  private isAnchor(x: string): boolean {
    return parseAlone(x, this.healInfo) === LineKind.Call && isRealLine(x, this.healInfo) &&
      !isMessage(x, 0, x.length) && embeddedMessage(x, 0, x.length) === -1;
  }

  /** Range mode, while settling: hand the line on, or end settling at an anchor (then the line is read here). */
  private settled(w: string, s: number, e: number, lineNo: number): boolean {
    const edges = this.edges as RangeEdges;
    const x = w.slice(s, e);
    if (!this.isAnchor(x)) {
      edges.deferLine(x, lineNo);
      return false;
    }
    this.settling = false;
    this.tableEnded = false;
    edges.anchor();
    return true;
  }

  /**
   * Range mode: hand the line on (true) when reading it needs state from
   * before the range. Else it is read here, and a summary table a reader of
   * the whole log might be in has ended (classify() ends it on any line that
   * is not Bad), which the seam learns before it reads another line.
   */
  private toSeam(kind: LineKind, pid: number, otherPid: number, w: string, s: number, e: number, lineNo: number): boolean {
    const edges = this.edges as RangeEdges;
    const pending = this.pending;
    let pids: readonly number[] = [];
    let all = false;
    switch (kind) {
      case LineKind.Open:
      case LineKind.Bad:
        // Held calls, output placement and summary tables: the seam reads from here on until an anchor,
        // and it needs every pending call (output is placed by the data of any write in flight).
        this.endTableHere();
        for (const state of pending.handOverAll()) edges.handOver(state);
        edges.deferLine(w.slice(s, e), lineNo);
        this.settling = true;
        return true;
      case LineKind.Resumed:
        // Without a call of its own pid pending, resumed() looks under another pid (pending.prefixChanged):
        // no pid's, or every pid's when the resume has none.
        if (pending.knows(pid) && pending.get(pid) !== undefined) break;
        if (pid === NO_PID) all = true;
        else pids = [pid, NO_PID];
        break;
      case LineKind.Superseded:
        pids = [otherPid, pid];
        break;
      case LineKind.Detached:
        pids = [pid];
        // An incomplete call is made by the seam only (a range's calls are replayed as plain calls).
        if (this.incomplete) all = true;
        break;
    }
    if (!all && pids.every((p) => pending.knows(p))) {
      this.tableEnded = true;
      return false;
    }
    const states = all ? pending.handOverAll() : pids.map((p) => pending.handOver(p));
    for (const state of states) if (state !== null) edges.handOver(state);
    edges.deferLine(w.slice(s, e), lineNo);
    return true;
  }

  /** Range mode: tell the seam that a line read here ended any summary table. */
  private endTableHere(): void {
    if (!this.tableEnded) return;
    this.tableEnded = false;
    (this.edges as RangeEdges).endTable();
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

  /** Lines of one window string (whole lines, each ending in `\n` but maybe the last). */
  private window(w: string): void {
    this.info.newWindow();
    const n = w.length;
    let p = 0;
    // While a cut call waits for its continuation, every line goes to line() (rare: terminal captures).
    let holding = this.held !== null;
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
      if (this.settling && !this.settled(w, p, e, lineNo)) {
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
      this.emit(new StraceCall(head + w.slice(rs, e), 0, head.length + e - rs, name, pid === NO_PID ? null : pid,
        start.line, lineNo, start.argsStart - start.start, head.length + eq - rs));
      return true;
    }
    return false;
  }

  /** Any line `w[s, e)` the fast path did not take; true while a cut call is held afterwards. */
  private line(w: string, s: number, e: number, lineNo: number): boolean {
    if (this.held === null) this.classify(w, s, e, lineNo, lineNo);
    else this.continueHeld(w, s, e, lineNo);
    return this.held !== null;
  }

  /** Read the line `w[s, e)` (a call ending on `endLine`). Positions from parseLine are in `w`. */
  private classify(w: string, s: number, e: number, lineNo: number, endLine: number): void {
    const info = this.info;
    const kind = parseLine(w, s, e, info);
    const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
    if (this.edges !== null && this.toSeam(kind, pid, info.otherPid, w, s, e, lineNo)) return;
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
            pid === NO_PID ? null : pid, lineNo, endLine, w.slice(s, e), false));
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

  /** Read a line that is not in the current window (a healed call, a held line again). */
  private classifyText(text: string, lineNo: number, endLine: number): void {
    // firstEq's cache in `info` belongs to one string: forget it before and after.
    this.info.newWindow();
    this.classify(text, 0, text.length, lineNo, endLine);
    this.info.newWindow();
  }

  /** A call's line without its end: hold it for its continuation (heal.ts). */
  private hold(w: string, s: number, e: number, lineNo: number): void {
    const text = w.slice(s, e);
    const lines = [{ line: lineNo, text, message: false }];
    // Cut by a message: strace's part ends exactly where the message starts.
    const m = embeddedMessage(text, 0, text.length);
    const head = m === -1 ? null : text.slice(0, m);
    this.held = head !== null && head.trim() !== '' ? new HeldCall(head, true, lineNo, lines) : new HeldCall(text, false, lineNo, lines);
  }

  /** The next line after a held head: a message, its continuation, program output, or a real line that ends the hold. */
  private continueHeld(w: string, s: number, e: number, lineNo: number): void {
    const held = this.held as HeldCall;
    const x = w.slice(s, e);
    if (isMessage(x, 0, x.length)) {
      held.lines.push({ line: lineNo, text: x, message: true });
      return;
    }
    const m = embeddedMessage(x, 0, x.length);
    if (m !== -1 && held.exact && !isRealLine(x.slice(0, m), this.healInfo)) {
      // Cut again by a message: the piece before it continues the call.
      held.text += x.slice(0, m);
      held.lines.push({ line: lineNo, text: x, message: true });
      return;
    }
    const real = isRealLine(x, this.healInfo);
    const joined = real ? null : joinContinuation(held, x, this.healInfo, () => this.writtenInFlight());
    if (joined !== null) {
      this.held = null;
      for (let i = 1; i < held.lines.length; i++) {
        this.stats.skipped++;
        if (!held.lines[i].message) this.stats.output++;
      }
      this.classifyText(joined, held.line, lineNo);
      return;
    }
    if (real || held.lines.length >= MAX_HELD_LINES) {
      this.release();
      this.line(w, s, e, lineNo);
      return;
    }
    // Program output inside the call.
    held.lines.push({ line: lineNo, text: x, message: false });
  }

  /**
   * A call left unfinished that will not be resumed: an incomplete call
   * (with the `incomplete` option), else a problem. In range mode the seam
   * makes incomplete calls: the call is handed over and expired there.
   */
  private neverResumed(p: PendingCall): void {
    p.active = false;
    const head = p.text();
    if (!this.incomplete) {
      this.problem(p.line, head + UNFINISHED, 'call never resumed');
      return;
    }
    const edges = this.edges;
    if (edges !== null) {
      p.active = true;
      const state = this.pending.handOver(p.pid);
      if (state !== null) edges.handOver(state);
      edges.expire(p.pid);
      this.pending.claim(p.pid);
      return;
    }
    this.emitIncomplete(new IncompleteCall(head, p.argsStart - p.start, p.name, p.pid === NO_PID ? null : p.pid, p.line, p.line,
      head + UNFINISHED, false));
  }

  /**
   * End a hold without a join (a real line came, or the log ended): with the
   * `incomplete` option the head is a call cut in the middle (an incomplete
   * call, its last value maybe partial), else a problem. Every other held
   * line is read again alone.
   */
  private release(): void {
    const held = this.held as HeldCall;
    this.held = null;
    if (!this.incomplete || !this.emitCut(held, this.ended)) this.problem(held.line, held.lines[0].text, NO_RESULT);
    this.readHeldAgain(held);
  }

  /**
   * The held head as an incomplete call; false when it is not a call's start.
   * In the middle of a log (`atEnd` false) only a syscall strace can print
   * counts: a cut there is rarer than garbage that looks like `word(`.
   */
  private emitCut(held: HeldCall, atEnd: boolean): boolean {
    const info = this.healInfo;
    info.newWindow();
    if (parseLine(held.text, 0, held.text.length, info) !== LineKind.Open) return false;
    if (!atEnd && !isSyscallName(held.text.slice(info.nameStart, info.nameEnd))) return false;
    const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
    this.emitIncomplete(new IncompleteCall(held.text, info.nameEnd + 1, held.text.slice(info.nameStart, info.nameEnd),
      pid === NO_PID ? null : pid, held.line, held.line, held.lines[0].text, true));
    return true;
  }

  /** Every line held after the head, read again alone and in order. */
  private readHeldAgain(held: HeldCall): void {
    for (let i = 1; i < held.lines.length; i++) {
      const l = held.lines[i];
      // Not the window's string: firstEq's cache is forgotten before and after (as in classifyText).
      this.info.newWindow();
      this.line(l.text, 0, l.text.length, l.line);
      this.info.newWindow();
    }
  }

  /** A line that is not a call: a summary table, program output (maybe glued to a strace line), or unreadable. */
  private bad(w: string, s: number, e: number, lineNo: number, message: string): void {
    const table = summaryLine(w, s, e, this.summary);
    this.summary = table !== null;
    if (table !== null) {
      this.stats.skipped++;
      return;
    }
    // Output without a line end, then a strace line: `thread 0 step 0[pid 12378] <... write resumed>) = 15`.
    const at = pidPrefixAfterOutput(w, s, e);
    if (at !== -1) {
      this.output(w.slice(s, at), lineNo, message);
      this.classify(w, at, e, lineNo, lineNo);
      return;
    }
    // Output, then a message: `hello strace: Process 4712 attached`.
    const m = embeddedMessage(w, s, e);
    if (m !== -1) {
      this.output(w.slice(s, m), lineNo, message);
      return;
    }
    this.output(w.slice(s, e), lineNo, message);
  }

  /** Program output (or garbage) outside any held call: placed when a write in flight wrote it, else unreadable. */
  private output(text: string, lineNo: number, message: string): void {
    if (text.length > 0 && this.writtenByCallInFlight(text)) {
      this.stats.skipped++;
      this.stats.output++;
      return;
    }
    this.problem(lineNo, text, message);
  }

  /** Does an unfinished write-family call (of any pid) have `text` in the data it wrote? */
  private writtenByCallInFlight(text: string): boolean {
    return this.writtenInFlight().some((data) => data.includes(text));
  }

  /** What the unfinished write-family calls (of any pid) wrote. */
  private writtenInFlight(): string[] {
    const out: string[] = [];
    for (const p of this.pending.active()) {
      const argsStart = p.argsStart;
      const data = writtenData(p.src, argsStart - 1 - p.name.length, argsStart - 1, argsStart, p.cut);
      if (data !== null) out.push(data.text);
    }
    return out;
  }

  private startPending(pid: number, src: string, start: number, cut: number, name: string, line: number, argsStart: number): void {
    if (this.edges !== null && !this.pending.knows(pid)) {
      this.edges.expire(pid);
      this.pending.claim(pid);
    }
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
  private resumed(w: string, s: number, e: number, pid: number, lineNo: number): void {
    const info = this.info;
    const name = w.slice(info.nameStart, info.nameEnd);
    const start: PendingCall | undefined = this.pending.get(pid) ?? this.pending.prefixChanged(pid, name, NO_PID);
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
      if (this.incomplete) this.neverResumed(start);
      else this.stats.skipped++;
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

  /** Apart from emit(), so that its call sites only ever see StraceCall records. */
  private emitIncomplete(call: IncompleteCall): void {
    this.stats.calls++;
    this.sink.call(call);
  }

  private problem(line: number, text: string, message: string): void {
    this.stats.unreadable++;
    this.sink.unreadable({ line, text, message });
  }
}

/** A name strace prints for a syscall: x86_64's, a 32-bit ABI's own, or an unknown number's (`syscall_0x1c3`). */
function isSyscallName(name: string): boolean {
  return x86_64Syscall(name) !== undefined || counterpart(name) !== undefined || /^syscall_0x[0-9a-f]+$/.test(name);
}
