/**
 * A JSON file → a Combination: either one app's report (`sctrace --format
 * json`) or the JSON output of `sctrace combine` itself. Reports are input
 * from elsewhere (other machines, CI jobs), so every field is checked and a
 * bad one is named with its file and place.
 */
import { REASON_KINDS, type ReasonKind } from '../runtime/explain/reason';
import { JSON_SCHEMA_VERSION } from '../runtime/report/json-document';
import { compareText, gapId, sortRules, type RuleCalls } from '../runtime/report/app-gaps';
import { combine, CombineError, type AppEntry, type Combination, type GapEntry, type RuleSetInfo } from './model';

/** `kind` of the JSON output of `sctrace combine`. */
export const COMBINED_KIND = 'sctrace-combined';
/** Bump when the shape or meaning of the combined JSON changes (2: `apps[].tolerated`, `gaps[].tolerating`). */
export const COMBINED_SCHEMA = 2;
/** Combined outputs this sctrace reads: 1 had no tolerated gaps. */
const READABLE_COMBINED = [1, 2];

type Json = Record<string, unknown>;

class Checker {
  constructor(private readonly file: string) {}

  fail(at: string, what: string): never {
    throw new CombineError(`${this.file}: ${at}: ${what}`);
  }

  object(value: unknown, at: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(at, 'expected an object');
    return value as Json;
  }

  array(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value)) this.fail(at, 'expected an array');
    return value;
  }

  string(value: unknown, at: string): string {
    if (typeof value !== 'string') this.fail(at, 'expected a string');
    return value;
  }

  /** An app's label: it names the app in every table, so it must say something. */
  label(value: unknown, at: string): string {
    const label = this.string(value, at);
    if (label.trim() === '') this.fail(at, 'empty: every app needs a name (sctrace --label <name>)');
    return label;
  }

  stringOrNull(value: unknown, at: string): string | null {
    return value === null ? null : this.string(value, at);
  }

  count(value: unknown, at: string): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) this.fail(at, 'expected a whole number');
    return value;
  }

  kind(value: unknown, at: string): ReasonKind {
    if (!REASON_KINDS.includes(value as ReasonKind)) this.fail(at, `unknown gap kind ${JSON.stringify(value)}`);
    return value as ReasonKind;
  }

  rules(value: unknown, at: string): RuleCalls[] {
    return sortRules(
      this.array(value, at).map((item, i) => {
        const r = this.object(item, `${at}[${i}]`);
        return { file: this.string(r.file, `${at}[${i}].file`), line: this.count(r.line, `${at}[${i}].line`), calls: this.count(r.calls, `${at}[${i}].calls`) };
      }),
    );
  }

  ruleSet(value: unknown, at: string): RuleSetInfo {
    const r = this.object(value, at);
    return {
      label: this.string(r.label, `${at}.label`),
      os: this.stringOrNull(r.os, `${at}.os`),
      version: this.stringOrNull(r.version, `${at}.version`),
      source: this.stringOrNull(r.source ?? null, `${at}.source`),
      rules: this.count(r.rules, `${at}.rules`),
      syscalls: this.count(r.syscalls, `${at}.syscalls`),
      sources: this.array(r.sources, `${at}.sources`).map((item, i) => {
        const s = this.object(item, `${at}.sources[${i}]`);
        return { path: this.string(s.path, `${at}.sources[${i}].path`), sha256: this.string(s.sha256, `${at}.sources[${i}].sha256`) };
      }),
      id: this.string(r.id, `${at}.id`),
    };
  }

  /** A gap's identity, checked against its id (an edited id would merge unrelated gaps). */
  gap(g: Json, at: string, example: GapEntry['example'], rules: RuleCalls[]): GapEntry {
    const identity = {
      syscall: this.string(g.syscall, `${at}.syscall`),
      kind: this.kind(g.kind, `${at}.kind`),
      path: this.string(g.path, `${at}.path`),
      value: this.stringOrNull(g.value, `${at}.value`),
    };
    const id = gapId(identity);
    if (g.id !== id) this.fail(`${at}.id`, `expected ${JSON.stringify(id)} for this gap`);
    return { id, ...identity, rules, example };
  }
}

/** App reports this sctrace reads: 2 has the blockers combine needs, 3 adds the verdict (tolerated gaps) and the log's architecture. */
const READABLE_REPORTS: readonly number[] = [2, JSON_SCHEMA_VERSION];

