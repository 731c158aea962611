/**
 * One function per syscall: its rules tried in IR order. Argument count
 * first; an unconstrained parameter never touches `call.arg(i)`; each
 * top-level argument is decoded at most once per call (`v1`), and its flag
 * mask computed at most once (`m1`), shared by all rules.
 */
import type { IR, SyscallRule } from '../../runtime/ir';
import { _, Code, comment, hex, join, Name } from '../codegen/code';
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

  for (const id of ruleIds) {
    const rule = ir.rules[id];
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
  if (!exhaustive) lines.push(_`return -1;`);

  const decls: Code[] = [_`const ${n} = call.argCount();`];
  for (const i of [...values.keys()].sort((a, b) => a - b)) decls.push(_`let ${values.get(i) as Name}: Value | undefined;`);
  for (const i of [...masks.keys()].sort((a, b) => a - b)) {
    const m = masks.get(i) as { name: Name; wide: boolean };
    decls.push(m.wide ? _`let ${m.name}: number[] | undefined;` : _`let ${m.name}: number | undefined;`);
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
