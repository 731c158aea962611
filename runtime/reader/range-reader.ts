/**
 * The range driver (runtime/parallel/, a worker per byte range of a log):
 * the core (strace-reader.ts) reading one range, which cannot know what the
 * lines before it left: each pid's pending call, a held cut call, a `-c`
 * table. The contract, which any new state that spans lines must follow
 * too (README.md): whatever depends on the state before the range goes to
 * `RangeEdges` in line order instead of being decided here, and the state
 * left at the end is an explicit value (endRange: PendingState[]). The
 * parallel replay settles both in log order with one seam (seam-reader.ts).
 */
import type { ReaderSink } from '../record';
import { LineKind, endWithCr } from './line-parser';
import { RawLookForwarder } from './raw-flags';
import type { PendingCall, PendingState } from './pending';
import { isRealLine, parseAlone } from './heal';
import { embeddedMessage, isMessage } from './messages';
import { NO_PID, type ReaderOptions } from './call-pairs';
import { StraceReader } from './strace-reader';
import type { StraceCall } from './call-record';
import { KnownPids } from './range-pending';

/** What a reader of one byte range cannot decide, in line order, with line numbers counted within the range. */
export interface RangeEdges {
  /**
   * A line whose meaning depends on a call pending from before the range
   * (a resume, `<detached ...>`, a move by execve): to be read in log order
   * by a reader that has the state. `text` has no `\n` but keeps the `\r`
   * of a CRLF end (the reader of it drops it from the line, as here).
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

/** Range options: a range's `-X raw` looks go to its edges, so `raw` is not one. */
export type RangeReaderOptions = Omit<ReaderOptions, 'raw'>;

export class RangeReader extends StraceReader {
  private readonly known: KnownPids;
  /** A line read here since the last anchor ended any summary table; the seam is told before it reads on. */
  private tableEnded = false;
  /** The window being read, and where it starts in the range's bytes (-1: not the bytes, see OnWindow). */
  private windowText = '';
  private windowAt = -1;

  constructor(sink: ReaderSink, private readonly edges: RangeEdges, options: RangeReaderOptions = {}) {
    super(sink, { ...options, raw: new RawLookForwarder((raw) => edges.look(raw)) });
    this.known = new KnownPids(this.pending);
    // The line-local state (a held head, a summary table) is not known at the range start: lines are handed on until an anchor.
    this.handingOn = true;
  }

  /** Flush the last line; returns the state of the pids this range decided (its lines range-relative). */
  endRange(): PendingState[] {
    this.ended = true;
    this.splitter.end();
    this.endTableHere();
    return this.known.exportKnown();
  }

  /**
   * Where a call read from the window being read starts in the range's
   * bytes, its text being those bytes as they are; else -1 (a pair joined
   * from two lines, a line healed or read again, colour codes removed).
   */
  byteOffset(call: StraceCall): number {
    if (this.windowAt < 0) return -1;
    const start = call.startIn(this.windowText);
    return start < 0 ? -1 : this.windowAt + start;
  }

  protected override window(w: string, at = -1): void {
    this.windowText = w;
    this.windowAt = at;
    super.window(w, at);
  }

  /**
   * A whole call on its own, without a message in it. After it, whatever
   * came before, nothing is held: the core releases every hold on such a
   * line and classify() ends a summary table.
   */
  private isAnchor(x: string): boolean {
    return parseAlone(x, this.healInfo) === LineKind.Call && isRealLine(x, this.healInfo) &&
      !isMessage(x, 0, x.length) && embeddedMessage(x, 0, x.length) === -1;
  }

  /**
   * While the line-local state is unknown (at the range start, or after a
   * line only a reader of the whole log can read: program output, a cut
   * call): hand the line on, or stop handing on at an anchor (then the
   * line is read here).
   */
  protected override handOnLine(w: string, s: number, e: number, lineNo: number): boolean {
    const x = w.slice(s, e);
    if (!this.isAnchor(x)) {
      this.edges.deferLine(w.slice(s, endWithCr(w, e)), lineNo);
      return false;
    }
    this.handingOn = false;
    this.tableEnded = false;
    this.edges.anchor();
    return true;
  }

  /**
   * Hand the line on (true) when reading it needs state from before the
   * range. Else it is read here, and a summary table a reader of the whole
   * log might be in has ended (classify() ends it on any line that is not
   * Bad), which the seam learns before it reads another line.
   */
  protected override diverted(kind: LineKind, pid: number, otherPid: number, w: string, s: number, e: number, lineNo: number): boolean {
    const edges = this.edges;
    const known = this.known;
    let pids: readonly number[] = [];
    let all = false;
    switch (kind) {
      case LineKind.Open:
      case LineKind.Bad:
        // Held calls, output placement and summary tables: the seam reads from here on until an anchor,
        // and it needs every pending call (output is placed by the data of any write in flight).
        this.endTableHere();
        for (const state of known.handOverAll()) edges.handOver(state);
        edges.deferLine(w.slice(s, endWithCr(w, e)), lineNo);
        this.handingOn = true;
        return true;
      case LineKind.Resumed:
        // Without a call of its own pid pending, resumed() looks under another pid (pending.prefixChanged):
        // no pid's, or every pid's when the resume has none.
        if (known.knows(pid) && this.pending.get(pid) !== undefined) break;
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
    if (!all && pids.every((p) => known.knows(p))) {
      this.tableEnded = true;
      return false;
    }
    const states = all ? known.handOverAll() : pids.map((p) => known.handOver(p));
    for (const state of states) if (state !== null) edges.handOver(state);
    edges.deferLine(w.slice(s, endWithCr(w, e)), lineNo);
    return true;
  }

  /** A pid's call that started before the range was never resumed if one starts here: the seam expires it. */
  protected override startPending(pid: number, src: string, start: number, cut: number, name: string, line: number, argsStart: number): void {
    if (!this.known.knows(pid)) {
      this.edges.expire(pid);
      this.known.claim(pid);
    }
    super.startPending(pid, src, start, cut, name, line, argsStart);
  }

  /** With the `incomplete` option the seam makes incomplete calls: the call is handed over and expired there. */
  protected override neverResumed(p: PendingCall): void {
    if (!this.incomplete) {
      super.neverResumed(p);
      return;
    }
    p.active = true;
    const state = this.known.handOver(p.pid);
    if (state !== null) this.edges.handOver(state);
    this.edges.expire(p.pid);
    this.known.claim(p.pid);
  }

  /** Tell the seam that a line read here ended any summary table. */
  private endTableHere(): void {
    if (!this.tableEnded) return;
    this.tableEnded = false;
    this.edges.endTable();
  }
}
