/**
 * Which reporter a run uses, from its options. The one place where output
 * formats are chosen; a new format adds a branch here.
 */
import type * as Analyze from '../combine/analyze';
import type * as ReadReport from '../combine/read-report';
import type * as RenderHtml from '../combine/render-html';
import type { JsonDocument } from '../runtime/report/json-document';
import { utf8Strings } from '../runtime/report/json-text';
import { createTextReporter } from '../runtime/output/text-reporter';
import { createGapReporter, wantsGapReporter } from '../runtime/report/gap-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import { CliFailure, describeIoError } from './failure';
import type { SctraceOptions } from './sctrace-options';
import { checkWritable as checkOutputFile, writeAtomically } from './write-atomically';

/** Fail before any output when a file written after the run (--suggest-scml, --html) cannot be written. */
function checkWritable(path: string, what: string): void {
  try {
    checkOutputFile(path);
  } catch (err) {
    throw new CliFailure(`cannot write ${what} to ${path}: ${describeIoError(err)}`);
  }
}

/** Write an output file with the one safe writer (write-atomically.ts); a failure is one clear line, exit 1. */
function writeOutput(path: string, text: string, what: string): void {
  try {
    writeAtomically(path, text);
  } catch (err) {
    throw new CliFailure(`cannot write ${what} to ${path}: ${describeIoError(err)}`);
  }
}

/** `--html FILE`: the page of `sctrace combine --format html`, for this one app. */
function htmlWriter(file: string): (document: JsonDocument) => void {
  return (document) => {
    // Required only when a page is asked for, so that other runs do not load combine/.
    const { analyze } = require('../combine/analyze') as typeof Analyze;
    const { parseReport } = require('../combine/read-report') as typeof ReadReport;
    const { renderHtml } = require('../combine/render-html') as typeof RenderHtml;
    // Log text is bytes (latin1): shown as UTF-8 text where it is valid, as in the JSON output.
    const report = analyze(parseReport(JSON.stringify(document, utf8Strings), file));
    writeOutput(file, renderHtml(report), 'the HTML page');
  };
}

/** `lineCount`: lines read in all logs (or printed by strace, online), or null until known. */
export function createReporter(options: SctraceOptions, ctx: ReportContext, lineCount?: () => number | null): Reporter {
  const text = createTextReporter(ctx, { quiet: options.quiet });
  if (options.gaps.suggestScml !== null) checkWritable(options.gaps.suggestScml, 'suggested SCML');
  if (options.html !== null) checkWritable(options.html, 'the HTML page');
  const gaps = {
    ...options.gaps,
    lineCount,
    onDocument: options.html === null ? null : htmlWriter(options.html),
    writeFile: (file: string, text: string) => writeOutput(file, text, 'suggested SCML'),
  };
  return wantsGapReporter(gaps) ? createGapReporter(ctx, gaps, text) : text;
}
