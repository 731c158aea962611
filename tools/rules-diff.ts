/**
 * What changed between two versions of a rule set, for `npm run
 * refresh-rules`: files added, removed or changed, and per syscall the rules
 * added and removed. A rule is compared by what it accepts (its parameters'
 * resolved patterns), not by where it stands, so moving a rule to another
 * line or file is no change; a rule whose text is unchanged but whose named
 * flags or structs changed is reported as changed.
 */
import { behaviourKey } from '../compiler/check-duplicate-rules';
import type { IR, SyscallRule } from '../runtime/ir';

export interface RuleSetVersion {
  /** Path (relative to the set's folder) → sha256 of the file. */
  files: Map<string, string>;
  ir: IR;
}

export interface SyscallChange {
  syscall: string;
  /** Rule texts (one line, comments dropped) only in the new version. */
  added: string[];
  removed: string[];
  /** Same text in both, different meaning: a named flag set or struct it uses changed. */
  changed: string[];
}

export interface RulesDiff {
  files: { added: string[]; removed: string[]; changed: string[] };
  rules: { before: number; after: number };
  syscalls: { before: number; after: number };
  /** Syscalls whose rules changed, by name. */
  changes: SyscallChange[];
}

export function diffRuleSets(before: RuleSetVersion, after: RuleSetVersion): RulesDiff {
  const names = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  const files = {
    added: names.filter((n) => !before.files.has(n)),
    removed: names.filter((n) => !after.files.has(n)),
    changed: names.filter((n) => before.files.has(n) && after.files.has(n) && before.files.get(n) !== after.files.get(n)),
  };
  const old = rulesBySyscall(before.ir);
  const now = rulesBySyscall(after.ir);
  const changes: SyscallChange[] = [];
  for (const syscall of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const removedRules = without(old.get(syscall) ?? [], now.get(syscall) ?? []);
    const addedRules = without(now.get(syscall) ?? [], old.get(syscall) ?? []);
    const removedTexts = removedRules.map(ruleText);
    const addedTexts = addedRules.map(ruleText);
    const changed = removedTexts.filter((t) => addedTexts.includes(t));
    const change: SyscallChange = {
      syscall,
      added: addedTexts.filter((t) => !changed.includes(t)),
      removed: removedTexts.filter((t) => !changed.includes(t)),
      changed: [...new Set(changed)],
    };
    if (change.added.length + change.removed.length + change.changed.length > 0) changes.push(change);
  }
  return {
    files,
    rules: { before: before.ir.rules.length, after: after.ir.rules.length },
    syscalls: { before: before.ir.syscalls.length, after: after.ir.syscalls.length },
    changes,
  };
}

/** The diff as text for the terminal; `from`/`to` name the versions. */
export function formatRulesDiff(diff: RulesDiff, from: string, to: string): string {
  let out = `${from} -> ${to}\n`;
  const { added, removed, changed } = diff.files;
  out += `files: ${added.length} added, ${removed.length} removed, ${changed.length} changed\n`;
  for (const f of added) out += `  + ${f}\n`;
  for (const f of removed) out += `  - ${f}\n`;
  for (const f of changed) out += `  ~ ${f}\n`;
  out += `rules: ${diff.rules.before} -> ${diff.rules.after}, for ${diff.syscalls.before} -> ${diff.syscalls.after} syscalls\n`;
  if (diff.changes.length === 0) out += '  no rule added or removed\n';
  for (const c of diff.changes) {
    const counts = [`+${c.added.length}`, `-${c.removed.length}`, ...(c.changed.length > 0 ? [`~${c.changed.length}`] : [])];
    out += `  ${c.syscall}: ${counts.join(' ')}\n`;
    for (const t of c.added) out += `    + ${t}\n`;
    for (const t of c.removed) out += `    - ${t}\n`;
    for (const t of c.changed) out += `    ~ ${t}  (a named flag set or struct it uses changed)\n`;
  }
  return out;
}

function rulesBySyscall(ir: IR): Map<string, SyscallRule[]> {
  const map = new Map<string, SyscallRule[]>();
  for (const rule of ir.rules) {
    const list = map.get(rule.syscall) ?? [];
    list.push(rule);
    map.set(rule.syscall, list);
  }
  return map;
}

/** The rules of `from` not in `other`, as a multiset: a rule written twice and kept once is one removal. */
function without(from: SyscallRule[], other: SyscallRule[]): SyscallRule[] {
  const left = new Map<string, number>();
  for (const r of other) left.set(behaviourKey(r), (left.get(behaviourKey(r)) ?? 0) + 1);
  return from.filter((r) => {
    const n = left.get(behaviourKey(r)) ?? 0;
    if (n === 0) return true;
    left.set(behaviourKey(r), n - 1);
    return false;
  });
}

/** The rule's text on one line, comments dropped (SCML has no string literals to protect). */
function ruleText(rule: SyscallRule): string {
  return rule.text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
