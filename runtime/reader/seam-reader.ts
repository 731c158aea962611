/**
 * The seam of a parallel run (runtime/parallel/replay.ts): one core reader
 * (strace-reader.ts) that holds the log's state across byte ranges and
 * takes, in log order, what each range reader (range-reader.ts) could not
 * decide: its handed-on lines, expiries, pending states, anchors and table
 * ends (RangeEdges), and the pending state it ended with.
 */
import type { PendingState } from './pending';
import { StraceReader } from './strace-reader';

export class SeamReader extends StraceReader {
  /** Read one line (no `\n`; a CRLF end's `\r` kept) that a range handed on, as line `lineNo` (RangeEdges.deferLine). */
  feedLine(text: string, lineNo: number): void {
    this.lineNo = lineNo - 1;
    this.window(text + '\n');
  }

  /** An unfinished call of `pid` started in a later range (RangeEdges.expire). */
  expire(pid: number): void {
    const slot = this.pending.get(pid);
    if (slot !== undefined) this.neverResumed(slot);
  }

  /** Take over pending state that a range decided (RangeEdges.handOver, RangeReader.endRange). */
  importPending(states: readonly PendingState[], lineBase: number): void {
    this.pending.importKnown(states, lineBase);
  }

  /**
   * A range's anchor (RangeEdges.anchor): end whatever is held, as the
   * anchor line would (the core releases every hold on it, then classify()
   * reads it, which ends a summary table; without a hold it may take the
   * fast path, which does not: the range then says endTable).
   */
  anchor(): void {
    if (this.held === null) return;
    while (this.held !== null) this.release();
    this.summary = false;
  }

  /** RangeEdges.endTable. */
  endTable(): void {
    this.summary = false;
  }
}
