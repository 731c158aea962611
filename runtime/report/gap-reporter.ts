/**
 * The reporter for everything that answers "where are the gaps": reasons
 * under unsupported lines (`--explain`), `--summary`, `--coverage`,
 * `--format json|jsonl` and `--suggest-scml`. It wraps the plain text
 * reporter (dropped for JSON formats) and computes each unsupported call's
 * reason once, only when some output needs it.
 */
import { explain } from '../explain/explain';
import { kernelNote, kernelNoteMessage } from '../explain/kernel-note';
import { kernelCall } from '../match/kernel-call';
import { reasonMessage, type Reason } from '../explain/reason';
import type { CallRecord, Problem } from '../record';
import { coverageText } from './coverage-text';
import { GapTally } from './gap-tally';
import { jsonDocument, type JsonDocument } from './json-document';
import { OUTPUT_FORMATS, OUTPUT_FORMAT_NAMES, type FormatWriter, type OutputFormat, type OutputFormatSpec } from './output-formats';
import type { ReportContext, Reporter } from './reporter';
import { describeRuleSet, rulePlace, ruleSetLine, ruleSourceLine } from './rule-set';
import { logArchText } from './log-arch';
import { summaryText, totalsOf } from './summary-text';
import { ScmlSuggester, type SuggestedCall } from './suggest/suggester';
import type { CallView } from '../abi';

export { OUTPUT_FORMATS, OUTPUT_FORMAT_NAMES, type OutputFormat };

export interface GapOptions {
  format: OutputFormat;
  /** Text format: a reason line under each unsupported line. */
  explain: boolean;
  /** After the run, on stderr: gaps by syscall and reason, then totals. */
  summary: boolean;
  /** After the run, on stderr (text format): calls per rule, unused rules. Always in JSON. */
  coverage: boolean;
  /** Suggested SCML, handed over after the run with the count of unsupported calls it covers (the caller writes it). */
  onSuggestions?: ((scml: string, unsupported: number) => void) | null;
  /** The app's name in the JSON report (`--label`, or the log's file name). */
  label: string;
  /** Called with the JSON document after the run (`--html` renders it), whatever the format. */
  onDocument?: ((document: JsonDocument) => void) | null;
  /** Called with every call's verdict and, for an unsupported call, its reason (the library's per-call verdicts). */
  onCall?: ((record: CallRecord, ruleId: number, reason: Reason | null) => void) | null;
  /** Lines read in all, when the caller knows; otherwise counted from line numbers seen. */
  lineCount?: () => number | null;
}

/** True when the options ask for more than the plain text output. */
export function wantsGapReporter(options: GapOptions): boolean {
  return (
    !OUTPUT_FORMATS[options.format].text ||
    options.explain ||
    options.summary ||
    options.coverage ||
    (options.onSuggestions ?? null) !== null ||
    (options.onDocument ?? null) !== null ||
    (options.onCall ?? null) !== null
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

/** The call as judged (its kernel view), with the line and text of the record it came from. */
function judgedRecord(view: CallView, record: CallRecord): SuggestedCall {
  return { name: view.name, unprinted: view.unprinted, argCount: () => view.argCount(), arg: (i) => view.arg(i), line: record.line, text: record.text };
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
  const place = rulePlace(ruleSet);
  const placeText = (file: string, line: number): string => place(file, line).text;
  const mode = { asPrinted: ctx.asPrinted === true };
  const format: OutputFormatSpec = OUTPUT_FORMATS[options.format];
  const writer: FormatWriter = format.create(ir, stdout);
  const plain = format.text ? text : null;
  const tally = new GapTally(ir, mode.asPrinted);
  const lines = new LineCounter();
  const onSuggestions = options.onSuggestions ?? null;
  const suggester = onSuggestions === null ? null : new ScmlSuggester(ir);
  const explainLines = format.text && options.explain;
  const onDocument = options.onDocument ?? null;
  const onCall = options.onCall ?? null;
  const needReason = explainLines || options.summary || format.needsReasons || suggester !== null || onDocument !== null || onCall !== null;
  const lineTotal = (): number => options.lineCount?.() ?? lines.total;
  // Whether the kernel view decided a supported call: said by --explain and counted by --summary.
  const needNote = !mode.asPrinted && format.text && (explainLines || options.summary);

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
          if (explainLines) stderr.write(`    line ${record.line}: ${kernelNoteMessage(record.name, note, placeText)}\n`);
        }
      }
      if (ruleId < 0 && needReason) {
        // What the matcher judged: the kernel's view of the call (a 32-bit name as its x86_64 counterpart, ...).
        const view = mode.asPrinted ? record : kernelCall(record);
        reason = explain(ir, view, mode) ?? unexplained(record);
        if (explainLines) stderr.write(`    ${reasonMessage(reason, placeText)}\n`);
        suggester?.add(view === record ? record : judgedRecord(view, record), reason);
      }
      tally.call(record, ruleId, reason);
      writer.call?.(record, ruleId, reason);
      onCall?.(record, ruleId, reason);
    },
    unreadable(problem: Problem): void {
      plain?.unreadable(problem);
      lines.problem(problem.line);
      tally.unreadableLine(problem);
      writer.unreadable?.(problem);
    },
    notice(message: string): void {
      plain?.notice(message);
      tally.notice(message);
      writer.notice?.(message);
    },
    finish(): void {
      plain?.finish();
      const document = format.needsDocument || onDocument !== null ? jsonDocument(tally, ruleSet, lineTotal(), options.label) : null;
      const log = tally.arch.result();
      writer.finish?.({ document, totals: totalsOf(tally, lineTotal()), ruleSet, log });
      if (document !== null) onDocument?.(document);
      const coverage = options.coverage && format.text;
      // What was checked (the log's architecture) and against what, said once before the texts that count rules.
      if (coverage || options.summary) stderr.write('\n' + logArchText(log) + ruleSetLine(ruleSet) + ruleSourceLine(ruleSet));
      if (coverage) stderr.write(coverageText(tally));
      if (options.summary) stderr.write(summaryText(tally, lineTotal(), placeText));
      if (suggester !== null) onSuggestions?.(suggester.text(), tally.unsupported);
    },
  };
}
