/**
 * The helpers that every emitted matcher module carries inline (a module
 * imports nothing). This file is their one source: the interpreter calls
 * them (runtime/match/predicates.ts, kernel-view.ts, the reader's
 * isNumericPart), and tools/prelude-text.ts copies each declaration's text,
 * as TypeScript and as JavaScript, into compiler/emit/prelude-text.ts
 * (`npm run prelude`), from which the emitter inlines the ones a module uses.
 * tests/compiler/emit/prelude.test.ts fails when the two differ.
 *
 * Rules for what goes here: every top-level declaration is inlined on its
 * own, so it may refer only to the others here and to the ABI types
 * (Value, StructValue, CallView), never to imports or module state; numbers
 * are written as literals (bit 0 / bit 1 of a flag mask: see
 * compiler/emit/flag-tables.ts UNKNOWN_BIT, NUMERIC_BIT).
 */
import type { CallView, StructValue, Value } from '../abi';

/** The integer zero as strace prints it: 0, 00, 0x0. */
export function isZero(text: string): boolean {
  return /^(?:0+|0[xX]0+)$/.test(text);
}

/** A flag part that is a number: `-?number((<<|*)number)*`, decimal, octal or `0x` hex (`-1`, `0x40`, `1<<20`, `4*1024`); `1<<CAP_CHOWN` is a symbol. */
export function isNumericPart(p: string): boolean {
  const n = p.length;
  let i = p.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  for (;;) {
    const from = i;
    if (p.charCodeAt(i) === 48 && (p.charCodeAt(i + 1) | 32) === 120 /* 0x */) {
      i += 2;
      const hex = i;
      for (let c = p.charCodeAt(i); (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102); c = p.charCodeAt(++i));
      if (i === hex) return false;
    } else {
      for (let c = p.charCodeAt(i); c >= 48 && c <= 57; c = p.charCodeAt(++i));
      if (i === from) return false;
    }
    if (i === n) return true;
    if (p.charCodeAt(i) === 42 /* * */) i++;
    else if (p.charCodeAt(i) === 60 && p.charCodeAt(i + 1) === 60 /* << */) i += 2;
    else return false;
  }
}

/** NULL, which strace prints for a null pointer: it matches any struct or array pattern. */
export function isNull(v: Value): boolean {
  return v.kind === "flags" && v.parts.length === 1 && v.parts[0] === "NULL";
}

/** <PATH>: a quoted string or an fd decorated with a path. */
export function isPath(v: Value): boolean {
  return v.kind === "str" || (v.kind === "int" && v.path !== undefined);
}

/** The first struct member with this name. */
export function field(v: StructValue, name: string): Value | undefined {
  for (const f of v.fields) if (f.name === name) return f.value;
  return undefined;
}

/**
 * A value's bits at one flag site (the emitted form of matchFlags). Zero sets
 * no bit; any other integer or numeric part sets bit 1 (2); a symbol not in
 * the table, or a value that is not a flag combination, sets bit 0 (1).
 */
export function flagMask(v: Value, bits: ReadonlyMap<string, number>): number {
  if (v.kind === "int") return isZero(v.text) ? 0 : 2;
  if (v.kind !== "flags") return 1;
  let m = 0;
  for (const p of v.parts) m |= isNumericPart(p) ? 2 : (bits.get(p) ?? 1);
  return m;
}

/** flagMask for sites with more than 32 bits: `bits` holds bit indexes; the mask is 32-bit words. */
export function flagMaskWide(v: Value, bits: ReadonlyMap<string, number>, words: number): number[] {
  const m = new Array<number>(words).fill(0);
  if (v.kind === "int") {
    if (!isZero(v.text)) m[0] = 2;
  } else if (v.kind !== "flags") {
    m[0] = 1;
  } else {
    for (const p of v.parts) {
      if (isNumericPart(p)) m[0] |= 2;
      else {
        const i = bits.get(p);
        if (i === undefined) m[0] |= 1;
        else m[i >>> 5] |= 1 << (i & 31);
      }
    }
  }
  return m;
}

