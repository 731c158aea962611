/**
 * What the kernel received, in emitted code (docs/behaviour.md section 5). For a
 * syscall that has rules and a printing rule (linux/printing.ts): the
 * printing rule inlined as a constant (a module imports nothing), the
 * syscall's rules compiled again with combined names expanded, and a function
 * that tries them on the printed view (operation expanded), then on the
 * kernel view.
 *
 * TWIN: runtime/interpret.ts `match` (with runtime/match/kernel-view.ts).
 */
import type { PrintingRule } from '../../linux/printing-rule';
import { _, Code, comment, literal, Name, typeOnly } from '../codegen/code';
import type { ConstantPool } from './pool';

export interface KernelFunction {
  name: Name;
  syscall: string;
  body: Code[];
}

/** The printing rule as a module constant (pooled: one per syscall). */
function emitPrinting(pool: ConstantPool, printing: PrintingRule): Name {
  const init = _`{
  kernelArgs: ${printing.kernelArgs},
  op: ${printing.op},
  combined: new Map${typeOnly(_`<string, readonly string[]>`)}(${literal(printing.combined, 2, 1, 1)}),
  commands: new Map${typeOnly(_`<string, readonly number[]>`)}(${literal(printing.commands, 2, 1, 1)}),
  other: ${literal(printing.other)},
  expanded: new WeakMap(),
}`;
  return pool.constant('printing', _`Printing`, init, comment(`how strace prints ${printing.syscall} (${printing.source}; linux/printing.ts)`));
}

/** `expanded`: the syscall function compiled from the expanded rules. */
export function emitKernelFunction(pool: ConstantPool, printing: PrintingRule, expanded: Name, name: Name): KernelFunction {
  const p = emitPrinting(pool, printing);
  const body = [
    _`const printed = expandOp(call, u, ${p});`,
    _`const id = ${expanded}(printed, u);`,
    _`if (id >= 0) return id;`,
    _`const kernel = kernelView(printed, u, ${p});`,
    _`return kernel === null ? -1 : ${expanded}(kernel, kernel.unprinted);`,
  ];
  return { name, syscall: printing.syscall, body };
}
