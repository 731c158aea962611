/**
 * What every output format says about a Combination: per app, the priority
 * table, the plan and the totals. Pure and deterministic: ties are broken by
 * label or gap id, never by input order.
 */
import { compareText, gapTitle, noRuleToEdit, type RuleCalls } from '../runtime/report/app-gaps';
import { plural } from '../runtime/report/words';
import type { Combination, GapEntry, RuleSetInfo } from './model';
import { rulePlace, type RulePlace } from '../runtime/report/rule-set';

export interface AppRow {
  label: string;
  calls: number;
  unsupported: number;
  /** Distinct gaps. */
  gaps: number;
  /** True when some call is unsupported: the app does not run until its gaps are closed. */
  blocked: boolean;
  ruleSet: string | null;
}

export interface GapRow {
  id: string;
  /** `mmap flags: MAP_DENYWRITE`. */
  title: string;
  gap: GapEntry;
  /** Apps that run into it (each is blocked until it is closed). */
  apps: number;
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
}

export interface Totals {
  apps: number;
  supportedApps: number;
  blockedApps: number;
  calls: number;
  unsupported: number;
  gaps: number;
}

export interface CombinedReport {
  combination: Combination;
  ruleSets: RuleSetInfo[];
  /** True when the apps were checked against more than one rule set (or some report does not say). */
  mixed: boolean;
  apps: AppRow[];
  /** The priority table: most apps blocked first, then most calls, then id. */
  gaps: GapRow[];
  plan: PlanStep[];
  totals: Totals;
}

export function analyze(combination: Combination): CombinedReport {
  const apps: AppRow[] = combination.apps.map((app) => ({
    label: app.label,
    calls: app.calls,
    unsupported: app.unsupported,
    gaps: app.gaps.length,
    blocked: app.unsupported > 0 || app.gaps.length > 0,
    ruleSet: app.ruleSet,
  }));
  const rows = new Map<string, GapRow>(
    combination.gaps.map((gap) => [gap.id, { id: gap.id, title: gapTitle(gap), gap, apps: 0, calls: 0, rules: gap.rules }]),
  );
  for (const app of combination.apps) {
    for (const ref of app.gaps) {
      const row = rows.get(ref.id);
      if (row === undefined) throw new Error(`internal: gap ${ref.id} of ${app.label} is not in the catalogue`);
      row.apps++;
      row.calls += ref.calls;
    }
  }
  const gaps = [...rows.values()].filter((r) => r.apps > 0).sort((a, b) => b.apps - a.apps || b.calls - a.calls || compareText(a.id, b.id));
  const supportedApps = apps.filter((a) => !a.blocked).length;
  const ids = new Set(combination.apps.map((a) => a.ruleSet));
  return {
    combination,
    ruleSets: combination.ruleSets,
    mixed: ids.size > 1 || (ids.size === 1 && ids.has(null) && combination.ruleSets.length > 0),
    apps,
    gaps,
    plan: plan(combination, rows, supportedApps),
    totals: {
      apps: apps.length,
      supportedApps,
      blockedApps: apps.length - supportedApps,
      calls: apps.reduce((n, a) => n + a.calls, 0),
      unsupported: apps.reduce((n, a) => n + a.unsupported, 0),
      gaps: gaps.length,
    },
  };
}

/**
 * The greedy plan. Each step closes the gap that makes the most apps fully
 * supported right now; when none does, the gap of the app nearest to running
 * (fewest gaps left), and among those the gap most apps share, then most
 * calls, then id. Blocked apps with no gap left to close (an unsupported call
 * without a gap: should not happen) stay blocked.
 */
function plan(combination: Combination, rows: Map<string, GapRow>, alreadySupported: number): PlanStep[] {
  const open = new Map<string, Set<string>>();
  for (const app of combination.apps) if (app.gaps.length > 0) open.set(app.label, new Set(app.gaps.map((g) => g.id)));
  const steps: PlanStep[] = [];
  let supported = alreadySupported;
  while (open.size > 0) {
    const score = new Map<string, { completes: number; nearest: number; apps: number }>();
    for (const left of open.values()) {
      for (const id of left) {
        const s = score.get(id) ?? { completes: 0, nearest: Infinity, apps: 0 };
        if (left.size === 1) s.completes++;
        s.nearest = Math.min(s.nearest, left.size);
        s.apps++;
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
    steps.push({ step: steps.length + 1, gap: rows.get(best!)!, unblocks, supportedApps: supported });
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
  return app.blocked ? 'blocked' : 'supported';
}

/** `Totals: 9 apps, 1 fully supported, 8 blocked; 1234 calls, 56 unsupported; 14 distinct gaps`. */
export function totalsText(t: Totals): string {
  return (
    `${plural(t.apps, 'app')}, ${t.supportedApps} fully supported, ${t.blockedApps} blocked; ` +
    `${plural(t.calls, 'call')}, ${t.unsupported} unsupported; ${plural(t.gaps, 'distinct gap')}`
  );
}
