/**
 * What every output format says about a Combination: per app, the priority
 * table, the plan and the totals. Pure and deterministic: ties are broken by
 * label or gap id, never by input order.
 */
import { compareText, gapTitle, noRuleToEdit, type RuleCalls } from '../runtime/report/app-gaps';
import { plural } from '../runtime/report/words';
import type { AppEntry, Combination, GapEntry, RuleSetInfo } from './model';
import { rulePlace, type RulePlace } from '../runtime/report/rule-set';

export interface AppRow {
  label: string;
  calls: number;
  unsupported: number;
  /** Distinct gaps. */
  gaps: number;
  /** True when some call is unsupported: the app does not run until its gaps (less the tolerated ones) are closed. */
  blocked: boolean;
  /** Of its gaps, the ones it was seen to tolerate (sctrace probe): they do not block it. */
  tolerated: number;
  ruleSet: string | null;
}

export interface GapRow {
  id: string;
  /** `mmap flags: MAP_DENYWRITE`. */
  title: string;
  gap: GapEntry;
  /** Apps it blocks: apps that run into it and do not tolerate it. */
  apps: number;
  /** Apps that run into it and were seen to tolerate it (sctrace probe). */
  tolerating: number;
  /** Calls that run into it, over all apps. */
  calls: number;
  rules: RuleCalls[];
}

export interface PlanStep {
  step: number;
  gap: GapRow;
  /** Apps fully supported once this step is done, and not before. */
  unblocks: string[];
  /** Fully supported apps after this step (cumulative, counting apps that had no gap). */
  supportedApps: number;
  /** With weights: the weight of the fully supported apps after this step. */
  supportedWeight?: number;
}

export interface Totals {
  apps: number;
  supportedApps: number;
  blockedApps: number;
  calls: number;
  unsupported: number;
  gaps: number;
  /**
   * With weights (`--weights`, e.g. installation counts): the weight of all
   * apps and of the fully supported ones. Their ratio is the weighted
   * completeness of Tsai et al. (EuroSys 2016): the share of installations
   * whose apps are all supported.
   */
  weight?: { total: number; supported: number };
}

/** App label -> weight (installations); apps not listed weigh 0. */
export type Weights = ReadonlyMap<string, number>;

export interface CombinedReport {
  combination: Combination;
  ruleSets: RuleSetInfo[];
  /** True when the apps were checked against more than one rule set (or some report does not say). */
  mixed: boolean;
  apps: AppRow[];
  /** The priority table: most apps blocked first, then most calls, then id. Only gaps that block some app. */
  gaps: GapRow[];
  /** Gaps every app that runs into them tolerates: they block nothing. By id. */
  toleratedGaps: GapRow[];
  /** True when some app tolerates some gap: the outputs then show how many apps tolerate each gap. */
  probed: boolean;
  plan: PlanStep[];
  totals: Totals;
}

/** The gaps that block an app: all its gaps but the ones it tolerates. */
export function openGaps(app: AppEntry): AppEntry['gaps'] {
  const tolerated = app.tolerated ?? [];
  return app.gaps.filter((g) => !tolerated.includes(g.id));
}

