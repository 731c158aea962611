/**
 * The main-thread side of a parallel run: take the ranges' results in log
 * order and hand everything to the classifier exactly as one reader of the
 * whole log would have: same records, same problems, same notices, same
 * order, line numbers counted from the start of the log.
 *
 * What a range could not decide (runtime/reader/range-reader.ts) is
 * settled here by the seam (runtime/reader/seam-reader.ts): one core
 * reader that holds the log's pending calls across ranges and reads the
 * lines handed on. The
 * seam's own calls (mostly pairs whose halves lie in two ranges) are matched
 * here, through the classifier.
 */
import type { Classifier } from '../classify';
import { StraceCall } from '../reader/call-record';
import { SeamReader } from '../reader/seam-reader';
import { RawFlagsDetector } from '../reader/raw-flags';
import { Ev, NO_PID, type RangeResult, type ReadBytes } from './range-result';

export class ParallelReplay {
  private readonly seam: SeamReader;
  private readonly raw: RawFlagsDetector;
  /** Lines in the ranges replayed so far. */
  private lineBase = 0;
  private nextIndex = 0;

  constructor(
    private readonly sink: Classifier,
    /** The log's bytes, read again for the calls the ranges sent by their place (Ev.CallAt). */
    private readonly read: ReadBytes,
    pid: number | null,
    /** Calls never finished become incomplete calls (not --as-printed); the seam makes them all. */
    incomplete = false,
  ) {
    this.raw = new RawFlagsDetector(sink);
    this.seam = new SeamReader(sink, { ...(pid === null ? {} : { pid }), raw: this.raw, incomplete });
  }

  /** Lines read in the ranges replayed so far. */
  get lines(): number {
    return this.lineBase;
  }

  /** Replay the next range's result (results must come in range order). */
  replay(r: RangeResult): void {
    if (r.index !== this.nextIndex) throw new Error(`parallel replay: range ${r.index} out of order (expected ${this.nextIndex})`);
    this.nextIndex++;
    const base = this.lineBase;
    const ev = r.events;
    const text = r.text;
    const sink = this.sink;
    // The bytes the CallAt events point into (one read per range), from `from` in the range.
    const from = r.bytesFrom;
    const bytes = r.bytesTo > from ? this.read(r.start + from, r.bytesTo - from) : null;
    let t = 0; // position in text
    let i = 0;
    while (i < ev.length) {
      switch (ev[i]) {
        case Ev.CallAt: {
          const at = ev[i + 5] - from;
          const len = ev[i + 6];
          // With a CRLF end, the `\r` after the call stays in its string (StraceCall.crlf).
          const cr = ev[i + 10];
          this.verdict((bytes as Buffer).toString('latin1', at, at + len + cr), len, ev, i + 1, 6, base);
          i += 11;
          break;
        }
        case Ev.Call: {
          const len = ev[i + 5];
          const cr = ev[i + 9];
          this.verdict(text.slice(t, t + len + cr), len, ev, i + 1, 5, base);
          t += len + cr;
          i += 10;
          break;
        }
        case Ev.Supported:
          sink.supportedUnseen(ev[i + 1]);
          i += 2;
          break;
        case Ev.Problem: {
          const len = ev[i + 2];
          const mlen = ev[i + 3];
          const problem = { line: ev[i + 1] + base, text: text.slice(t, t + len), message: text.slice(t + len, t + len + mlen) };
          sink.unreadable(ev[i + 4] === 1 ? { ...problem, crlf: true } : problem);
          t += len + mlen;
          i += 5;
          break;
        }
        case Ev.Notice: {
          const len = ev[i + 1];
          sink.notice(text.slice(t, t + len));
          t += len;
          i += 2;
          break;
        }
        case Ev.Look:
          this.raw.observe(ev[i + 1] === 1);
          i += 2;
          break;
        case Ev.Expire:
          this.seam.expire(ev[i + 1]);
          i += 2;
          break;
        case Ev.Defer: {
          const len = ev[i + 2];
          this.seam.feedLine(text.slice(t, t + len), ev[i + 1] + base);
          t += len;
          i += 3;
          break;
        }
        case Ev.EndTable:
          this.seam.endTable();
          i += 1;
          break;
        case Ev.Anchor:
          this.seam.anchor();
          i += 1;
          break;
        case Ev.HandOver:
          this.seam.importPending([r.handOvers[ev[i + 1]]], base);
          i += 2;
          break;
        default:
          throw new Error(`parallel replay: unknown event ${ev[i]}`);
      }
    }
    this.seam.importPending(r.carry, base);
    this.lineBase += r.lines;
  }

  /**
   * A call's verdict: `ev[f]` is its ruleId, then line, endLine, pid;
   * `ev[f + k]` its nameLen, then argsOffset, resultOffset. `call` may end in
   * the line's `\r` after its `len` chars.
   */
  private verdict(call: string, len: number, ev: Int32Array, f: number, k: number, base: number): void {
    const pid = ev[f + 3];
    const nameLen = ev[f + k];
    const argsOffset = ev[f + k + 1];
    const name = call.slice(argsOffset - 1 - nameLen, argsOffset - 1);
    this.sink.verdict(new StraceCall(call, 0, len, name, pid === NO_PID ? null : pid, ev[f + 1] + base,
      ev[f + 2] + base, argsOffset, ev[f + k + 2]), ev[f]);
  }

  /** End of the log: report the calls never resumed, as one reader would. */
  end(): void {
    this.seam.end();
  }
}
