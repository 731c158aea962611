/**
 * Counts everything the after-the-run reports need: totals, unsupported
 * calls grouped by syscall and reason, rule coverage, unreadable lines.
 * Memory stays bounded: groups are keyed by syscall, reason kind, path and
 * rule; examples and unreadable lines are capped.
 */
import { LogArchTally } from './log-arch';
import type { Reason, ReasonKind, RuleRef } from '../explain/reason';
import type { IR } from '../ir';
import type { CallRecord, Problem } from '../record';
import { AppGapTally, type AppGap } from './app-gaps';
import { LinuxEvidence } from './linux-evidence';

export const MAX_EXAMPLES = 3;
const NO_GAPS: readonly string[] = [];
export const MAX_UNREADABLE = 100;
/** Distinct offending values kept per reason group (integers can vary without end). */
export const MAX_VALUES = 50;

export interface Example {
  line: number;
  text: string;
}

export interface ReasonGroup {
  kind: ReasonKind;
  /** The reason's path with array indices written `[]`. */
  path: string;
  rule: RuleRef | null;
  count: number;
  /** Offending value -> number of calls it appeared in, in first-seen order. */
  values: Map<string, number>;
  firstLine: number;
  examples: Example[];
}

export interface SyscallGap {
  syscall: string;
  /** Unsupported calls of this syscall. */
  count: number;
  reasons: Map<string, ReasonGroup>;
}

export class GapTally {
  calls = 0;
  supported = 0;
  unsupported = 0;
  /** Supported calls that only the kernel view made supported (--as-printed would not); counted with --summary. */
  kernelViewDecided = 0;
  unreadableCount = 0;
  /** Highest line number seen (a floor for the number of lines when the reader does not say). */
  lastLine = 0;
  readonly gaps = new Map<string, SyscallGap>();
  /** Calls per syscall name, supported or not. */
  readonly callsByName = new Map<string, number>();
  /** Calls each rule matched first, by rule id. */
  readonly ruleHits: number[];
  readonly unreadable: Problem[] = [];
  readonly notices: string[] = [];
  /** The distinct gaps, for combining reports of many apps. */
  readonly appGaps = new AppGapTally();
  /** Which gaps failed on the traced Linux too, and the program went on. */
  readonly evidence = new LinuxEvidence();

  /** The log's architecture and ABI, from the calls and strace's personality lines. */
  readonly arch: LogArchTally;

  constructor(readonly ir: IR, asPrinted = false) {
    this.arch = new LogArchTally(asPrinted);
    this.ruleHits = new Array<number>(ir.rules.length).fill(0);
  }

  call(record: CallRecord, ruleId: number, reason: Reason | null): void {
    this.calls++;
    this.lastLine = Math.max(this.lastLine, record.endLine);
    this.callsByName.set(record.name, (this.callsByName.get(record.name) ?? 0) + 1);
    this.arch.call(record.name);
    if (ruleId >= 0) {
      this.supported++;
      this.ruleHits[ruleId]++;
      this.evidence.call(record, NO_GAPS);
      return;
    }
    this.unsupported++;
    this.evidence.call(record, reason === null ? NO_GAPS : this.addReason(record, reason));
  }

  /** The distinct gaps (the JSON report's `blockers`), with what the log shows of their failing on Linux. */
  blockers(): AppGap[] {
    return this.appGaps.list(this.evidence);
  }

  unreadableLine(problem: Problem): void {
    this.unreadableCount++;
    this.lastLine = Math.max(this.lastLine, problem.line);
    if (this.unreadable.length < MAX_UNREADABLE) this.unreadable.push(problem);
  }

  notice(message: string): void {
    this.notices.push(message);
    this.arch.notice(message);
  }

  /** Returns the ids of the call's gaps. */
  private addReason(record: CallRecord, reason: Reason): string[] {
    let gap = this.gaps.get(record.name);
    if (gap === undefined) {
      gap = { syscall: record.name, count: 0, reasons: new Map() };
      this.gaps.set(record.name, gap);
    }
    gap.count++;
    const ids = this.appGaps.add(record, reason);
    // `fds[0].events` and `fds[3].events` are one gap: group without array indices.
    const groupPath = reason.path.replace(/\[\d+\]/g, '[]');
    const key = `${reason.kind}\u0000${groupPath}\u0000${reason.rule?.id ?? -1}`;
    let group = gap.reasons.get(key);
    if (group === undefined) {
      group = {
        kind: reason.kind,
        path: groupPath,
        rule: reason.rule,
        count: 0,
        values: new Map(),
        firstLine: record.line,
        examples: [],
      };
      gap.reasons.set(key, group);
    }
    group.count++;
    for (const value of new Set(reason.values)) {
      const seen = group.values.get(value);
      if (seen !== undefined) group.values.set(value, seen + 1);
      else if (group.values.size < MAX_VALUES) group.values.set(value, 1);
    }
    if (group.examples.length < MAX_EXAMPLES) group.examples.push({ line: record.line, text: record.text });
    return ids;
  }

  /** Gaps sorted by count (then name), each with reasons sorted by count (then first line). */
  sortedGaps(): { gap: SyscallGap; reasons: ReasonGroup[] }[] {
    return [...this.gaps.values()]
      .sort((a, b) => b.count - a.count || (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : 0))
      .map((gap) => ({
        gap,
        reasons: [...gap.reasons.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
      }));
  }

  /** Offending values of a group, most frequent first. */
  static sortedValues(group: ReasonGroup): [string, number][] {
    return [...group.values.entries()].sort((a, b) => b[1] - a[1]);
  }
}

/** Percent with one decimal; 100 when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '100.0' : ((part * 100) / whole).toFixed(1);
}
