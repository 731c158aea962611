/**
 * Which argument positions of a call can change its verdict, per syscall,
 * read off the IR: a position that no rule constrains is never looked at
 * (an `any` parameter; the count is a separate test). The verdict memo
 * (verdict-memo.ts) keys on the text of these positions only.
 *
 * Positions are as judged (clone's two inserted ones counted), on the
 * printed call. For a syscall with a printing rule (linux/printing.ts), the
 * kernel view reads the operation and takes kernel positions from printed
 * ones that depend on the command: every printed position that can carry a
 * constrained kernel position is included, for any command. A position
 * where a value may be several candidate names (linux/value-aliases.ts) is
 * included too.
 */
import type { IR } from '../ir';
import type { PrintingRule } from '../../linux/printing-rule';
import { candidatePosition } from '../../linux/value-aliases';

/** Syscall → sorted positions whose text may change the verdict of `match` (what the kernel received). */
export function readPositions(ir: IR, printingOf: (syscall: string) => PrintingRule | undefined): Map<string, readonly number[]> {
  const constrained = new Map<string, Set<number>>();
  for (const rule of ir.rules) {
    let set = constrained.get(rule.syscall);
    if (set === undefined) constrained.set(rule.syscall, (set = new Set()));
    rule.params.forEach((param, i) => {
      if (param.pattern.kind !== 'any') set.add(i);
    });
  }
  const out = new Map<string, readonly number[]>();
  for (const [name, set] of constrained) {
    const read = new Set(set);
    const printing = printingOf(name);
    if (printing !== undefined) {
      read.add(printing.op);
      for (const printed of [...printing.commands.map(([, positions]) => positions), printing.other]) {
        printed.forEach((kernel, j) => {
          if (set.has(kernel)) read.add(j);
        });
      }
    }
    const candidates = candidatePosition(name);
    if (candidates >= 0) read.add(candidates);
    out.set(name, [...read].sort((a, b) => a - b));
  }
  return out;
}
