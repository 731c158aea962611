/**
 * The reporting seam: classification calls a Reporter for everything it sees;
 * each output format (text, --quiet, --explain, --summary, JSON, JSONL,
 * coverage, suggested SCML) is a Reporter or a part of one.
 */
import type { MatcherTarget } from '../abi';
import type { IR } from '../ir';
import type { CallRecord, Problem } from '../record';

/** A buffered text stream (stdout or stderr). Strings are latin1: one char per byte. */
export interface TextSink {
  write(text: string): void;
  /** Push everything buffered to the underlying stream. */
  flush(): void;
  /** True when colour may be used on this stream (a terminal, NO_COLOR/FORCE_COLOR honoured). */
  readonly color: boolean;
}

export interface ReportContext {
  /** The rules in force (from the matcher module's `ir`). */
  ir: IR;
  /** The module's target stamp, when it has one: reports name the OS instead of the files. */
  target?: MatcherTarget | null;
  stdout: TextSink;
  stderr: TextSink;
  /** True with `--as-printed`: arguments are read exactly as strace printed them (docs/behaviour.md section 5). */
  asPrinted?: boolean;
}

export interface Reporter {
  /**
   * True when call() does nothing for a supported call (plain `--quiet`).
   * A parallel run then does not send supported calls to the main thread at
   * all. Leave it unset unless that is certain: it only saves time.
   */
  readonly skipsSupported?: boolean;
  /** `ruleId`: id of the first rule the call matched, or -1 when unsupported. */
  call(record: CallRecord, ruleId: number): void;
  unreadable(problem: Problem): void;
  notice(message: string): void;
  /** End of input: write whatever comes after the run (summaries, JSON). */
  finish(): void;
}
