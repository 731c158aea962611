/**
 * `--coverage`: how many calls each rule matched first, the rules no call
 * matched, how much of x86_64 Linux the rules cover, the syscalls in the
 * log that no rule names, and the Linux flags the rules never mention, as
 * text for stderr.
 */
import { flagCoverage } from './flag-coverage';
import type { GapTally } from './gap-tally';
import { x86_64Syscall, x86_64SyscallNames } from '../../linux/syscall-table';

/** The x86_64 syscalls that some rule names, and the whole table's size. */
export function x86_64Coverage(tally: GapTally): { covered: number; total: number } {
  const covered = tally.ir.syscalls.filter((s) => x86_64Syscall(s.name) !== undefined).length;
  return { covered, total: x86_64SyscallNames().length };
}

/** Syscalls seen in the log that no rule names, most calls first (then by name). */
export function syscallsWithoutRules(tally: GapTally): [string, number][] {
  const ruled = new Set(tally.ir.syscalls.map((s) => s.name));
  return [...tally.callsByName.entries()]
    .filter(([name]) => !ruled.has(name))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function syscallLabel(name: string): string {
  const info = x86_64Syscall(name);
  return info === undefined ? `${name} (not an x86_64 syscall)` : `${name} (${info.number})`;
}

export function coverageText(tally: GapTally): string {
  const rules = tally.ir.rules;
  const used = rules.filter((r) => tally.ruleHits[r.id] > 0).sort((a, b) => tally.ruleHits[b.id] - tally.ruleHits[a.id] || a.id - b.id);
  const unused = rules.filter((r) => tally.ruleHits[r.id] === 0);
  let out = `\nRule coverage (calls matched first by each rule; ${used.length} of ${rules.length} rules used):\n`;
  for (const rule of used) {
    out += `  ${String(tally.ruleHits[rule.id]).padStart(7)}  ${rule.origin.file}:${rule.origin.line}  ${rule.syscall}\n`;
  }
  out += `Rules no call matched (${unused.length}):\n`;
  for (const rule of unused) out += `  ${rule.origin.file}:${rule.origin.line}  ${rule.syscall}\n`;
  const { covered, total } = x86_64Coverage(tally);
  out += `The rules name ${covered} of the ${total} x86_64 Linux syscalls.\n`;
  const missing = syscallsWithoutRules(tally);
  out += `Syscalls in the log with no rule (${missing.length}):\n`;
  for (const [name, calls] of missing) out += `  ${String(calls).padStart(7)}  ${syscallLabel(name)}\n`;
  return out + flagCoverageText(tally);
}

/** Per constrained argument: how many of strace's names the rules allow, and the ones they never mention. */
function flagCoverageText(tally: GapTally): string {
  const args = flagCoverage(tally.ir).filter((a) => a.neverMentioned.length > 0);
  let out = `Flags strace prints that the rules never mention (${args.length} arguments; x86_64, strace's tables):\n`;
  for (const a of args) {
    const of = a.allowed.length + a.neverMentioned.length;
    out += `  ${a.syscall} ${a.parameter} (argument ${a.argument}, ${a.table}): ${a.allowed.length} of ${of} allowed; never mentioned: ${a.neverMentioned.join(', ')}\n`;
  }
  return out;
}
