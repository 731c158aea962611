/**
 * Reads one run's strace log against the rules: the app's JSON report (for
 * the baseline), and per call what a rerun needs to be planned and checked:
 * its place among its thread's calls of the same syscall (strace's `when=`
 * counts per thread and per syscall), the gaps the rules refuse it for, and
 * whether strace injected a fault into it.
 */
import { readFileSync } from 'node:fs';
import type { MatcherModule } from '../runtime/abi';
import { createClassifier } from '../runtime/classify';
import { matcherFor } from '../runtime/match/kernel-call';
import { explain } from '../runtime/explain/explain';
import { StraceReader } from '../runtime/reader/index';
import type { CallRecord } from '../runtime/record';
import { gapId, gapsOfReason } from '../runtime/report/app-gaps';
import { createGapReporter } from '../runtime/report/gap-reporter';
import type { JsonDocument } from '../runtime/report/json-document';
import type { Reporter, TextSink } from '../runtime/report/reporter';

export interface ObservedCall {
  name: string;
  /** The thread (strace's pid column); 0 when the log has none. */
  pid: number;
  /** 1-based: this is the thread's n-th call of `name`, as strace's `when=` counts. */
  ordinal: number;
  /** Ids of the gaps the rules refuse it for; empty when supported. */
  gaps: string[];
  /** strace injected a fault or a return value into it (`(INJECTED)`). */
  injected: boolean;
  line: number;
  text: string;
}

export interface Observation {
  document: JsonDocument;
  calls: ObservedCall[];
}

const SILENT: TextSink = { write() {}, flush() {}, color: false };
const NOTHING: Reporter = { call() {}, unreadable() {}, notice() {}, finish() {} };

export interface ObserveOptions {
  /** Whether strace or a filter refused this call; default: strace marked it `(INJECTED)`. */
  refused?: (record: CallRecord) => boolean;
  /** Calls up to the first one this is true of (included) are a launcher's, not the program's: skipped. */
  launcherEnd?: (record: CallRecord) => boolean;
}

const INJECTED = (record: CallRecord): boolean => record.result.endsWith('(INJECTED)');

/** `log`: the file strace wrote; `label`: the app's name in the report. */
export function observe(matcher: MatcherModule, log: string, label: string, options: ObserveOptions = {}): Observation {
  const refused = options.refused ?? INJECTED;
  let inLauncher = options.launcherEnd !== undefined;
  let document: JsonDocument | null = null;
  const gaps = createGapReporter(
    { ir: matcher.ir, target: matcher.target ?? null, stdout: SILENT, stderr: SILENT },
    { format: 'text', explain: false, summary: false, coverage: false, label, onDocument: (d) => (document = d) },
    NOTHING,
  );
  const calls: ObservedCall[] = [];
  const counts = new Map<string, number>();
  const recording: Reporter = {
    call(record: CallRecord, ruleId: number) {
      gaps.call(record, ruleId);
      const pid = record.pid ?? 0;
      const key = `${pid} ${record.name}`;
      const ordinal = (counts.get(key) ?? 0) + 1;
      counts.set(key, ordinal);
      const reason = ruleId < 0 ? explain(matcher.ir, record) : null;
      calls.push({
        name: record.name,
        pid,
        ordinal,
        gaps: reason === null ? [] : gapsOfReason(reason).map(gapId),
        injected: refused(record),
        line: record.line,
        text: record.text,
      });
    },
    unreadable: (problem) => gaps.unreadable(problem),
    notice: (message) => gaps.notice(message),
    finish: () => gaps.finish(),
  };
  // Judged as sctrace judges by default: what the kernel saw.
  const classifier = createClassifier(matcherFor(matcher, false), recording);
  const reader = new StraceReader(
    {
      call(record) {
        if (!inLauncher) classifier.call(record);
        else if (options.launcherEnd?.(record) === true) inLauncher = false;
      },
      unreadable: (problem) => classifier.unreadable(problem),
      notice: (message) => classifier.notice(message),
    },
    { incomplete: true },
  );
  reader.push(readFileSync(log));
  reader.end();
  recording.finish();
  if (document === null) throw new Error('internal: no report for the run');
  return { document, calls };
}
