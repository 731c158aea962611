/**
 * The reader's slow lines: a call's line cut by program output or a message
 * on a terminal, held for its continuation (heal.ts); program output
 * outside a call; `-c` summary tables. Only lines the fast path does not
 * take come here; the core that reads lines is strace-reader.ts.
 */
import { LineKind, NO_RESULT, parseLine, endsInCr } from './line-parser';
import { HeldCall, MAX_HELD_LINES, isRealLine, joinContinuation, pidPrefixAfterOutput } from './heal';
import { embeddedMessage, isMessage, summaryLine } from './messages';
import { IncompleteCall } from './incomplete-call';
import { CallPairs, NO_PID } from './call-pairs';
import { x86_64Syscall } from '../../linux/syscall-table';
import { counterpart } from '../../linux/abi32';

export abstract class HeldCalls extends CallPairs {
  /** A call's head cut by program output or a message, waiting for its continuation (heal.ts). */
  protected held: HeldCall | null = null;
  /** The previous line belonged to a `-c` summary table (messages.ts). */
  protected summary = false;

  /** Any line `w[s, e)` the fast path did not take; true while a cut call is held afterwards. */
  protected line(w: string, s: number, e: number, lineNo: number): boolean {
    if (this.held === null) this.classify(w, s, e, lineNo, lineNo);
    else this.continueHeld(w, s, e, lineNo);
    return this.held !== null;
  }

  /** Read the line `w[s, e)` (a call ending on `endLine`). Positions from parseLine are in `w`. */
  protected abstract classify(w: string, s: number, e: number, lineNo: number, endLine: number): void;

  /** Read a line that is not in the current window (a healed call); `cr`: its last line ended in `\r\n`. */
  protected classifyText(text: string, lineNo: number, endLine: number, cr: boolean): void {
    // firstEq's cache in `info` belongs to one string: forget it before and after.
    this.info.newWindow();
    // A CRLF end's `\r` stays after the line, as in a window (endsInCr).
    this.classify(cr ? text + '\r' : text, 0, text.length, lineNo, endLine);
    this.info.newWindow();
  }

  /** A call's line without its end: hold it for its continuation (heal.ts). */
  protected hold(w: string, s: number, e: number, lineNo: number): void {
    const text = w.slice(s, e);
    const lines = [{ line: lineNo, text, message: false, cr: endsInCr(w, e) }];
    // Cut by a message: strace's part ends exactly where the message starts.
    const m = embeddedMessage(text, 0, text.length);
    const head = m === -1 ? null : text.slice(0, m);
    this.held = head !== null && head.trim() !== '' ? new HeldCall(head, true, lineNo, lines) : new HeldCall(text, false, lineNo, lines);
  }

  /** The next line after a held head: a message, its continuation, program output, or a real line that ends the hold. */
  private continueHeld(w: string, s: number, e: number, lineNo: number): void {
    const held = this.held as HeldCall;
    const x = w.slice(s, e);
    const cr = endsInCr(w, e);
    if (isMessage(x, 0, x.length)) {
      held.lines.push({ line: lineNo, text: x, message: true, cr });
      return;
    }
    const m = embeddedMessage(x, 0, x.length);
    if (m !== -1 && held.exact && !isRealLine(x.slice(0, m), this.healInfo)) {
      // Cut again by a message: the piece before it continues the call.
      held.text += x.slice(0, m);
      held.lines.push({ line: lineNo, text: x, message: true, cr });
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
      this.classifyText(joined, held.line, lineNo, cr);
      return;
    }
    if (real || held.lines.length >= MAX_HELD_LINES) {
      this.release();
      this.line(w, s, e, lineNo);
      return;
    }
    // Program output inside the call.
    held.lines.push({ line: lineNo, text: x, message: false, cr });
  }

  /**
   * End a hold without a join (a real line came, or the log ended): with the
   * `incomplete` option the head is a call cut in the middle (an incomplete
   * call, its last value maybe partial), else a problem. Every other held
   * line is read again alone.
   */
  protected release(): void {
    const held = this.held as HeldCall;
    this.held = null;
    if (!this.incomplete || !this.emitCut(held)) this.problem(held.line, held.lines[0].text, NO_RESULT, held.lines[0].cr);
    this.readHeldAgain(held);
  }

  /**
   * The held head as an incomplete call; false when it is not a call's start.
   * Only a syscall strace can print counts, at the end of a log too: a cut is
   * rarer than garbage that looks like `word(` (random bytes read so 3% of
   * the time), and a log whose only "call" is such garbage is no log.
   */
  private emitCut(held: HeldCall): boolean {
    const info = this.healInfo;
    info.newWindow();
    if (parseLine(held.text, 0, held.text.length, info) !== LineKind.Open) return false;
    if (!isSyscallName(held.text.slice(info.nameStart, info.nameEnd))) return false;
    const pid = info.pid === NO_PID ? this.defaultPid : info.pid;
    this.emitIncomplete(new IncompleteCall(held.text, info.nameEnd + 1, held.text.slice(info.nameStart, info.nameEnd),
      pid === NO_PID ? null : pid, held.line, held.line, held.lines[0].text, true, held.lines[0].cr));
    return true;
  }

  /** Every line held after the head, read again alone and in order. */
  private readHeldAgain(held: HeldCall): void {
    for (let i = 1; i < held.lines.length; i++) {
      const l = held.lines[i];
      // Not the window's string: firstEq's cache is forgotten before and after (as in classifyText).
      this.info.newWindow();
      this.line(l.cr ? l.text + '\r' : l.text, 0, l.text.length, l.line);
      this.info.newWindow();
    }
  }

  /** A line that is not a call: a summary table, program output (maybe glued to a strace line), or unreadable. */
  protected bad(w: string, s: number, e: number, lineNo: number, message: string): void {
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
    this.output(w.slice(s, e), lineNo, message, endsInCr(w, e));
  }

  /**
   * Program output (or garbage) outside any held call: placed when a write in flight wrote it, else unreadable.
   * `cr`: `text` is the rest of a line that ended in `\r\n`.
   */
  private output(text: string, lineNo: number, message: string, cr = false): void {
    if (text.length > 0 && this.writtenByCallInFlight(text)) {
      this.stats.skipped++;
      this.stats.output++;
      return;
    }
    this.problem(lineNo, text, message, cr);
  }
}

/** A name strace prints for a syscall: x86_64's, a 32-bit ABI's own, or an unknown number's (`syscall_0x1c3`). */
function isSyscallName(name: string): boolean {
  return x86_64Syscall(name) !== undefined || counterpart(name) !== undefined || /^syscall_0x[0-9a-f]+$/.test(name);
}
