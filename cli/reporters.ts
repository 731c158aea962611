/**
 * Which reporter a run uses, from its options. The one place where output
 * formats are chosen; a new format adds a branch here.
 */
import { createTextReporter } from '../runtime/output/text-reporter';
import { createGapReporter, wantsGapReporter } from '../runtime/report/gap-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import type { SctraceOptions } from './sctrace-options';

/** `lineCount`: lines read so far in all logs, or null when unknown (online). */
export function createReporter(options: SctraceOptions, ctx: ReportContext, lineCount?: () => number | null): Reporter {
  const text = createTextReporter(ctx, { quiet: options.quiet });
  return wantsGapReporter(options.gaps) ? createGapReporter(ctx, { ...options.gaps, lineCount }, text) : text;
}