export function analyze(combination: Combination, weights: Weights | null = null): CombinedReport {
  const apps: AppRow[] = combination.apps.map((app) => ({
    label: app.label,
    calls: app.calls,
    unsupported: app.unsupported,
    gaps: app.gaps.length,
    // An unsupported call without a gap (should not happen) still blocks.
    blocked: openGaps(app).length > 0 || (app.unsupported > 0 && app.gaps.length === 0),
    tolerated: app.gaps.length - openGaps(app).length,
    ruleSet: app.ruleSet,
  }));
  const rows = new Map<string, GapRow>(
    combination.gaps.map((gap) => [gap.id, { id: gap.id, title: gapTitle(gap), gap, apps: 0, tolerating: 0, calls: 0, rules: gap.rules }]),
  );
  for (const app of combination.apps) {
    for (const ref of app.gaps) {
      const row = rows.get(ref.id);
      if (row === undefined) throw new Error(`internal: gap ${ref.id} of ${app.label} is not in the catalogue`);
      if (app.tolerated?.includes(ref.id) === true) row.tolerating++;
      else row.apps++;
      row.calls += ref.calls;
    }
  }
  const gaps = [...rows.values()].filter((r) => r.apps > 0).sort((a, b) => b.apps - a.apps || b.calls - a.calls || compareText(a.id, b.id));
  const toleratedGaps = [...rows.values()].filter((r) => r.apps === 0 && r.tolerating > 0);
  const supportedApps = apps.filter((a) => !a.blocked).length;
  const ids = new Set(combination.apps.map((a) => a.ruleSet));
  return {
    combination,
    ruleSets: combination.ruleSets,
    mixed: ids.size > 1 || (ids.size === 1 && ids.has(null) && combination.ruleSets.length > 0),
    apps,
    gaps,
    toleratedGaps,
    probed: combination.apps.some((a) => (a.tolerated ?? []).length > 0),
    plan: plan(combination, rows, apps, weights),
    totals: {
      apps: apps.length,
      supportedApps,
      blockedApps: apps.length - supportedApps,
      calls: apps.reduce((n, a) => n + a.calls, 0),
      unsupported: apps.reduce((n, a) => n + a.unsupported, 0),
      gaps: gaps.length,
      ...(weights === null
        ? {}
        : {
            weight: {
              total: apps.reduce((n, a) => n + (weights.get(a.label) ?? 0), 0),
              supported: apps.reduce((n, a) => n + (a.blocked ? 0 : (weights.get(a.label) ?? 0)), 0),
            },
          }),
    },
  };
}

/**
 * The greedy plan. Each step closes the gap that makes the most apps fully
 * supported right now (with weights: the most weight); when none does, the
 * gap of the app nearest to running (fewest gaps left), and among those the
 * gap most apps (most weight) share, then most calls, then id. Blocked apps
 * with no gap left to close (an unsupported call without a gap: should not
 * happen) stay blocked.
 */
function plan(combination: Combination, rows: Map<string, GapRow>, apps: AppRow[], weights: Weights | null): PlanStep[] {
  const weightOf = (label: string): number => (weights === null ? 1 : (weights.get(label) ?? 0));
  const open = new Map<string, Set<string>>();
  for (const app of combination.apps) {
    const left = openGaps(app);
    if (left.length > 0) open.set(app.label, new Set(left.map((g) => g.id)));
  }
  const steps: PlanStep[] = [];
  let supported = apps.filter((a) => !a.blocked).length;
  let supportedWeight = apps.reduce((n, a) => n + (a.blocked ? 0 : weightOf(a.label)), 0);
  while (open.size > 0) {
    const score = new Map<string, { completes: number; nearest: number; apps: number }>();
    for (const [label, left] of open) {
      for (const id of left) {
        const s = score.get(id) ?? { completes: 0, nearest: Infinity, apps: 0 };
        if (left.size === 1) s.completes += weightOf(label);
        s.nearest = Math.min(s.nearest, left.size);
        s.apps += weightOf(label);
        score.set(id, s);
      }
    }
    let best: string | null = null;
    for (const [id, s] of score) {
      if (best === null) {
        best = id;
        continue;
      }
      const b = score.get(best)!;
      const order =
        s.completes - b.completes ||
        b.nearest - s.nearest ||
        s.apps - b.apps ||
        rows.get(id)!.calls - rows.get(best)!.calls ||
        compareText(best, id);
      if (order > 0) best = id;
    }
    const unblocks: string[] = [];
    for (const [label, left] of open) {
      left.delete(best!);
      if (left.size === 0) unblocks.push(label);
    }
    for (const label of unblocks) open.delete(label);
    unblocks.sort(compareText);
    supported += unblocks.length;
    supportedWeight += unblocks.reduce((n, label) => n + weightOf(label), 0);
    steps.push({ step: steps.length + 1, gap: rows.get(best!)!, unblocks, supportedApps: supported, ...(weights === null ? {} : { supportedWeight }) });
  }
  return steps;
}

/** `Asterinas commit 604948581, 314 rules for 244 syscalls`; for several: each, joined. */
export function ruleSetText(report: CombinedReport): string {
  if (report.ruleSets.length === 0) return 'not named in the reports';
  return report.ruleSets.map((r) => `${r.label}, ${plural(r.rules, 'rule')} for ${plural(r.syscalls, 'syscall')}`).join('; ');
}

