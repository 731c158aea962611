/**
 * What the strace reader hands on: call records and problems. The reader
 * (runtime/reader/) produces them; classification and reporting consume them.
 */
import type { CallView } from './abi';

/** One traced call (for an unfinished/resumed pair: the joined call). */
export interface CallRecord extends CallView {
  /** Pid from the line prefix or from a `-ff` file suffix; null when the log has none. */
  readonly pid: number | null;
  /**
   * The call as to print: the line without its line ending (pid prefix and
   * any timestamps kept); for a joined pair, the joined call. One char per
   * byte (latin1), so writing it back as latin1 reproduces the input bytes.
   */
  readonly text: string;
  /** 1-based number of the line the call starts on. */
  readonly line: number;
  /** 1-based number of the line it ends on (the resumed line; equals `line` for a single line). */
  readonly endLine: number;
  /** Everything after ` = ` (`0`, `-1 ENOENT (No such file or directory)`, `?`), without `-T` duration. */
  readonly result: string;
  /**
   * True for a call strace never finished printing (left `<unfinished ...>`
   * and never resumed, or cut at the end of the log): no result, and the
   * arguments not printed yet are unprinted (CallView.unprinted).
   * Absent for every other call.
   */
  readonly incomplete?: boolean;
  /**
   * True when the line (for a joined pair: its last line) ended in `\r\n`
   * instead of `\n`. `text` never holds a line end; the text output writes
   * the line back with this end, so a CRLF log is echoed byte for byte.
   */
  readonly crlf?: boolean;
}

/** A line (or pending call) the reader could not turn into a record. Reading goes on. */
export interface Problem {
  /** 1-based line number. */
  readonly line: number;
  /** The offending line as printed (latin1). */
  readonly text: string;
  /** What is wrong, e.g. `resumed call without a start`. */
  readonly message: string;
  /** True when the line ended in `\r\n` (CallRecord.crlf); absent otherwise. */
  readonly crlf?: boolean;
}

/** Where the reader sends what it finds, synchronously, in input order. */
export interface ReaderSink {
  call(record: CallRecord): void;
  unreadable(problem: Problem): void;
  /** Something worth saying once about the whole log (e.g. `-X raw`: flag rules cannot be checked). */
  notice(message: string): void;
}
