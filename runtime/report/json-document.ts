/**
 * `--format json`: the whole run as one JSON document (schema in
 * runtime/report/schema/report.schema.json, documented in docs/output-formats.md).
 */
import type { ReasonKind } from '../explain/reason';
import type { AppGap } from './app-gaps';
import { appVerdict, type AppVerdict, type ProbeSection } from './app-verdict';
import { type ArgumentFlagCoverage, flagCoverage } from './flag-coverage';
import { GapTally, percent } from './gap-tally';
import type { RuleSet } from './rule-set';
import type { LogArchitecture } from './log-arch';
import { totalsOf, type Totals } from './summary-text';

/**
 * Bump when the shape or meaning of the JSON or JSONL output changes (2: `ruleSet` added;
 * 3: `verdict` and `log` added, and `probe` in reports of `sctrace probe`).
 */
export const JSON_SCHEMA_VERSION = 3;

/** The document's `$schema`: the `$id` of schema/report.schema.json, which the package exports as `sctrace/schema/report.schema.json`. */
export const REPORT_SCHEMA_ID = 'sctrace/schema/report.schema.json';

export interface JsonRuleRef {
  file: string;
  line: number;
}

export interface JsonReasonGroup {
  kind: ReasonKind;
  path: string;
  values: string[];
  count: number;
  firstLine: number;
  rule: JsonRuleRef | null;
  examples: { line: number; text: string }[];
}

export interface JsonGap {
  syscall: string;
  /** Unsupported calls of this syscall. */
  count: number;
  /** All calls of this syscall. */
  calls: number;
  /** Percent of all unsupported calls. */
  share: number;
  reasons: JsonReasonGroup[];
}

export interface JsonCoverageRule {
  syscall: string;
  file: string;
  line: number;
  count: number;
}

export interface JsonDocument {
  /** Names the JSON Schema of this document (REPORT_SCHEMA_ID). */
  $schema: string;
  schema: number;
  ruleSet: RuleSet;
  /** What was checked: `--label`, or the log's file name without `.log`/`.gz`. */
  label: string;
  /** The log's architecture and ABI, and its 32-bit calls judged as x86_64 ones (log-arch.ts). */
  log: LogArchitecture;
  totals: Totals & { percentSupported: number };
  gaps: JsonGap[];
  coverage: { rules: JsonCoverageRule[]; unmatched: number; flags: ArgumentFlagCoverage[] };
  unreadable: { line: number; text: string; message: string }[];
  notices: string[];
  /** The distinct gaps (what `sctrace combine` adds up across apps), most calls first. */
  blockers: AppGap[];
  /** Whether the app is supported or blocked, and by which gaps (with probe results: less the tolerated ones). */
  verdict: AppVerdict;
  /** `sctrace probe`: the runs with each gap refused and their verdicts; absent otherwise. */
  probe?: ProbeSection;
}

/** The report with probe results added, and its verdict judged again with them. */
export function withProbe(document: JsonDocument, probe: ProbeSection): JsonDocument {
  return { ...document, verdict: appVerdict(document.blockers, probe), probe };
}

export function jsonDocument(tally: GapTally, ruleSet: RuleSet, lines: number, label: string): JsonDocument {
  const totals = totalsOf(tally, lines);
  const blockers = tally.blockers();
  return {
    $schema: REPORT_SCHEMA_ID,
    schema: JSON_SCHEMA_VERSION,
    label,
    ruleSet,
    log: tally.arch.result(),
    totals: { ...totals, percentSupported: Number(percent(totals.supported, totals.calls)) },
    gaps: tally.sortedGaps().map(({ gap, reasons }) => ({
      syscall: gap.syscall,
      count: gap.count,
      calls: tally.callsByName.get(gap.syscall) ?? gap.count,
      share: Number(percent(gap.count, tally.unsupported)),
      reasons: reasons.map((group) => ({
        kind: group.kind,
        path: group.path,
        values: GapTally.sortedValues(group).map(([value]) => value),
        count: group.count,
        firstLine: group.firstLine,
        rule: group.rule === null ? null : { file: group.rule.file, line: group.rule.line },
        examples: group.examples.map((e) => ({ line: e.line, text: e.text })),
      })),
    })),
    coverage: {
      rules: tally.ir.rules.map((rule) => ({
        syscall: rule.syscall,
        file: rule.origin.file,
        line: rule.origin.line,
        count: tally.ruleHits[rule.id],
      })),
      unmatched: tally.ruleHits.filter((n) => n === 0).length,
      flags: flagCoverage(tally.ir),
    },
    unreadable: tally.unreadable.map((p) => ({ line: p.line, text: p.text, message: p.message })),
    notices: [...tally.notices],
    blockers,
    verdict: appVerdict(blockers, null),
  };
}
