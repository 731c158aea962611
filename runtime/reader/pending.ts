/**
 * Calls waiting for their `<... name resumed>` line, one slot per pid. A
 * slot object is reused for the pid's next unfinished call (no allocation
 * and no Map insert/delete per pair: half the lines of a threaded log are
 * such pairs).
 *
 * PendingState is this table's part of what crosses a byte range's
 * boundary (range-reader.ts, range-pending.ts): exported by a range,
 * imported by the seam (seam-reader.ts).
 */

/** The marker after a start's text (call-pairs.ts UNFINISHED; not imported: call-pairs imports this file). */
const MARKER = ' <unfinished ...>';

export class PendingCall {
  /** The pid whose slot this is (the reader's NO_PID, -1, for lines without one). */
  constructor(readonly pid: number) {}

  /** False once resumed (the slot is then free). */
  active = false;
  /**
   * The start is `src[start, cut)` (the line up to ` <unfinished ...>`); the
   * marker follows at `cut`, then the line's `\r` if it ended in `\r\n`.
   */
  src = '';
  start = 0;
  cut = 0;
  name = '';
  line = 0;
  /** Index in `src` just after the call's `(`. */
  argsStart = 0;

  /** The start's line ended in `\r\n` (CallRecord.crlf). */
  get crlf(): boolean {
    return this.src.charCodeAt(this.cut + MARKER.length) === 13;
  }

  /** The start text (pid prefix included, marker excluded). */
  text(): string {
    return this.start === 0 && this.cut === this.src.length ? this.src : this.src.slice(this.start, this.cut);
  }
}

/** What a range leaves pending for one pid it decided: plain data, to cross threads. */
export interface PendingState {
  pid: number;
  /** The start text (marker excluded), or null when nothing is pending for the pid. */
  text: string | null;
  name: string;
  /** 1-based line of the start, counted within the range. */
  line: number;
  /** Index in `text` just after the call's `(`. */
  argsStart: number;
  /** The start's line ended in `\r\n` (absent: it did not). */
  crlf?: boolean;
}

export class PendingTable {
  private readonly slots = new Map<number, PendingCall>();

  /** The active call of `pid`, or undefined. */
  get(pid: number): PendingCall | undefined {
    const slot = this.slots.get(pid);
    return slot !== undefined && slot.active ? slot : undefined;
  }

  /** A slot to fill for `pid`; the caller handles a still-active previous call first. */
  slot(pid: number): PendingCall {
    let slot = this.slots.get(pid);
    if (slot === undefined) {
      slot = new PendingCall(pid);
      this.slots.set(pid, slot);
    }
    return slot;
  }

  /**
   * Move the active call of `from` to `to` (execve in a thread: the call
   * resumes under the leader's pid). A call the leader had pending ended
   * with the exec and is dropped.
   */
  move(from: number, to: number): void {
    const a = this.get(from);
    if (a === undefined || from === to) return;
    const b = this.slot(to);
    b.active = true;
    b.src = a.src;
    b.start = a.start;
    b.cut = a.cut;
    b.name = a.name;
    b.line = a.line;
    b.argsStart = a.argsStart;
    a.active = false;
  }

  /**
   * On a terminal strace prints no `[pid N]` while it traces one process,
   * and does once there are more (and no more when one is left): a call may
   * start without a pid and resume with one, or the other way round. For a
   * resumed `name` of `pid` that has no call pending: the call pending under
   * `none` (no pid) when `pid` is a pid; when `pid` is `none`, the only call
   * of that name pending under any pid. Undefined when there is none.
   */
  prefixChanged(pid: number, name: string, none: number): PendingCall | undefined {
    if (pid !== none) {
      const slot = this.get(none);
      return slot !== undefined && slot.name === name ? slot : undefined;
    }
    let found: PendingCall | undefined;
    for (const slot of this.active()) {
      if (slot.name !== name) continue;
      if (found !== undefined) return undefined;
      found = slot;
    }
    return found;
  }

  /** The active calls, in no particular order (the table is left as it is). */
  *active(): IterableIterator<PendingCall> {
    for (const slot of this.slots.values()) if (slot.active) yield slot;
  }

  /** All active calls, in start-line order; the table is emptied. */
  drain(): PendingCall[] {
    const out = [...this.slots.values()].filter((s) => s.active).sort((x, y) => x.line - y.line);
    this.slots.clear();
    return out;
  }

  /** Take over what a later range decided (its lines shifted by `lineBase`); other pids keep their state. */
  importKnown(states: readonly PendingState[], lineBase: number): void {
    for (const s of states) {
      const slot = this.slot(s.pid);
      slot.active = s.text !== null;
      if (s.text === null) continue;
      // The marker and the `\r` after the text, where PendingCall.crlf looks.
      slot.src = s.crlf === true ? s.text + MARKER + '\r' : s.text;
      slot.start = 0;
      slot.cut = s.text.length;
      slot.name = s.name;
      slot.line = s.line + lineBase;
      slot.argsStart = s.argsStart;
    }
  }
}
