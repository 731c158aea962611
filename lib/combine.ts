/**
 * Combining many apps' reports into one plan, for the library and for
 * `sctrace combine`: reports are files (read and checked) or documents
 * already in memory; the output is rendered by one of COMBINE_FORMATS.
 */
import { readFileSync } from 'node:fs';
import { discoverFiles } from '../compiler/discover';
import { analyze, type CombinedReport } from '../combine/analyze';
import { combine, CombineError, type Combination } from '../combine/model';
import { parseReport, readReport } from '../combine/read-report';
import { renderHtml } from '../combine/render-html';
import { renderJson } from '../combine/render-json';
import { renderMarkdown } from '../combine/render-markdown';
import { renderText } from '../combine/render-text';
import { CliFailure, describeIoError } from '../cli/failure';

/** `sctrace combine --format`: each renders the analysed combination as text. */
export const COMBINE_FORMATS = { text: renderText, md: renderMarkdown, html: renderHtml, json: renderJson } as const;
export type CombineFormat = keyof typeof COMBINE_FORMATS;

/** A report to combine: a JSON file, folder or glob (`sctrace combine` operands), or a document in memory. */
export type ReportInput = string | object;

export interface CombineOptions {
  format?: CombineFormat;
  /** Combine reports made with different rule sets anyway (refused by default). */
  mixedRuleSets?: boolean;
  /** App label → weight (e.g. installation counts): the plan ranks gaps by the weight of the apps they unblock. */
  weights?: ReadonlyMap<string, number>;
}

/** Reads and combines the reports; throws CliFailure for a bad report or mixed rule sets. */
export function combineReports(inputs: readonly ReportInput[], options: CombineOptions = {}): { report: CombinedReport; text: string } {
  const parts: Combination[] = [];
  try {
    const paths = inputs.filter((input): input is string => typeof input === 'string');
    if (paths.length > 0) {
      const found = discoverFiles(paths, '.json');
      if (found.errors.length > 0) throw new CliFailure(found.errors.join('\n'));
      for (const file of found.files) parts.push(parseReport(readReportFile(file), file));
    }
    inputs.forEach((input, i) => {
      if (typeof input !== 'string') parts.push(readReport(input, `report ${i + 1}`));
    });
  } catch (err) {
    if (err instanceof CombineError) throw new CliFailure(err.message);
    throw err;
  }
  const combination = combine(parts);
  const report = analyze(combination, options.weights ?? null);
  if (options.mixedRuleSets !== true) checkRuleSets(combination, report);
  return { report, text: COMBINE_FORMATS[options.format ?? 'text'](report) };
}

function readReportFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read report ${file}: ${describeIoError(err)}`);
  }
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