/**
 * Where the rules are for people: relative to the rule set's source, with
 * links, when all apps were checked against one set that names its source
 * (runtime/report/rule-set.ts rulePlace); else as the reports have them.
 */
export function rulePlaces(report: CombinedReport): (file: string, line: number) => RulePlace {
  const only = report.mixed || report.ruleSets.length !== 1 ? null : report.ruleSets[0];
  return rulePlace(only ?? { source: null, sources: [] });
}

/** The rule to edit: where it is (`isRule`), or what to do when there is none. */
export interface RuleToEdit extends RulePlace {
  /** ` (+2 more)` when other rules were closest for some calls. */
  more: string;
  isRule: boolean;
}

/** The rule to edit (the one most calls were closest to) with `+N more`, and its link; what to do for `no-rule`. */
export function ruleToEditPlace(row: GapRow, place: (file: string, line: number) => RulePlace): RuleToEdit {
  if (row.rules.length === 0) return { text: noRuleToEdit(row.gap.kind), url: null, more: '', isRule: false };
  return { ...place(row.rules[0].file, row.rules[0].line), more: row.rules.length === 1 ? '' : ` (+${row.rules.length - 1} more)`, isRule: true };
}

/** `file:line (+N more)` of the rule to edit, as text. */
export function ruleToEdit(row: GapRow, place: (file: string, line: number) => RulePlace): string {
  const p = ruleToEditPlace(row, place);
  return p.text + p.more;
}

export function statusText(app: AppRow): string {
  const tolerates = app.tolerated === 0 ? '' : ` (tolerates ${app.tolerated} gap${app.tolerated === 1 ? '' : 's'})`;
  return (app.blocked ? 'blocked' : 'supported') + tolerates;
}

/** `Totals: 9 apps, 1 fully supported, 8 blocked; 1234 calls, 56 unsupported; 14 distinct gaps` (and the weighted completeness). */
export function totalsText(t: Totals): string {
  return (
    `${plural(t.apps, 'app')}, ${t.supportedApps} fully supported, ${t.blockedApps} blocked; ` +
    `${plural(t.calls, 'call')}, ${t.unsupported} unsupported; ${plural(t.gaps, 'distinct gap')}` +
    (t.weight === undefined ? '' : `; weighted completeness ${weightShare(t.weight.supported, t.weight.total)} (weight ${t.weight.supported} of ${t.weight.total})`)
  );
}

/** `62.5%`; 0 of 0 is 0%. */
export function weightShare(part: number, whole: number): string {
  return `${whole === 0 ? '0.0' : ((part * 100) / whole).toFixed(1)}%`;
}

/** A plan step's fully supported apps, `3 of 4` (with weights: `3 of 4, 62.5% of the weight`). */
export function supportedText(step: PlanStep, totals: Totals, of = ' of '): string {
  const apps = `${step.supportedApps}${of}${totals.apps}`;
  return step.supportedWeight === undefined || totals.weight === undefined ? apps : `${apps} (${weightShare(step.supportedWeight, totals.weight.total)})`;
}

/**
 * One app's verdict, as `--summary` says it (runtime/report/app-verdict.ts):
 * `Supported`, `Blocked by 2 gaps: ...`, with the tolerated gaps when probed.
 * null for several apps.
 */
export function singleAppVerdict(report: CombinedReport): string | null {
  if (report.apps.length !== 1) return null;
  const count = (n: number): string => `${n} gap${n === 1 ? '' : 's'}`;
  const titles = (rows: GapRow[]): string => rows.map((g) => g.title).join('; ');
  const needs = report.gaps;
  const tolerated = report.toleratedGaps;
  if (tolerated.length === 0) return needs.length === 0 ? 'Verdict: supported' : `Verdict: blocked by ${count(needs.length)}: ${titles(needs)}`;
  const runs = `runs on an OS that refuses the ${count(tolerated.length)} it tolerates (${titles(tolerated)})`;
  return needs.length === 0 ? `Verdict: supported: ${runs}` : `Verdict: blocked: ${runs}; needs ${needs.length}: ${titles(needs)}`;
}
