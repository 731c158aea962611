/**
 * What `sctrace combine` adds up: apps (one per JSON report) and the gaps
 * they run into. A Combination is canonical (apps sorted by label, gaps and
 * rule sets by id), and merging two is associative and commutative: sums,
 * unions and minimums only. So the JSON output of a combination, read back
 * (combine/read-report.ts), combines with more reports exactly as if all
 * had been given at once.
 */
import { compareText, sortRules, type GapIdentity, type RuleCalls } from '../runtime/report/app-gaps';
import type { RuleSet } from '../runtime/report/rule-set';

/** The rule set a report was checked against: the JSON report's `ruleSet`, as sctrace writes it. */
export type RuleSetInfo = RuleSet;

export interface AppEntry {
  label: string;
  /** Id of the rule set it was checked against; null when its report does not say. */
  ruleSet: string | null;
  lines: number;
  calls: number;
  supported: number;
  unsupported: number;
  unreadable: number;
  /** Its gaps by id (sorted), with the calls that ran into each. */
  gaps: { id: string; calls: number }[];
  /**
   * Ids (sorted) of its gaps it was seen to tolerate (`sctrace probe`: it ran
   * with every call of the gap refused); they do not block it. Absent when none.
   */
  tolerated?: string[];
}

export interface GapEntry extends GapIdentity {
  id: string;
  /** The rules to edit, with calls summed over all apps; most calls first. */
  rules: RuleCalls[];
  /** The first call that ran into it, in the app whose label sorts first. */
  example: { app: string; line: number; text: string };
}

export interface Combination {
  ruleSets: RuleSetInfo[];
  apps: AppEntry[];
  gaps: GapEntry[];
}

/** Bad or conflicting input: reported as is, exit status 1. */
export class CombineError extends Error {
  override name = 'CombineError';
}

export const EMPTY: Combination = { ruleSets: [], apps: [], gaps: [] };

function byId<T extends { id: string }>(a: T, b: T): number {
  return compareText(a.id, b.id);
}

function earlierExample(a: GapEntry['example'], b: GapEntry['example']): GapEntry['example'] {
  const order = compareText(a.app, b.app) || a.line - b.line;
  return order <= 0 ? a : b;
}

function mergeRules(a: RuleCalls[], b: RuleCalls[]): RuleCalls[] {
  const out = a.map((r) => ({ ...r }));
  for (const rule of b) {
    const same = out.find((r) => r.file === rule.file && r.line === rule.line);
    if (same !== undefined) same.calls += rule.calls;
    else out.push({ ...rule });
  }
  return sortRules(out);
}

/** One Combination of many. Two apps with the same label are refused: it would count one app twice. */
export function combine(parts: readonly Combination[]): Combination {
  const apps = new Map<string, AppEntry>();
  const gaps = new Map<string, GapEntry>();
  const ruleSets = new Map<string, RuleSetInfo>();
  for (const part of parts) {
    for (const app of part.apps) {
      if (apps.has(app.label)) {
        throw new CombineError(`two reports are labelled '${app.label}'; give each app its own label (sctrace --label NAME)`);
      }
      apps.set(app.label, app);
    }
    for (const gap of part.gaps) {
      const seen = gaps.get(gap.id);
      gaps.set(
        gap.id,
        seen === undefined
          ? gap
          : { ...seen, rules: mergeRules(seen.rules, gap.rules), example: earlierExample(seen.example, gap.example) },
      );
    }
    for (const ruleSet of part.ruleSets) {
      // Same id, same rules; should two reports still describe them differently, the smaller text wins (order-free).
      const seen = ruleSets.get(ruleSet.id);
      if (seen === undefined || compareText(JSON.stringify(ruleSet), JSON.stringify(seen)) < 0) ruleSets.set(ruleSet.id, ruleSet);
    }
  }
  return {
    ruleSets: [...ruleSets.values()].sort(byId),
    apps: [...apps.values()].sort((a, b) => compareText(a.label, b.label)),
    gaps: [...gaps.values()].sort(byId),
  };
}

/** The distinct rule sets the apps were checked against (null: a report that does not say). */
export function ruleSetIds(combination: Combination): (string | null)[] {
  return [...new Set(combination.apps.map((a) => a.ruleSet))];
}
