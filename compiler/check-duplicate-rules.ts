/**
 * Warn about a syscall rule identical to an earlier one (in any file): it
 * can never be the first rule to match, so it only adds noise.
 */
import type { DiagnosticBag } from './diagnostics';
import type { ResolvedRule } from './resolve';
import type { SyscallRule } from '../runtime/ir';

/**
 * What makes two rules behave the same: all but parameter names, struct names
 * and origins (used only in messages). Also how `npm run refresh-rules`
 * (tools/rules-diff.ts) tells a moved rule from a changed one.
 */
export function behaviourKey(rule: SyscallRule): string {
  return JSON.stringify(
    { s: rule.syscall, v: rule.variadic, p: rule.params.map((p) => p.pattern) },
    function (this: Record<string, unknown>, key: string, value: unknown) {
      if (key === 'origin') return undefined;
      if (key === 'name' && this.kind === 'struct') return undefined;
      return value;
    },
  );
}

export function checkDuplicateRules(rules: readonly ResolvedRule[], diagnostics: DiagnosticBag): void {
  const first = new Map<string, SyscallRule>();
  for (const { rule, node } of rules) {
    const key = behaviourKey(rule);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, rule);
      continue;
    }
    const o = earlier.origin;
    diagnostics.warning(
      node.name.span.source,
      node.name.span.start,
      node.name.span.end,
      `this '${rule.syscall}' rule is identical to the one at ${o.file}:${o.line}:${o.column}; it adds nothing`,
    );
  }
}
