/**
 * The classification loop: every call record from the reader goes through
 * the matcher module and on to the reporter. Kept tiny: it runs once per
 * traced call.
 */
import type { MatcherModule } from './abi';
import type { CallRecord, Problem, ReaderSink } from './record';
import type { Reporter } from './report/reporter';

export interface Classifier extends ReaderSink {
  /** A call that was matched elsewhere (a worker thread): count it and report it. */
  verdict(record: CallRecord, ruleId: number): void;
  /** Supported calls matched elsewhere and not handed over, because the reporter skips them (Reporter.skipsSupported). */
  supportedUnseen(count: number): void;
  /** Calls seen so far. */
  readonly callCount: number;
  /** Calls that matched no rule. */
  readonly unsupportedCount: number;
  /** Lines the reader could not read. */
  readonly unreadableCount: number;
}

export function createClassifier(matcher: Pick<MatcherModule, 'match'>, reporter: Reporter): Classifier {
  let calls = 0;
  let unsupported = 0;
  let unreadable = 0;
  const verdict = (record: CallRecord, ruleId: number): void => {
    calls++;
    if (ruleId < 0) unsupported++;
    reporter.call(record, ruleId);
  };
  return {
    call(record: CallRecord): void {
      verdict(record, matcher.match(record));
    },
    verdict,
    supportedUnseen(count: number): void {
      calls += count;
    },
    unreadable(problem: Problem): void {
      unreadable++;
      reporter.unreadable(problem);
    },
    notice(message: string): void {
      reporter.notice(message);
    },
    get callCount() {
      return calls;
    },
    get unsupportedCount() {
      return unsupported;
    },
    get unreadableCount() {
      return unreadable;
    },
  };
}
