/**
 * `--suggest-scml`: SCML that, added to the rules, makes every unsupported
 * call of the run supported, and no more than needed.
 *
 * Each unsupported call is folded into a draft rule keyed by its closest
 * rule (and, when the argument count is the problem, by its count):
 * - a draft starts as a copy of the closest rule, and each call widens it
 *   minimally (see widen.ts), so flags of all its calls are merged;
 * - `arg-count`: the closest rule cut or extended to the observed count;
 * - `no-rule`: one rule per observed argument count, all parameters
 *   unconstrained.
 * Drafts are IR rules, so tests can check them with the matcher directly.
 */
import type { CallView } from '../../abi';
import { diagnose } from '../../explain/diagnose';
import type { Reason } from '../../explain/reason';
import type { IR, Param, SyscallRule } from '../../ir';
import { commentText, ScmlWriter } from './scml-text';
import { widen } from './widen';

export interface DraftRule {
  syscall: string;
  /** Id of the rule it widens; -1 for a syscall without rules. */
  base: number;
  params: Param[];
  variadic: boolean;
  /** Calls folded into it. */
  count: number;
  example: { line: number; text: string };
}

export interface SuggestedCall extends CallView {
  readonly line: number;
  readonly text: string;
}

/** `arg0, arg1, ...`: unconstrained parameters. */
function anyParams(count: number): Param[] {
  const params: Param[] = [];
  for (let i = 0; i < count; i++) params.push({ name: `arg${i}`, pattern: { kind: 'any' } });
  return params;
}

export class ScmlSuggester {
  private readonly drafts = new Map<string, DraftRule>();

  constructor(private readonly ir: IR) {}

  /** Fold one unsupported call, with the reason explain() gave for it. */
  add(call: SuggestedCall, reason: Reason): void {
    const count = call.argCount();
    const base = reason.rule === null ? null : this.ir.rules[reason.rule.id];
    const reshaped = reason.kind === 'no-rule' || reason.kind === 'arg-count';
    const key = `${call.name}\u0000${base?.id ?? -1}\u0000${reshaped ? count : '*'}`;
    let draft = this.drafts.get(key);
    if (draft === undefined) {
      draft = this.start(call, base, count, reshaped);
      this.drafts.set(key, draft);
    }
    draft.count++;
    for (let i = 0; i < draft.params.length && i < count; i++) {
      const param = draft.params[i];
      const value = call.arg(i);
      // Most calls fit a draft that earlier calls already widened.
      if (diagnose(param.pattern, value, param.name) !== null) param.pattern = widen(param.pattern, value);
    }
  }

  private start(call: SuggestedCall, base: SyscallRule | null, count: number, reshaped: boolean): DraftRule {
    const example = { line: call.line, text: call.text };
    if (base === null) {
      return { syscall: call.name, base: -1, params: anyParams(count), variadic: false, count: 0, example };
    }
    let params: Param[] = structuredClone(base.params);
    if (reshaped) {
      // Keep the constraints of the parameters the call has; unconstrained names for extra ones.
      params = params.slice(0, count);
      params.push(...anyParams(count).slice(params.length));
    }
    return { syscall: call.name, base: base.id, params, variadic: base.variadic, count: 0, example };
  }

  /** The drafts, by syscall name, then by first call seen. */
  rules(): DraftRule[] {
    return [...this.drafts.values()].sort((a, b) => (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : 0));
  }

  /** The suggestion as one SCML file. Drafts that come out as the same text are written once. */
  text(): string {
    const writer = new ScmlWriter();
    const byText = new Map<string, { drafts: DraftRule[]; count: number }>();
    let calls = 0;
    for (const draft of this.rules()) {
      calls += draft.count;
      const rule = writer.rule(draft.syscall, draft.params, draft.variadic);
      const entry = byText.get(rule) ?? { drafts: [], count: 0 };
      entry.drafts.push(draft);
      entry.count += draft.count;
      byText.set(rule, entry);
    }
    const blocks: string[] = [];
    for (const [rule, { drafts, count }] of byText) {
      const first = drafts[0];
      const base = first.base < 0 ? 'no rule for this syscall' : `widens ${this.where(first.base)}`;
      const plural = count === 1 ? 'call' : 'calls';
      blocks.push(
        `// ${count} ${plural} (${base}), e.g. line ${first.example.line}:\n` +
          `//   ${commentText(first.example.text)}\n${rule}\n`,
      );
    }
    let out = `// SCML suggested by sctrace: ${blocks.length} rules for ${calls} unsupported calls.\n`;
    out += '// Add this file to the rules; review each rule before keeping it.\n\n';
    if (writer.definitions.length > 0) out += `${writer.definitions.join('\n')}\n\n`;
    return out + blocks.join('\n');
  }

  private where(id: number): string {
    const origin = this.ir.rules[id].origin;
    return `rule ${commentText(origin.file, 200)}:${origin.line}`;
  }
}
