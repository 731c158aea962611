/**
 * The worker side of a parallel run: read one byte range of a log with a
 * RangeReader (runtime/reader/range-reader.ts), match each call, and record everything in
 * line order as a RangeResult. No output and no reporting happen here.
 */
import type { MatcherModule } from '../abi';
import type { PendingState } from '../reader/pending';
import { StraceCall } from '../reader/call-record';
import type { CallRecord, Problem, ReaderSink } from '../record';
import { RangeReader, type RangeEdges } from '../reader/range-reader';
import { Ev, NO_PID, type CallsNeeded, type RangeResult } from './range-result';

/** Largest value an event field holds (Int32Array). */
const MAX_FIELD = 0x7fffffff;

/** A growable array of 32-bit integers (every field is one: line numbers and places are range-relative). */
class Numbers {
  private buf = new Int32Array(1 << 12);
  private n = 0;

  push(x: number): void {
    if (this.n === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.n++] = x;
  }

  /** The numbers pushed, in a buffer of their own (to transfer). */
  take(): Int32Array {
    return this.buf.slice(0, this.n);
  }
}

class RangeRecorder implements ReaderSink, RangeEdges {
  private readonly events = new Numbers();
  private readonly texts: string[] = [];
  private readonly handOvers: PendingState[] = [];
  private supportedRun = 0;
  /** The range's bytes that CallAt events point into. */
  private bytesFrom = 0;
  private bytesTo = 0;
  /** Set once the reader exists (it needs this recorder first). */
  reader: RangeReader | null = null;

  constructor(
    private readonly matcher: Pick<MatcherModule, 'match'>,
    private readonly needs: CallsNeeded,
  ) {}

  call(record: CallRecord): void {
    const ruleId = this.matcher.match(record);
    if (ruleId >= 0 && this.needs === 'unsupported') {
      this.supportedRun++;
      return;
    }
    if (!(record instanceof StraceCall)) throw new Error('range reader: a call record that is not a StraceCall');
    // Most calls are a line of the log as it is: sent by their place, their text is read again from the file.
    // Others (a joined pair, a healed line, colour codes removed) are sent as text.
    const at = (this.reader as RangeReader).byteOffset(record);
    const len = record.textLength;
    // A CRLF end's `\r` travels after the text (or its bytes), where the replayed record finds it (StraceCall.crlf).
    const cr = record.crlf ? 1 : 0;
    const byPlace = at >= 0 && at + len + cr <= MAX_FIELD;
    this.tag(byPlace ? Ev.CallAt : Ev.Call);
    const e = this.events;
    e.push(ruleId);
    e.push(record.line);
    e.push(record.endLine);
    e.push(record.pid ?? NO_PID);
    if (byPlace) {
      e.push(at);
      if (this.bytesTo === 0) this.bytesFrom = at;
      this.bytesTo = at + len + cr;
    } else {
      this.texts.push(record.text);
      if (cr === 1) this.texts.push('\r');
    }
    e.push(len);
    e.push(record.name.length);
    e.push(record.argsOffset);
    e.push(record.resultOffset);
    e.push(cr);
  }

  unreadable(problem: Problem): void {
    this.tag(Ev.Problem);
    this.events.push(problem.line);
    this.events.push(problem.text.length);
    this.events.push(problem.message.length);
    this.events.push(problem.crlf === true ? 1 : 0);
    this.texts.push(problem.text, problem.message);
  }

  notice(message: string): void {
    this.tag(Ev.Notice);
    this.events.push(message.length);
    this.texts.push(message);
  }

  look(raw: boolean): void {
    this.tag(Ev.Look);
    this.events.push(raw ? 1 : 0);
  }

  expire(pid: number): void {
    this.tag(Ev.Expire);
    this.events.push(pid);
  }

  deferLine(text: string, line: number): void {
    this.tag(Ev.Defer);
    this.events.push(line);
    this.events.push(text.length);
    this.texts.push(text);
  }

  endTable(): void {
    this.tag(Ev.EndTable);
  }

  anchor(): void {
    this.tag(Ev.Anchor);
  }

  handOver(state: PendingState): void {
    this.tag(Ev.HandOver);
    this.events.push(this.handOvers.length);
    this.handOvers.push(state);
  }

  /** Every other event first writes out the run of supported calls before it. */
  private tag(ev: number): void {
    this.endRun();
    this.events.push(ev);
  }

  private endRun(): void {
    if (this.supportedRun === 0) return;
    this.events.push(Ev.Supported);
    this.events.push(this.supportedRun);
    this.supportedRun = 0;
  }

  finish(index: number, start: number, carry: PendingState[], lines: number): RangeResult {
    this.endRun();
    return {
      index,
      start,
      bytesFrom: this.bytesFrom,
      bytesTo: this.bytesTo,
      events: this.events.take(),
      text: this.texts.join(''),
      handOvers: this.handOvers,
      carry,
      lines,
    };
  }
}

export interface RangeOptions {
  /** Pid for lines without a prefix (a `-ff` file), or null. */
  pid: number | null;
  needs: CallsNeeded;
  /** Calls never finished are incomplete calls (not --as-printed): the range leaves them to the seam. */
  incomplete: boolean;
  /** Longest line read (`--max-line`); undefined: the reader's default. */
  maxLine?: number;
}

/** Reads one range: push its bytes in order, then finish(). */
export class RangeClassifier {
  private readonly recorder: RangeRecorder;
  private readonly reader: RangeReader;

  constructor(matcher: Pick<MatcherModule, 'match'>, options: RangeOptions) {
    this.recorder = new RangeRecorder(matcher, options.needs);
    this.reader = new RangeReader(this.recorder, this.recorder, {
      ...(options.pid === null ? {} : { pid: options.pid }),
      incomplete: options.incomplete,
      ...(options.maxLine === undefined ? {} : { maxLine: options.maxLine }),
    });
    this.recorder.reader = this.reader;
  }

  push(chunk: Uint8Array): void {
    this.reader.push(chunk);
  }

  /** The range's result; `start`: where the range starts in the log (its CallAt places are counted from there). */
  finish(index: number, start: number): RangeResult {
    const carry = this.reader.endRange();
    return this.recorder.finish(index, start, carry, this.reader.stats.lines);
  }
}
