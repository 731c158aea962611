/**
 * Which reporter a run uses, from its options. The one place where output
 * formats are chosen; a new format adds a branch here.
 */
import { createTextReporter } from '../runtime/output/text-reporter';
import type { ReportContext, Reporter } from '../runtime/report/reporter';
import type { SctraceOptions } from './sctrace-options';

export function createReporter(options: SctraceOptions, ctx: ReportContext): Reporter {
  return createTextReporter(ctx, { quiet: options.quiet });
}
