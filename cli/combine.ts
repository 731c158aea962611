/**
 * `sctrace combine <report>...`: many apps' JSON reports → one priority
 * table, plan and per-app view, as text, Markdown, HTML or JSON. The work
 * is the library's (lib/combine.ts); this file reads the command line,
 * checks the output file first, and writes the output.
 */
import arg from 'arg';
import { readFileSync } from 'node:fs';
import { parseWeights, WeightsError } from '../combine/weights';
import { COMBINE_FORMATS, combineReports, type CombineFormat } from '../lib/combine';
import { CliFailure, describeIoError } from './failure';
import { UsageError } from './sctrace-options';
import { argError } from './arg-error';
import { checkOutputFiles, writeOutputFile, type OutputFile } from './output-files';

export { COMBINE_FORMATS, type CombineFormat };

export const SPEC = {
  '--format': String,
  '--output': String,
  '--mixed-rule-sets': Boolean,
  '--weights': String,
  '--help': Boolean,
  '-o': '--output',
  '-h': '--help',
} satisfies arg.Spec;

export interface CombineOptions {
  reports: string[];
  format: CombineFormat;
  output: string | null;
  mixedRuleSets: boolean;
  /** `--weights FILE`: app label and weight per line. */
  weights: string | null;
}

/** A mistake in how `sctrace combine` was called: exit status 2, pointing to `sctrace combine --help`. */
export class CombineUsageError extends UsageError {
  override name = 'CombineUsageError';
  override readonly help = 'sctrace combine --help';
}

export function parseCombineArgs(argv: string[]): { kind: 'help' } | { kind: 'run'; options: CombineOptions } {
  let parsed: arg.Result<typeof SPEC>;
  try {
    parsed = arg(SPEC, { argv });
  } catch (err) {
    throw argError(err, Object.keys(SPEC), CombineUsageError);
  }
  if (parsed['--help']) return { kind: 'help' };
  const format = parsed['--format'] ?? 'text';
  if (!Object.hasOwn(COMBINE_FORMATS, format)) {
    throw new CombineUsageError(`--format must be one of ${Object.keys(COMBINE_FORMATS).join(', ')}`);
  }
  if (parsed._.length === 0) throw new CombineUsageError('combine: no reports given (JSON files, folders or globs)');
  return {
    kind: 'run',
    options: {
      reports: parsed._,
      format: format as CombineFormat,
      output: parsed['--output'] ?? null,
      mixedRuleSets: parsed['--mixed-rule-sets'] ?? false,
      weights: parsed['--weights'] ?? null,
    },
  };
}

/** Reads, combines, renders (lib/combine.ts). Returns the output text. */
export function runCombine(options: CombineOptions): string {
  const output = outputFile(options);
  if (output !== null) checkOutputFiles([output]);
  const weights = options.weights === null ? undefined : readWeights(options.weights);
  return combineReports(options.reports, { format: options.format, mixedRuleSets: options.mixedRuleSets, weights }).text;
}

/** `--weights FILE`, read and checked; a bad line is named with its number. */
function readWeights(file: string): Map<string, number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read weights ${file}: ${describeIoError(err)}`);
  }
  try {
    return parseWeights(text);
  } catch (err) {
    if (err instanceof WeightsError) throw new CliFailure(`${file}:${err.line}: ${err.message}`);
    throw err;
  }
}

function outputFile(options: CombineOptions): OutputFile | null {
  return options.output === null ? null : { path: options.output, what: 'the combined report' };
}

/** Writes the output: to stdout, or to -o FILE. */
export function writeCombined(options: CombineOptions, text: string, stdout: { write(text: string): void }): void {
  const output = outputFile(options);
  if (output === null) stdout.write(text);
  else writeOutputFile(output, text);
}
