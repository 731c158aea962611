/**
 * A range reader's view of the pending table (pending.ts): it starts without
 * knowing what each pid had pending before its byte range. A pid becomes
 * "known" once the range itself decides its state (an unfinished call
 * starts, or one is moved to it); until then `knows(pid)` is false and the
 * range reader hands lines that need the state on to the seam, which reads
 * the ranges in order (range-reader.ts, runtime/parallel/replay.ts).
 *
 * Invariant: a slot is active only for a known pid (every start claims its
 * pid first; a hand-over frees the slot).
 */
import type { PendingState, PendingTable } from './pending';

export class KnownPids {
  private readonly known = new Set<number>();

  constructor(private readonly pending: PendingTable) {}

  /** False for a pid whose state comes from before the range. */
  knows(pid: number): boolean {
    return this.known.has(pid);
  }

  /** The pid's state is from now on decided here (its earlier state is dropped). */
  claim(pid: number): void {
    if (this.known.has(pid)) return;
    this.known.add(pid);
    const slot = this.pending.get(pid);
    if (slot !== undefined) slot.active = false;
  }

  /**
   * Give up the pid's state (a line that needs what came before the range
   * is handed on, and it must see this range's state too). Returns that
   * state when the range had decided it, else null.
   */
  handOver(pid: number): PendingState | null {
    if (!this.known.has(pid)) return null;
    const state = this.stateOf(pid);
    this.known.delete(pid);
    const slot = this.pending.get(pid);
    if (slot !== undefined) slot.active = false;
    return state;
  }

  /** Hand over every pid this range decided (see handOver). */
  handOverAll(): PendingState[] {
    const out: PendingState[] = [];
    for (const pid of [...this.known]) {
      const state = this.handOver(pid);
      if (state !== null) out.push(state);
    }
    return out;
  }

  /** At the range's end: the state of every pid the range decided. */
  exportKnown(): PendingState[] {
    return [...this.known].map((pid) => this.stateOf(pid));
  }

  private stateOf(pid: number): PendingState {
    const slot = this.pending.get(pid);
    return slot === undefined
      ? { pid, text: null, name: '', line: 0, argsStart: 0 }
      : { pid, text: slot.text(), name: slot.name, line: slot.line, argsStart: slot.argsStart - slot.start, ...(slot.crlf ? { crlf: true } : {}) };
  }
}
