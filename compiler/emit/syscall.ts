/**
 * One function per syscall: its rules tried in IR order. Argument count
 * first; an unconstrained parameter never touches `call.arg(i)`; each
 * top-level argument is decoded at most once per call (`v1`), and its flag
 * mask computed at most once (`m1`), shared by all rules. A rule that
 * repeats an earlier one of the function (same argument count and patterns)
 * can never be the first match and gets no code of its own (it stays in the
 * IR; the interpreter tries it and also returns the earlier id). "Same" is
 * check-duplicate-rules.ts's behaviourKey, the rules scmlc warns about.
 */
import type { IR, SyscallRule } from '../../runtime/ir';
import { _, annotation, Code, comment, hex, join, Name } from '../codegen/code';
import { behaviourKey } from '../check-duplicate-rules';
import { topSite } from './flag-tables';
import { EmitContext, emitPredicate, TopLevel } from './predicates';

export interface SyscallFunction {
  name: Name;
  syscall: string;
  /** `call`, or `_call` when a `(..)` rule makes the body ignore it. */
  param: Name;
  /** `u`, the view's unprinted positions (runtime/abi.ts CallView), or `_u` when no test reads it. */
  unprinted: Name;
  body: Code[];
}

/** Positions from 31 on are never unprinted (runtime/abi.ts CallView). */
const MAX_UNPRINTED_POSITION = 30;

/** A one-line summary of a rule for its comment: whitespace collapsed, cut at 120 characters. */
function ruleSummary(rule: SyscallRule): string {
  // By code point, so a cut never splits a surrogate pair.
  const chars = [...rule.text.replace(/\s+/g, ' ').trim()];
  return chars.length > 120 ? chars.slice(0, 117).join('') + '...' : chars.join('');
}

/** The comment that stands for the rules left out as repeats. */
function repeatsNote(ids: readonly number[]): Code {
  const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, ... (${ids.length} rules)` : ids.join(', ');
  return comment(`rule${ids.length === 1 ? '' : 's'} ${shown}: repeat${ids.length === 1 ? 's' : ''} an earlier rule here, never the first match`);
}

export function emitSyscall(ctx: EmitContext, ir: IR, syscall: string, ruleIds: readonly number[], name: Name): SyscallFunction {
  const n = new Name('n');
  const u = new Name('u');
  let usesUnprinted = false;
  const values = new Map<number, Name>();
  const masks = new Map<number, { name: Name; wide: boolean }>();
  const lines: Code[] = [];
  let usesCount = false;
  let exhaustive = false;

  const valueAt = (i: number): Code => {
    let v = values.get(i);
    if (v === undefined) values.set(i, (v = new Name(`v${i}`)));
    return _`(${v} ??= call.arg(${i}))`;
  };

  const seen = new Set<string>();
  const repeats: number[] = [];
  for (const id of ruleIds) {
    const rule = ir.rules[id];
    const key = behaviourKey(rule);
    if (seen.has(key)) {
      repeats.push(rule.id);
      continue;
    }
    seen.add(key);
    const o = rule.origin;
    lines.push(comment(`rule ${rule.id} — ${o.file}:${o.line}:${o.column}: ${ruleSummary(rule)}`));
    const count = rule.variadic ? (rule.params.length === 0 ? null : _`${n} >= ${rule.params.length}`) : _`${n} === ${rule.params.length}`;
    const tests: Code[] = count === null ? [] : [count];
    if (count !== null) usesCount = true;
    rule.params.forEach((param, i) => {
      if (param.pattern.kind === 'any') return;
      let top: TopLevel | undefined;
      if (param.pattern.kind === 'flags') {
        const site = topSite(syscall, i);
        let m = masks.get(i);
        if (m === undefined) masks.set(i, (m = { name: new Name(`m${i}`), wide: ctx.tables.table(site).wide }));
        top = { site, maskCache: m.name };
      }
      const test = emitPredicate(ctx, param.pattern, valueAt(i), top);
      // An unprinted position matches every pattern (twin: matchRule's isUnprinted).
      if (i > MAX_UNPRINTED_POSITION) {
        tests.push(test);
      } else {
        usesUnprinted = true;
        tests.push(_`((${u} & ${hex(2 ** i)}) !== 0 || ${test})`);
      }
    });
    if (tests.length === 0) {
      // Matches every call of this name: later rules can never be reached.
      lines.push(_`return ${rule.id};`);
      exhaustive = true;
      break;
    }
    lines.push(_`if (${join(tests, _` && `)}) return ${rule.id};`);
  }
  if (repeats.length > 0) lines.push(repeatsNote(repeats));
  if (!exhaustive) lines.push(_`return -1;`);

  const decls: Code[] = [_`const ${n} = call.argCount();`];
  for (const i of [...values.keys()].sort((a, b) => a - b)) decls.push(_`let ${values.get(i) as Name}${annotation(_`Value | undefined`)};`);
  for (const i of [...masks.keys()].sort((a, b) => a - b)) {
    const m = masks.get(i) as { name: Name; wide: boolean };
    decls.push(_`let ${m.name}${annotation(m.wide ? _`number[] | undefined` : _`number | undefined`)};`);
  }
  // Without a count test (the first rule is `(..)`), `n` and `call` go unused.
  const param = new Name(usesCount ? 'call' : '_call');
  return {
    name,
    syscall,
    param,
    unprinted: usesUnprinted ? u : new Name('_u'),
    body: [...(usesCount ? decls : decls.slice(1)), ...lines],
  };
}
