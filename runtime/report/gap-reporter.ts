/**
 * The reporter for everything that answers "where are the gaps": reasons
 * under unsupported lines (`--explain`), `--summary`, `--coverage`,
 * `--format json|jsonl` and `--suggest-scml`. It wraps the plain text
 * reporter (dropped for JSON formats) and computes each unsupported call's
 * reason once, only when some output needs it.
 */
import { writeFileSync } from 'node:fs';
import { explain } from '../explain/explain';
import { kernelNote, kernelNoteMessage } from '../explain/kernel-note';
import { reasonMessage, type Reason } from '../explain/reason';
import type { CallRecord, Problem } from '../record';
import { coverageText } from './coverage-text';
import { GapTally, percent } from './gap-tally';
import { jsonDocument, type JsonDocument } from './json-document';
import { jsonlCall, jsonlTotals, jsonlUnreadable } from './jsonl-record';
import { jsonForSink } from './json-text';
import type { ReportContext, Reporter } from './reporter';
import { describeRuleSet, ruleSetLine } from './rule-set';
import { summaryText, totalsOf } from './summary-text';
import { ScmlSuggester } from './suggest/suggester';

export type OutputFormat = 'text' | 'json' | 'jsonl';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'jsonl'];

export interface GapOptions {
  format: OutputFormat;
  /** Text format: a reason line under each unsupported line. */
  explain: boolean;
  /** After the run, on stderr: gaps by syscall and reason, then totals. */
  summary: boolean;
  /** After the run, on stderr (text format): calls per rule, unused rules. Always in JSON. */
  coverage: boolean;
  /** Write suggested SCML to this file after the run. */
  suggestScml: string | null;
  /** The app's name in the JSON report (`--label`, or the log's file name). */
  label: string;
  /** Called with the JSON document after the run (`--html` renders it), whatever the format. */
  onDocument?: ((document: JsonDocument) => void) | null;
  /** Lines read in all, when the caller knows; otherwise counted from line numbers seen. */
  lineCount?: () => number | null;
  /** Writes an output file (--suggest-scml): the CLI's safe writer; default: a plain write. */
  writeFile?: (file: string, text: string) => void;
}

/** True when the options ask for more than the plain text output. */
export function wantsGapReporter(options: GapOptions): boolean {
  return (
    options.format !== 'text' ||
    options.explain ||
    options.summary ||
    options.coverage ||
    options.suggestScml !== null ||
    (options.onDocument ?? null) !== null
  );
}

/** When explain() and the matcher disagree (a bug), still say something. */
function unexplained(record: CallRecord): Reason {
  return {
    kind: 'kind-mismatch',
    syscall: record.name,
    path: '',
    values: [],
    detail: 'no reason found (the matcher and explain disagree; please report)',
    rule: null,
  };
}

/**
 * Counts lines over several logs read one after another: line numbers start
 * again at 1 in each log, and calls arrive in order of their last line.
 */
class LineCounter {
  private done = 0;
  private current = 0;

  call(endLine: number): void {
    if (endLine < this.current) {
      this.done += this.current;
      this.current = 0;
    }
    this.current = Math.max(this.current, endLine);
  }

  problem(line: number): void {
    this.current = Math.max(this.current, line);
  }

  get total(): number {
    return this.done + this.current;
  }
}

export function createGapReporter(ctx: ReportContext, options: GapOptions, text: Reporter): Reporter {
  const { ir, stdout, stderr } = ctx;
  const ruleSet = describeRuleSet(ir, ctx.target);
  const mode = { asPrinted: ctx.asPrinted === true };
  const plain = options.format === 'text' ? text : null;
  const tally = new GapTally(ir);
  const lines = new LineCounter();
  const suggester = options.suggestScml === null ? null : new ScmlSuggester(ir);
  const explainLines = options.format === 'text' && options.explain;
  const onDocument = options.onDocument ?? null;
  const needReason =
    explainLines || options.summary || options.format !== 'text' || suggester !== null || onDocument !== null;
  const lineTotal = (): number => options.lineCount?.() ?? lines.total;
  // Whether the kernel view decided a supported call: said by --explain and counted by --summary.
  const needNote = !mode.asPrinted && options.format === 'text' && (explainLines || options.summary);

  return {
    call(record: CallRecord, ruleId: number): void {
      plain?.call(record, ruleId);
      lines.call(record.endLine);
      let reason: Reason | null = null;
      if (ruleId >= 0 && needNote) {
        const note = kernelNote(ir, record);
        if (note !== null) {
          tally.kernelViewDecided++;
          // On stderr with the line number: stdout stays exactly the supported lines.
          if (explainLines) stderr.write(`    line ${record.line}: ${kernelNoteMessage(record.name, note)}\n`);
        }
      }
      if (ruleId < 0 && needReason) {
        reason = explain(ir, record, mode) ?? unexplained(record);
        if (explainLines) stderr.write(`    ${reasonMessage(reason)}\n`);
        suggester?.add(record, reason);
      }
      tally.call(record, ruleId, reason);
      if (options.format === 'jsonl') stdout.write(jsonForSink(jsonlCall(ir, record, ruleId, reason)) + '\n');
    },
    unreadable(problem: Problem): void {
      plain?.unreadable(problem);
      lines.problem(problem.line);
      tally.unreadableLine(problem);
      if (options.format === 'jsonl') stdout.write(jsonForSink(jsonlUnreadable(problem)) + '\n');
    },
    notice(message: string): void {
      plain?.notice(message);
      tally.notice(message);
      if (options.format === 'jsonl') stdout.write(jsonForSink({ type: 'notice', message }) + '\n');
    },
    finish(): void {
      plain?.finish();
      const document = options.format === 'json' || onDocument !== null ? jsonDocument(tally, ruleSet, lineTotal(), options.label) : null;
      if (options.format === 'json') stdout.write(jsonForSink(document, 2) + '\n');
      if (document !== null) onDocument?.(document);
      if (options.format === 'jsonl') {
        const totals = totalsOf(tally, lineTotal());
        stdout.write(jsonForSink(jsonlTotals(totals, Number(percent(totals.supported, totals.calls)), ruleSet)) + '\n');
      }
      const coverage = options.coverage && options.format === 'text';
      // What was checked against, said once before the texts that count rules.
      if (coverage || options.summary) stderr.write('\n' + ruleSetLine(ruleSet));
      if (coverage) stderr.write(coverageText(tally));
      if (options.summary) stderr.write(summaryText(tally, lineTotal()));
      if (suggester !== null && options.suggestScml !== null) {
        (options.writeFile ?? ((file: string, text: string) => writeFileSync(file, text, 'utf8')))(options.suggestScml, suggester.text());
        stderr.write(`sctrace: suggested SCML for ${tally.unsupported} unsupported calls written to ${options.suggestScml}\n`);
      }
    },
  };
}