/** Every bit of a wide mask is allowed. */
export function within(m: readonly number[], allowed: readonly number[]): boolean {
  // allowed: (word index, bits) pairs, ascending, for the words that allow any bit.
  let j = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === 0) continue;
    while (j < allowed.length && allowed[j] < i) j += 2;
    const bits = j < allowed.length && allowed[j] === i ? allowed[j + 1] : 0;
    if ((m[i] & ~bits) !== 0) return false;
  }
  return true;
}

/** How strace prints one syscall (linux/printing.ts), as a module constant: the tables as Maps, and a cache of expanded values. */
export interface Printing {
  kernelArgs: number;
  op: number;
  combined: ReadonlyMap<string, readonly string[]>;
  commands: ReadonlyMap<string, readonly number[]>;
  other: readonly number[];
  expanded: WeakMap<Value, Value | null>;
}

/** What arg(i) gives at an unprinted position; no predicate reads it (the position matches anyway). */
export const UNPRINTED: Value = Object.freeze({ kind: "other", text: "" }) as Value;

/** The call with the combined names at its operation argument expanded. */
export class ExpandedView implements CallView {
  constructor(private readonly call: CallView, private readonly op: number, private readonly value: Value) {}
  get name(): string {
    return this.call.name;
  }
  get unprinted(): number | undefined {
    return this.call.unprinted;
  }
  argCount(): number {
    return this.call.argCount();
  }
  arg(i: number): Value {
    return i === this.op ? this.value : this.call.arg(i);
  }
}

/**
 * The call with the combined names at its operation argument expanded, or the
 * call itself. `u`: the call's unprinted positions. Expanded values are kept
 * per value: the reader shares the value objects of common symbolic arguments.
 */
export function expandOp(call: CallView, u: number, p: Printing): CallView {
  if (call.argCount() <= p.op || (u & (1 << p.op)) !== 0) return call;
  const v = call.arg(p.op);
  if (v.kind !== "flags") return call;
  let expanded = p.expanded.get(v);
  if (expanded === undefined) {
    let parts: string[] | undefined;
    for (let i = 0; i < v.parts.length; i++) {
      const e = p.combined.get(v.parts[i]);
      if (e !== undefined) (parts ??= v.parts.slice(0, i)).push(...e);
      else parts?.push(v.parts[i]);
    }
    expanded = parts === undefined ? null : { kind: "flags", parts };
    p.expanded.set(v, expanded);
  }
  return expanded === null ? call : new ExpandedView(call, p.op, expanded);
}

/** The kernel positions strace prints for this operation value (expanded or not). */
export function printedPositions(v: Value, p: Printing): readonly number[] {
  if (v.kind === "flags") {
    for (const part of v.parts) {
      for (const name of p.combined.get(part) ?? [part]) {
        const positions = p.commands.get(name);
        if (positions !== undefined) return positions;
      }
    }
  }
  return p.other;
}

/** A call's kernel view: every kernel position, the ones strace did not print marked unprinted. */
export class KernelView implements CallView {
  constructor(private readonly call: CallView, private readonly at: readonly number[], readonly unprinted: number) {}
  get name(): string {
    return this.call.name;
  }
  argCount(): number {
    return this.at.length;
  }
  arg(k: number): Value {
    const j = this.at[k];
    return j === undefined || j < 0 ? UNPRINTED : this.call.arg(j);
  }
}

/**
 * The call's kernel view; null when it would add nothing (strace printed
 * every kernel argument) or cannot be built (the operation was not printed,
 * or the line has another argument count than the operation prints).
 */
export function kernelView(call: CallView, u: number, p: Printing): KernelView | null {
  const n = call.argCount();
  if (n <= p.op || (u & (1 << p.op)) !== 0) return null;
  const positions = printedPositions(call.arg(p.op), p);
  if (positions.length !== n || n === p.kernelArgs) return null;
  // at[k]: the printed position of kernel position k, or -1.
  const at = new Array<number>(p.kernelArgs).fill(-1);
  let unprinted = 2 ** p.kernelArgs - 1;
  for (let j = 0; j < n; j++) {
    at[positions[j]] = j;
    if ((u & (1 << j)) === 0) unprinted &= ~(1 << positions[j]);
  }
  return new KernelView(call, at, unprinted);
}
