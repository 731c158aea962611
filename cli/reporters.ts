/**
 * Which reporter a run uses, from its options. The one place where output
 * formats are chosen; a new format adds a branch here.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import type * as Analyze from '../combine/analyze';
import type * as ReadReport from '../combine/read-report';
import type * as RenderHtml from '../combine/render-html';
import type { ProbeRow } from '../combine/render-html';
import type { JsonDocument } from '../runtime/report/json-document';
import { createTextReporter } from '../runtime/output/text-reporter';
import { createGapReporter, wantsGapReporter } from '../runtime/report/gap-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import { CliFailure, describeIoError } from './failure';
import type { SctraceOptions } from './sctrace-options';

/** Fail before any output when a file written after the run (--suggest-scml, --html) cannot be written. */
function checkWritable(path: string, what: string): void {
  try {
    closeSync(openSync(path, 'a'));
  } catch (err) {
    throw new CliFailure(`cannot write ${what} to ${path}: ${describeIoError(err)}`);
  }
}

/**
 * `--html FILE`: the page of `sctrace combine --format html`, for this one
 * app; `probe`: the rows of `sctrace probe`'s table, when probing.
 */
export function htmlWriter(file: string, probe: ((document: JsonDocument) => { note: string; rows: ProbeRow[] }) | null = null): (document: JsonDocument) => void {
  return (document) => {
    // Required only when a page is asked for, so that other runs do not load combine/.
    const { analyze } = require('../combine/analyze') as typeof Analyze;
    const { parseReport } = require('../combine/read-report') as typeof ReadReport;
    const { renderHtml } = require('../combine/render-html') as typeof RenderHtml;
    const report = analyze(parseReport(JSON.stringify(document), file));
    writeFileSync(file, renderHtml(report, probe === null ? null : probe(document)), 'utf8');
  };
}

/** `lineCount`: lines read in all logs (or printed by strace, online), or null until known. */
export function createReporter(options: SctraceOptions, ctx: ReportContext, lineCount?: () => number | null): Reporter {
  const text = createTextReporter(ctx, { quiet: options.quiet });
  if (options.gaps.suggestScml !== null) checkWritable(options.gaps.suggestScml, 'suggested SCML');
  if (options.html !== null) checkWritable(options.html, 'the HTML page');
  const gaps = { ...options.gaps, lineCount, onDocument: options.html === null ? null : htmlWriter(options.html) };
  return wantsGapReporter(gaps) ? createGapReporter(ctx, gaps, text) : text;
}
