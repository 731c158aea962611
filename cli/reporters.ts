/**
 * Which reporter a run uses, from its options. Output formats come from one
 * registry (runtime/report/output-formats.ts); the files a run writes after
 * it ends (--suggest-scml, --html) are written here, through output-files.ts.
 */
import type * as Analyze from '../combine/analyze';
import type * as ReadReport from '../combine/read-report';
import type * as RenderHtml from '../combine/render-html';
import type { ProbeRow } from '../combine/render-html';
import type { JsonDocument } from '../runtime/report/json-document';
import { utf8Values } from '../runtime/report/json-text';
import { createTextReporter } from '../runtime/output/text-reporter';
import { createGapReporter, wantsGapReporter, type GapOptions } from '../runtime/report/gap-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import { writeOutputFile, type OutputFile } from './output-files';
import type { SctraceOptions } from './sctrace-options';

/** The files a run writes after it ends, for checking before it starts. */
export function runOutputFiles(options: SctraceOptions): OutputFile[] {
  const files: OutputFile[] = [];
  if (options.suggestScml !== null) files.push({ path: options.suggestScml, what: 'suggested SCML' });
  if (options.html !== null) files.push({ path: options.html, what: 'the HTML page' });
  return files;
}

/**
 * `--html FILE`: the page of `sctrace combine --format html`, for this one
 * app, from the document itself; `probe`: the rows of `sctrace probe`'s
 * table, when probing.
 */
export function renderAppPage(document: JsonDocument, file: string, probe: { note: string; rows: ProbeRow[] } | null = null): string {
  // Required only when a page is asked for, so that other runs do not load combine/.
  const { analyze } = require('../combine/analyze') as typeof Analyze;
  const { readReport } = require('../combine/read-report') as typeof ReadReport;
  const { renderHtml } = require('../combine/render-html') as typeof RenderHtml;
  // Log text is bytes (latin1): shown as UTF-8 text where it is valid, as in the JSON output.
  return renderHtml(analyze(readReport(utf8Values(document), file)), probe);
}

/** `lineCount`: lines read in all logs (or printed by strace, online), or null until known. */
export function createReporter(options: SctraceOptions, ctx: ReportContext, lineCount?: () => number | null): Reporter {
  const text = createTextReporter(ctx, { quiet: options.quiet });
  const suggest = options.suggestScml === null ? null : { path: options.suggestScml, what: 'suggested SCML' };
  const html = options.html === null ? null : { path: options.html, what: 'the HTML page' };
  const gaps: GapOptions = {
    ...options.gaps,
    lineCount,
    onSuggestions:
      suggest === null
        ? null
        : (scml, unsupported) => {
            writeOutputFile(suggest, scml);
            ctx.stderr.write(`sctrace: suggested SCML for ${unsupported} unsupported calls written to ${suggest.path}\n`);
          },
    onDocument: html === null ? null : (document) => writeOutputFile(html, renderAppPage(document, html.path)),
  };
  return wantsGapReporter(gaps) ? createGapReporter(ctx, gaps, text) : text;
}
