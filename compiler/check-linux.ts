/**
 * Warn about rules that can never match a call on x86_64 Linux, from the
 * facts in linux/: a syscall name the kernel does not have (with the closest
 * real name), and a parameter count that no strace line of the syscall can
 * have (only where linux/fixed-print-counts.ts proves the count).
 * Warnings, not errors: a rule set may describe more than x86_64 Linux.
 * They are for rule authors (topic 'linux'): scmlc prints them; sctrace does
 * not repeat them on every run, and its --explain says it per call.
 */
import type { DiagnosticBag } from './diagnostics';
import type { ResolvedRule } from './resolve';
import { closestName } from './suggest';
import { fixedPrintCount } from '../linux/fixed-print-counts';
import { x86_64Syscall, x86_64SyscallNames } from '../linux/syscall-table';

function parameters(n: number): string {
  return `${n} parameter${n === 1 ? '' : 's'}`;
}

/**
 * The real syscall a name most likely means: the shortest one containing it
 * (umount → umount2, sigpending → rt_sigpending), else the closest by edit
 * distance.
 */
function nearestSyscall(name: string): string | null {
  const names = x86_64SyscallNames();
  const containing = name.length < 4 ? [] : names.filter((n) => n.includes(name)).sort((a, b) => a.length - b.length);
  return containing[0] ?? closestName(name, names);
}

export function checkLinux(rules: readonly ResolvedRule[], diagnostics: DiagnosticBag): void {
  for (const { rule, node } of rules) {
    const { source, start, end } = node.name.span;
    if (x86_64Syscall(rule.syscall) === undefined) {
      const near = nearestSyscall(rule.syscall);
      const hint = near === null ? '' : `; did you mean '${near}'?`;
      diagnostics.warning(source, start, end, `x86_64 Linux has no system call '${rule.syscall}', so no call can match this rule${hint}`, 'linux');
      continue;
    }
    const fixed = fixedPrintCount(rule.syscall);
    if (fixed === undefined) continue;
    const n = rule.params.length;
    if (rule.variadic ? n <= fixed.count : n === fixed.count) continue;
    const has = rule.variadic ? `at least ${parameters(n)}` : parameters(n);
    diagnostics.warning(
      source,
      start,
      end,
      `strace always prints ${fixed.count} arguments for '${rule.syscall}' (${fixed.decoder}); this rule has ${has}, so it never matches`,
      'linux',
    );
  }
}