/** One app's report (`sctrace --format json`). */
function fromAppReport(doc: Json, check: Checker): Combination {
  if (!READABLE_REPORTS.includes(doc.schema as number)) {
    check.fail('schema', `${JSON.stringify(doc.schema)}: this sctrace reads reports of schema ${READABLE_REPORTS.join(' or ')} (check the log again with this sctrace)`);
  }
  const label = check.label(doc.label, 'label');
  if (!Array.isArray(doc.blockers)) {
    check.fail('blockers', 'missing: the report was made by an older sctrace; check the log again to combine it');
  }
  const totals = check.object(doc.totals, 'totals');
  const ruleSet = doc.ruleSet === undefined || doc.ruleSet === null ? null : check.ruleSet(doc.ruleSet, 'ruleSet');
  const gaps: GapEntry[] = [];
  const appGaps: AppEntry['gaps'] = [];
  check.array(doc.blockers, 'blockers').forEach((item, i) => {
    const at = `blockers[${i}]`;
    const g = check.object(item, at);
    const e = check.object(g.example, `${at}.example`);
    const example = { app: label, line: check.count(e.line, `${at}.example.line`), text: check.string(e.text, `${at}.example.text`) };
    const gap = check.gap(g, at, example, check.rules(g.rules, `${at}.rules`));
    gaps.push(gap);
    appGaps.push({ id: gap.id, calls: check.count(g.calls, `${at}.calls`) });
  });
  const app: AppEntry = {
    label,
    ruleSet: ruleSet?.id ?? null,
    lines: check.count(totals.lines, 'totals.lines'),
    calls: check.count(totals.calls, 'totals.calls'),
    supported: check.count(totals.supported, 'totals.supported'),
    unsupported: check.count(totals.unsupported, 'totals.unsupported'),
    unreadable: check.count(totals.unreadable, 'totals.unreadable'),
    gaps: sortGapRefs(appGaps),
    ...toleratedOf(doc.verdict === undefined ? undefined : check.object(doc.verdict, 'verdict').tolerated, 'verdict.tolerated', appGaps, check),
  };
  return combine([{ ruleSets: ruleSet === null ? [] : [ruleSet], apps: [app], gaps }]);
}

/** The JSON output of `sctrace combine`: only its data is read, everything derived is computed again. */
function fromCombined(doc: Json, check: Checker): Combination {
  if (!READABLE_COMBINED.includes(doc.schema as number)) check.fail('schema', `this sctrace reads combined reports of schema ${READABLE_COMBINED.join(' or ')}`);
  const ruleSets = check.array(doc.ruleSets, 'ruleSets').map((r, i) => check.ruleSet(r, `ruleSets[${i}]`));
  const apps = check.array(doc.apps, 'apps').map((item, i): AppEntry => {
    const at = `apps[${i}]`;
    const a = check.object(item, at);
    const app: AppEntry = {
      label: check.label(a.label, `${at}.label`),
      ruleSet: check.stringOrNull(a.ruleSet, `${at}.ruleSet`),
      lines: check.count(a.lines, `${at}.lines`),
      calls: check.count(a.calls, `${at}.calls`),
      supported: check.count(a.supported, `${at}.supported`),
      unsupported: check.count(a.unsupported, `${at}.unsupported`),
      unreadable: check.count(a.unreadable, `${at}.unreadable`),
      gaps: sortGapRefs(
        check.array(a.gaps, `${at}.gaps`).map((ref, j) => {
          const r = check.object(ref, `${at}.gaps[${j}]`);
          return { id: check.string(r.id, `${at}.gaps[${j}].id`), calls: check.count(r.calls, `${at}.gaps[${j}].calls`) };
        }),
      ),
    };
    return { ...app, ...toleratedOf(a.tolerated, `${at}.tolerated`, app.gaps, check) };
  });
  const gaps = check.array(doc.gaps, 'gaps').map((item, i) => {
    const at = `gaps[${i}]`;
    const g = check.object(item, at);
    const e = check.object(g.example, `${at}.example`);
    const example = {
      app: check.string(e.app, `${at}.example.app`),
      line: check.count(e.line, `${at}.example.line`),
      text: check.string(e.text, `${at}.example.text`),
    };
    return check.gap(g, at, example, check.rules(g.rules, `${at}.rules`));
  });
  const known = new Set(gaps.map((g) => g.id));
  for (const app of apps) {
    for (const ref of app.gaps) if (!known.has(ref.id)) check.fail(`apps '${app.label}'`, `gap ${ref.id} is not in gaps`);
  }
  return combine([{ ruleSets, apps, gaps }]);
}

/** `{ tolerated }` when the app tolerates some of its gaps (each must be one of them), else nothing: one canonical form. */
function toleratedOf(value: unknown, at: string, gaps: AppEntry['gaps'], check: Checker): Pick<AppEntry, 'tolerated'> {
  if (value === undefined) return {};
  const ids = check.array(value, at).map((id, i) => check.string(id, `${at}[${i}]`));
  for (const id of ids) if (!gaps.some((g) => g.id === id)) check.fail(at, `${JSON.stringify(id)} is not one of the app's gaps`);
  return ids.length === 0 ? {} : { tolerated: [...new Set(ids)].sort(compareText) };
}

function sortGapRefs(refs: AppEntry['gaps']): AppEntry['gaps'] {
  return [...refs].sort((a, b) => compareText(a.id, b.id));
}

/** Parses one report's text; `file` names it in messages. */
export function parseReport(text: string, file: string): Combination {
  let doc: unknown;
  try {
    // A byte order mark, as some editors and Windows tools write, is not part of the JSON.
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new CombineError(`${file}: not JSON (${(err as Error).message})`);
  }
  return readReport(doc, file);
}

/** Reads one report already parsed (or made in this process, as `--html` does); `file` names it in messages. */
export function readReport(doc: unknown, file: string): Combination {
  const check = new Checker(file);
  const top = check.object(doc, 'top level');
  if (top.kind === COMBINED_KIND) return fromCombined(top, check);
  if (typeof top.schema === 'number' && 'totals' in top) return fromAppReport(top, check);
  throw new CombineError(`${file}: not an sctrace report (make one with: sctrace <rules> --format json --input app.log > app.json)`);
}
