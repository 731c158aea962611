/**
 * Why a call is unsupported: the reason kinds (stable codes used in JSON
 * output and documentation) and the shape of one reason.
 */

export const REASON_KINDS = [
  'no-rule',
  'arg-count',
  'flag-not-allowed',
  'integer-not-allowed',
  'kind-mismatch',
  'field-missing',
  'field-count',
  'array-element',
] as const;

export type ReasonKind = (typeof REASON_KINDS)[number];

/** The syscall rule a reason points at (the one to edit). */
export interface RuleRef {
  id: number;
  file: string;
  line: number;
}

export interface Reason {
  kind: ReasonKind;
  syscall: string;
  /** Where, from the parameter name: `flags`, `act.sa_flags`, `msg.msg_control[0].cmsg_type`; '' for the whole call. */
  path: string;
  /**
   * The offending values: flag parts not allowed, the integer, the kind of a
   * mismatching value (`string`), the argument count for `arg-count`.
   */
  values: string[];
  /** Human text after the path: `MAP_DENYWRITE not allowed`. */
  detail: string;
  /** The closest rule; null for `no-rule`. */
  rule: RuleRef | null;
}

/**
 * `flags: MAP_DENYWRITE not allowed (rule memory-management/mmap_and_munmap.scml:14)`, prefixed by the syscall.
 * `place` says where a rule is for people (runtime/report/rule-set.ts rulePlace); by default its file and line.
 */
export function reasonMessage(reason: Reason, place: (file: string, line: number) => string = (file, line) => `${file}:${line}`): string {
  const where = reason.path === '' ? '' : `${reason.path}: `;
  const rule = reason.rule === null ? '' : ` (rule ${place(reason.rule.file, reason.rule.line)})`;
  return `${reason.syscall}: ${where}${reason.detail}${rule}`;
}
