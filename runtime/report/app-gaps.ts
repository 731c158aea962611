/**
 * The distinct gaps of one app, in the form `sctrace combine` adds up across
 * apps: the JSON report's `blockers`. A gap is one thing the OS lacks: a
 * syscall with no rule, or one flag, field, element kind or argument count
 * that no rule of the syscall allows. An app runs once all its gaps are
 * closed. The gap of a call is its reason (the first failure against the
 * closest rule), so closing it may reveal another one further along the call.
 */
import type { Reason, ReasonKind } from '../explain/reason';
import type { CallRecord } from '../record';

/** What tells two gaps apart. */
export interface GapIdentity {
  syscall: string;
  kind: ReasonKind;
  /** Where in the call, array indices written `[]`; '' for the whole call. */
  path: string;
  /** The flag, field, value kind or argument count; null when the kind has no value of its own. */
  value: string | null;
}

/**
 * Kinds whose offending value is a gap of its own (each missing flag is
 * something to add). For the others the value varies without telling a
 * different fix: any integer needs `<INTEGER>`, any field count needs `..`.
 */
const VALUE_KEYED: ReadonlySet<ReasonKind> = new Set([
  'flag-not-allowed',
  'kind-mismatch',
  'field-missing',
  'array-element',
  'arg-count',
]);

/** `mmap:flag-not-allowed:flags:MAP_DENYWRITE`. Unique: the first three parts never contain `:`. */
export function gapId(gap: GapIdentity): string {
  return `${gap.syscall}:${gap.kind}:${gap.path}:${gap.value ?? ''}`;
}

/** The gaps one unsupported call runs into (one per offending flag of a flag set). */
export function gapsOfReason(reason: Reason): GapIdentity[] {
  const path = reason.path.replace(/\[\d+\]/g, '[]');
  const base = { syscall: reason.syscall, kind: reason.kind, path };
  if (!VALUE_KEYED.has(reason.kind) || reason.values.length === 0) return [{ ...base, value: null }];
  return [...new Set(reason.values)].map((value) => ({ ...base, value }));
}

/** A short human name of a gap: `mmap flags: MAP_DENYWRITE`, `brk: no rule`. */
export function gapTitle(gap: GapIdentity): string {
  const where = gap.path === '' ? gap.syscall : `${gap.syscall} ${gap.path}`;
  switch (gap.kind) {
    case 'no-rule':
      return `${gap.syscall}: no rule`;
    case 'arg-count':
      return `${gap.syscall}: ${gap.value} arguments`;
    case 'flag-not-allowed':
      return `${where}: ${gap.value}`;
    case 'integer-not-allowed':
      return `${where}: integers`;
    case 'kind-mismatch':
      return `${where}: a ${gap.value}`;
    case 'field-missing':
      return `${where}: field missing`;
    case 'field-count':
      return `${where}: field count`;
    case 'array-element':
      return `${where}: ${gap.value} element`;
  }
}

export interface RuleCalls {
  file: string;
  line: number;
  /** Calls of this gap whose closest rule is this one. */
  calls: number;
}

export interface AppGap extends GapIdentity {
  id: string;
  /** Calls that run into this gap. */
  calls: number;
  /** The rules to edit (the calls' closest rules), most calls first; empty for `no-rule`. */
  rules: RuleCalls[];
  /** The first call that ran into it. */
  example: { line: number; text: string };
  /**
   * Present when every call of the gap failed on the traced Linux too, with
   * these errnos (ENOSYS, EINVAL, ...), and its thread went on making calls:
   * the program survived the refusal (linux-evidence.ts).
   */
  failedOnLinux?: string[];
}

/** Collects the gaps of one app's unsupported calls. */
export class AppGapTally {
  private readonly gaps = new Map<string, AppGap>();

  /** Returns the ids of the call's gaps. */
  add(record: CallRecord, reason: Reason): string[] {
    const ids: string[] = [];
    for (const identity of gapsOfReason(reason)) {
      const id = gapId(identity);
      ids.push(id);
      let gap = this.gaps.get(id);
      if (gap === undefined) {
        gap = { id, ...identity, calls: 0, rules: [], example: { line: record.line, text: record.text } };
        this.gaps.set(id, gap);
      }
      gap.calls++;
      if (reason.rule !== null) {
        const { file, line } = reason.rule;
        const rule = gap.rules.find((r) => r.file === file && r.line === line);
        if (rule !== undefined) rule.calls++;
        else gap.rules.push({ file, line, calls: 1 });
      }
    }
    return ids;
  }

  /** Most calls first, then by id: the same log always gives the same list. `evidence`: which gaps failed on Linux too. */
  list(evidence?: { failedOnLinux(id: string): string[] | undefined }): AppGap[] {
    return [...this.gaps.values()]
      .sort((a, b) => b.calls - a.calls || compareText(a.id, b.id))
      .map((gap) => {
        const failed = evidence?.failedOnLinux(gap.id);
        return { ...gap, rules: sortRules(gap.rules), ...(failed === undefined ? {} : { failedOnLinux: failed }) };
      });
  }
}

export function sortRules(rules: RuleCalls[]): RuleCalls[] {
  return [...rules].sort((a, b) => b.calls - a.calls || compareText(a.file, b.file) || a.line - b.line);
}

/** Code-unit order, the same on every machine and locale. */
/** What to do about a gap no rule comes close to: the same words in --summary and in combine's reports. */
export function noRuleToEdit(kind: string): string {
  return kind === 'no-rule' ? 'add a rule' : 'no rule to edit';
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
