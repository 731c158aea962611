/**
 * `--format jsonl`: one JSON object per line, streamed as the log is read.
 * Objects are told apart by `type`: `call`, `unreadable`, `notice`, and a
 * last `totals` object (which also says what was checked against: `ruleSet`).
 */
import type { LogArchitecture } from './log-arch';
import { reasonMessage, type Reason, type ReasonKind } from '../explain/reason';
import type { IR } from '../ir';
import type { CallRecord, Problem } from '../record';
import { JSON_SCHEMA_VERSION, type JsonRuleRef } from './json-document';
import type { RuleSet } from './rule-set';
import type { Totals } from './summary-text';

export interface JsonlCall {
  type: 'call';
  line: number;
  endLine: number;
  pid: number | null;
  syscall: string;
  supported: boolean;
  /** The first rule that matched, or for an unsupported call the closest rule (null for no-rule). */
  rule: JsonRuleRef | null;
  reason: { kind: ReasonKind; path: string; values: string[]; message: string } | null;
  text: string;
  /** Present (true) only for a call strace never finished (record.ts `incomplete`). */
  incomplete?: true;
}

export interface JsonlUnreadable {
  type: 'unreadable';
  line: number;
  text: string;
  message: string;
}

export interface JsonlNotice {
  type: 'notice';
  message: string;
}

export interface JsonlTotals extends Totals {
  type: 'totals';
  schema: number;
  percentSupported: number;
  ruleSet: RuleSet;
  log: LogArchitecture;
}

export function jsonlCall(ir: IR, record: CallRecord, ruleId: number, reason: Reason | null): JsonlCall {
  let rule: JsonRuleRef | null = null;
  if (ruleId >= 0) rule = { file: ir.rules[ruleId].origin.file, line: ir.rules[ruleId].origin.line };
  else if (reason?.rule) rule = { file: reason.rule.file, line: reason.rule.line };
  const call: JsonlCall = {
    type: 'call',
    line: record.line,
    endLine: record.endLine,
    pid: record.pid,
    syscall: record.name,
    supported: ruleId >= 0,
    rule,
    reason:
      reason === null
        ? null
        : { kind: reason.kind, path: reason.path, values: reason.values, message: reasonMessage(reason) },
    text: record.text,
  };
  if (record.incomplete === true) call.incomplete = true;
  return call;
}

export function jsonlUnreadable(problem: Problem): JsonlUnreadable {
  return { type: 'unreadable', line: problem.line, text: problem.text, message: problem.message };
}

export function jsonlTotals(totals: Totals, percentSupported: number, ruleSet: RuleSet, log: LogArchitecture): JsonlTotals {
  return { type: 'totals', schema: JSON_SCHEMA_VERSION, ...totals, percentSupported, ruleSet, log };
}
