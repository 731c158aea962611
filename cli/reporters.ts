/**
 * Which reporter a run uses, from its options. The one place where output
 * formats are chosen; a new format adds a branch here.
 */
import { closeSync, openSync } from 'node:fs';
import { createTextReporter } from '../runtime/output/text-reporter';
import { createGapReporter, wantsGapReporter } from '../runtime/report/gap-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import { CliFailure, describeIoError } from './failure';
import type { SctraceOptions } from './sctrace-options';

/** Fail before any output when the --suggest-scml file cannot be written (it is written after the run). */
function checkWritable(path: string): void {
  try {
    closeSync(openSync(path, 'a'));
  } catch (err) {
    throw new CliFailure(`cannot write suggested SCML to ${path}: ${describeIoError(err)}`);
  }
}

/** `lineCount`: lines read in all logs (or printed by strace, online), or null until known. */
export function createReporter(options: SctraceOptions, ctx: ReportContext, lineCount?: () => number | null): Reporter {
  const text = createTextReporter(ctx, { quiet: options.quiet });
  if (options.gaps.suggestScml !== null) checkWritable(options.gaps.suggestScml);
  return wantsGapReporter(options.gaps) ? createGapReporter(ctx, { ...options.gaps, lineCount }, text) : text;
}
