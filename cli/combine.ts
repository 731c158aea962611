/**
 * `sctrace combine <report>...`: many apps' JSON reports → one priority
 * table, plan and per-app view, as text, Markdown, HTML or JSON. The data
 * work is in combine/; this file reads the command line and the files,
 * refuses mixed rule sets unless asked, and writes the output.
 */
import { readFileSync } from 'node:fs';
import arg from 'arg';
import { discoverFiles } from '../compiler/discover';
import { analyze } from '../combine/analyze';
import { parseWeights, WeightsError } from '../combine/weights';
import { combine, CombineError, type Combination } from '../combine/model';
import { parseReport } from '../combine/read-report';
import { renderHtml } from '../combine/render-html';
import { renderJson } from '../combine/render-json';
import { renderMarkdown } from '../combine/render-markdown';
import { renderText } from '../combine/render-text';
import type { CombinedReport } from '../combine/analyze';
import { CliFailure, describeIoError } from './failure';
import { UsageError } from './sctrace-options';
import { writeAtomically } from './write-atomically';

export const COMBINE_FORMATS = { text: renderText, md: renderMarkdown, html: renderHtml, json: renderJson } as const;
export type CombineFormat = keyof typeof COMBINE_FORMATS;

const SPEC = {
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

export function parseCombineArgs(argv: string[]): { kind: 'help' } | { kind: 'run'; options: CombineOptions } {
  let parsed: arg.Result<typeof SPEC>;
  try {
    parsed = arg(SPEC, { argv });
  } catch (err) {
    if (err instanceof arg.ArgError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed['--help']) return { kind: 'help' };
  const format = parsed['--format'] ?? 'text';
  if (!Object.hasOwn(COMBINE_FORMATS, format)) {
    throw new UsageError(`--format must be one of ${Object.keys(COMBINE_FORMATS).join(', ')}`);
  }
  if (parsed._.length === 0) throw new UsageError('combine: no reports given (JSON files, folders or globs)');
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

/** Refuses reports made with different rule sets: their gaps and rule lines do not add up. */
function checkRuleSets(combination: Combination, report: CombinedReport): void {
  if (!report.mixed) return;
  const names = new Map(combination.ruleSets.map((r) => [r.id, r.label]));
  const groups = new Map<string, string[]>();
  for (const app of combination.apps) {
    const name = app.ruleSet === null ? 'a rule set the report does not name' : `${names.get(app.ruleSet) ?? '?'} (id ${app.ruleSet.slice(0, 12)})`;
    groups.set(name, [...(groups.get(name) ?? []), app.label]);
  }
  const lines = [...groups].map(([name, apps]) => `  ${name}: ${apps.join(', ')}`);
  throw new CliFailure(
    `the reports were made with ${groups.size} different rule sets; their gaps do not add up:\n${lines.join('\n')}\n` +
      'Check all logs against the same rules, or give --mixed-rule-sets to combine them anyway.',
  );
}

/** Reads, combines, renders. Returns the output text. */
export function runCombine(options: CombineOptions): string {
  const found = discoverFiles(options.reports, '.json');
  if (found.errors.length > 0) throw new CliFailure(found.errors.join('\n'));
  let combination: Combination;
  try {
    const parts = found.files.map((file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliFailure(`cannot read report ${file}: ${describeIoError(err)}`);
      }
      return parseReport(text, file);
    });
    combination = combine(parts);
  } catch (err) {
    if (err instanceof CombineError) throw new CliFailure(err.message);
    throw err;
  }
  const report = analyze(combination, options.weights === null ? null : readWeights(options.weights));
  if (!options.mixedRuleSets) checkRuleSets(combination, report);
  return COMBINE_FORMATS[options.format](report);
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

/** Writes the output: to stdout, or atomically to -o FILE. */
export function writeCombined(options: CombineOptions, text: string, stdout: { write(text: string): void }): void {
  if (options.output === null) {
    stdout.write(text);
    return;
  }
  try {
    writeAtomically(options.output, text);
  } catch (err) {
    throw new CliFailure(`cannot write ${options.output}: ${describeIoError(err)}`);
  }
}
