/**
 * When a call is supported only because it was read as the kernel received
 * it (docs/behaviour.md section 5), say so and how: which combined names were
 * split and which arguments strace had not printed. Used by --explain and
 * the summary; only for syscalls with a printing rule, so it costs nothing
 * for the rest.
 */
import type { CallView } from '../abi';
import type { IR, SyscallRule } from '../ir';
import { createInterpreter, matchRule, type Interpreter } from '../interpret';
import { expandedView, expandRule, expandValue, isUnprinted, kernelView } from '../match/kernel-view';
import { printingRule } from '../../linux/printing';
import { valueText } from './value-text';

export interface KernelNote {
  /** The rule that matched. */
  rule: SyscallRule;
  /** Combined names read as their parts: `FUTEX_WAKE_PRIVATE` → `FUTEX_WAKE|FUTEX_PRIVATE_FLAG`. */
  expanded: { printed: string; parts: string } | null;
  /** Names (from the rule) of the kernel arguments strace did not print, when the kernel view decided. */
  unprinted: string[];
  /** The kernel's argument count, when the kernel view decided. */
  kernelArgs: number | null;
}

const interpreters = new WeakMap<IR, Interpreter>();

function interpreterOf(ir: IR): Interpreter {
  let i = interpreters.get(ir);
  if (i === undefined) interpreters.set(ir, (i = createInterpreter(ir)));
  return i;
}

/** Null unless the call is supported as the kernel received it and not as printed. */
export function kernelNote(ir: IR, call: CallView): KernelNote | null {
  const printing = printingRule(call.name);
  if (printing === undefined) return null;
  const interpreter = interpreterOf(ir);
  const id = interpreter.match(call);
  if (id < 0 || interpreter.matchAsPrinted(call) >= 0) return null;
  const rule = ir.rules[id];
  const expandedRule = expandRule(rule, printing);
  const printed = expandedView(call, printing);
  const op = call.argCount() > printing.op ? call.arg(printing.op) : null;
  const expanded =
    printed === call || op === null ? null : { printed: valueText(op), parts: valueText(expandValue(op, printing)) };
  if (matchRule(expandedRule, printed)) return { rule, expanded, unprinted: [], kernelArgs: null };
  const kernel = kernelView(printed, printing) as CallView;
  const mask = kernel.unprinted ?? 0;
  const unprinted = rule.params.filter((_p, i) => isUnprinted(mask, i)).map((p) => p.name);
  return { rule, expanded, unprinted, kernelArgs: printing.kernelArgs };
}

/** `futex: supported as the kernel received it: FUTEX_WAKE_PRIVATE is FUTEX_WAKE|FUTEX_PRIVATE_FLAG; ...`. */
/** `place`: where a rule is for people (runtime/report/rule-set.ts rulePlace); by default its file and line. */
export function kernelNoteMessage(syscall: string, note: KernelNote, place: (file: string, line: number) => string = (file, line) => `${file}:${line}`): string {
  const parts: string[] = [];
  if (note.expanded !== null) parts.push(`${note.expanded.printed} is ${note.expanded.parts}`);
  if (note.kernelArgs !== null) {
    const which = note.unprinted.length === 0 ? '' : `: ${note.unprinted.join(', ')}`;
    parts.push(`strace left out ${note.unprinted.length} of the ${note.kernelArgs} kernel arguments${which}`);
  }
  const o = note.rule.origin;
  return `${syscall}: supported as the kernel received it: ${parts.join('; ')} (rule ${place(o.file, o.line)}; --as-printed: unsupported)`;
}
