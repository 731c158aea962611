/**
 * `sctrace combine --format json`: the combination's data (what is read back
 * when this output is combined again: ruleSets, apps, gaps with rules and
 * example, apps' tolerated gaps) plus everything derived (totals, apps blocked
 * and apps tolerating per gap, the plan).
 */
import type { CombinedReport } from './analyze';
import { COMBINED_KIND, COMBINED_SCHEMA } from './read-report';

/** The `$id` of runtime/report/schema/combined.schema.json (exported by the package as `sctrace/schema/...`). */
export const COMBINED_SCHEMA_ID = 'sctrace/schema/combined.schema.json';

export function renderJson(report: CombinedReport): string {
  const { combination } = report;
  const document = {
    $schema: COMBINED_SCHEMA_ID,
    kind: COMBINED_KIND,
    schema: COMBINED_SCHEMA,
    ruleSet: report.mixed || report.ruleSets.length !== 1 ? null : report.ruleSets[0],
    ruleSets: report.ruleSets,
    totals: report.totals,
    apps: combination.apps.map((app, i) => ({ ...app, blocked: report.apps[i].blocked })),
    // Gaps that block no app (every app tolerates them) come last, with apps 0: read back, they are data too.
    gaps: [...report.gaps, ...report.toleratedGaps].map((row) => ({
      id: row.id,
      title: row.title,
      syscall: row.gap.syscall,
      kind: row.gap.kind,
      path: row.gap.path,
      value: row.gap.value,
      apps: row.apps,
      ...(report.probed ? { tolerating: row.tolerating } : {}),
      calls: row.calls,
      rules: row.rules,
      example: row.gap.example,
    })),
    plan: report.plan.map((s) => ({ step: s.step, gap: s.gap.id, unblocks: s.unblocks, supportedApps: s.supportedApps, ...(s.supportedWeight === undefined ? {} : { supportedWeight: s.supportedWeight }) })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}
