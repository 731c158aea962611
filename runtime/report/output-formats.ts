/**
 * `sctrace --format`: one registry, as `sctrace combine` has COMBINE_FORMATS.
 * Each format says what it needs from a run (the text reporter's lines, a
 * reason per unsupported call, the document at the end) and writes its own
 * records; the gap reporter (gap-reporter.ts) asks the format instead of
 * testing its name.
 */
import type { Reason } from '../explain/reason';
import type { IR } from '../ir';
import type { CallRecord, Problem } from '../record';
import type { JsonDocument } from './json-document';
import { jsonlCall, jsonlTotals, jsonlUnreadable } from './jsonl-record';
import type { LogArchitecture } from './log-arch';
import { jsonForSink } from './json-text';
import type { TextSink } from './reporter';
import type { RuleSet } from './rule-set';
import type { Totals } from './summary-text';
import { percent } from './gap-tally';

/** What a format writes, as the run goes and at its end. */
export interface FormatWriter {
  call?(record: CallRecord, ruleId: number, reason: Reason | null): void;
  unreadable?(problem: Problem): void;
  notice?(message: string): void;
  /** `document` is the run's JSON document when the format asked for it (needsDocument). */
  finish?(end: { document: JsonDocument | null; totals: Totals; ruleSet: RuleSet; log: LogArchitecture }): void;
}

export interface OutputFormatSpec {
  /** One line for --help. */
  summary: string;
  /** The plain text output (supported lines on stdout, unsupported on stderr) and its --explain, --coverage texts. */
  text: boolean;
  /** A reason for every unsupported call, whatever else is asked. */
  needsReasons: boolean;
  /** The whole run as a JsonDocument at the end. */
  needsDocument: boolean;
  create(ir: IR, stdout: TextSink): FormatWriter;
}

export const OUTPUT_FORMATS = {
  text: {
    summary: "strace's lines as they are; unsupported ones on stderr",
    text: true,
    needsReasons: false,
    needsDocument: false,
    create: () => ({}),
  },
  json: {
    summary: 'one JSON document after the run',
    text: false,
    needsReasons: true,
    needsDocument: true,
    create: (_ir, stdout) => ({
      finish: ({ document }) => stdout.write(jsonForSink(document, 2) + '\n'),
    }),
  },
  jsonl: {
    summary: 'one JSON object per call as it is read, totals last',
    text: false,
    needsReasons: true,
    needsDocument: false,
    create: (ir, stdout) => ({
      call: (record, ruleId, reason) => stdout.write(jsonForSink(jsonlCall(ir, record, ruleId, reason)) + '\n'),
      unreadable: (problem) => stdout.write(jsonForSink(jsonlUnreadable(problem)) + '\n'),
      notice: (message) => stdout.write(jsonForSink({ type: 'notice', message }) + '\n'),
      finish: ({ totals, ruleSet, log }) =>
        stdout.write(jsonForSink(jsonlTotals(totals, Number(percent(totals.supported, totals.calls)), ruleSet, log)) + '\n'),
    }),
  },
} as const satisfies Record<string, OutputFormatSpec>;

export type OutputFormat = keyof typeof OUTPUT_FORMATS;

export const OUTPUT_FORMAT_NAMES = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

export function isOutputFormat(name: string): name is OutputFormat {
  return Object.hasOwn(OUTPUT_FORMATS, name);
}
