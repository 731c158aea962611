/**
 * Fixed text of every emitted module: the ABI types (repeated as types only,
 * since a generated module imports nothing) and the runtime helpers the
 * emitted predicates call.
 *
 * TWIN: the helpers are the emitted counterparts of runtime/match/predicates.ts
 * (isZero, isNumericPart, isNull, matchPath, matchAlternative's field lookup,
 * matchFlags as bit masks) and of runtime/match/kernel-view.ts (expandOp,
 * kernelView, printedPositions, UNPRINTED). Change one, change the other.
 */
import { _, Code } from '../codegen/code';
import { IR_VERSION } from '../../runtime/ir';
import { NUMERIC_BIT, UNKNOWN_BIT } from './flag-tables';

/** Types from runtime/abi.ts and runtime/ir.ts, kept structurally identical (tested by type-checking golden.ts against MatcherModule). */
export const PRELUDE_TYPES: Code[] = [
  _`type Value = IntValue | FlagsValue | StrValue | StructValue | ArrayValue | OtherValue;`,
  _`interface IntValue { kind: "int"; text: string; path?: string }`,
  _`interface FlagsValue { kind: "flags"; parts: string[] }`,
  _`interface StrValue { kind: "str"; text: string }`,
  _`interface StructValue { kind: "struct"; fields: StructField[]; elided: boolean }`,
  _`interface StructField { name: string | null; value: Value }`,
  _`interface ArrayValue { kind: "array"; items: Value[] }`,
  _`interface OtherValue { kind: "other"; text: string }`,
  _`interface CallView { readonly name: string; argCount(): number; arg(index: number): Value; readonly unprinted?: number }`,
  _`interface MatcherTarget { os: string; version: string | null; source: string | null }`,
  _`interface Printing { kernelArgs: number; op: number; combined: ReadonlyMap<string, readonly string[]>; commands: ReadonlyMap<string, readonly number[]>; other: readonly number[]; expanded: WeakMap<Value, Value | null> }`,
  _`interface RuleMeta { id: number; syscall: string; file: string; line: number; column: number }`,
  _`interface Origin { file: string; line: number; column: number }`,
  _`type Pattern = { kind: "any" } | { kind: "flags"; names: string[]; integer: boolean } | { kind: "integer" } | { kind: "path" } | StructPattern | { kind: "array"; elements: Pattern[] };`,
  _`interface StructPattern { kind: "struct"; name: string | null; alternatives: { fields: { name: string; pattern: Pattern }[]; open: boolean; origin: Origin }[] }`,
  _`interface SyscallRule { id: number; syscall: string; params: { name: string; pattern: Pattern }[]; variadic: boolean; origin: Origin; text: string }`,
  _`interface IR { version: ${IR_VERSION}; sources: { path: string; sha256: string }[]; rules: SyscallRule[]; syscalls: { name: string; rules: number[] }[] }`,
];

const UNKNOWN = 1 << UNKNOWN_BIT;
const NUMERIC = 1 << NUMERIC_BIT;

/** Helper functions, each as a doc comment and a declaration. */
export const PRELUDE_HELPERS: Code[] = [
  _`/** The integer zero as strace prints it: 0, 00, 0x0 (twin: predicates.ts isZero). */
function isZero(text: string): boolean {
  return /^(?:0+|0[xX]0+)$/.test(text);
}`,
  _`/** A flag part that is a number (0x40, -1, 1<<20), not a symbol like 1<<CAP_CHOWN (twin: isNumericPart). */
function isNumericPart(part: string): boolean {
  const c = part.charCodeAt(0);
  return ((c >= 48 && c <= 57) || c === 45) && /^-?(?:0[xX][0-9a-fA-F]+|[0-9]+)(?:(?:<<|\\*)(?:0[xX][0-9a-fA-F]+|[0-9]+))*$/.test(part);
}`,
  _`/** NULL matches any struct or array pattern (twin: isNull). */
function isNull(v: Value): boolean {
  return v.kind === "flags" && v.parts.length === 1 && v.parts[0] === "NULL";
}`,
  _`/** <PATH>: a quoted string or an fd decorated with a path (twin: matchPath). */
function isPath(v: Value): boolean {
  return v.kind === "str" || (v.kind === "int" && v.path !== undefined);
}`,
  _`/** The first struct member with this name (twin: matchAlternative's lookup). */
function field(v: StructValue, name: string): Value | undefined {
  for (const f of v.fields) if (f.name === name) return f.value;
  return undefined;
}`,
  _`/**
 * A value's bits at one flag site (twin: matchFlags). Zero sets no bit; any
 * other integer or numeric part sets bit ${NUMERIC_BIT}; a symbol not in the table,
 * or a value that is not a flag combination, sets bit ${UNKNOWN_BIT}.
 */
function flagMask(v: Value, bits: ReadonlyMap<string, number>): number {
  if (v.kind === "int") return isZero(v.text) ? 0 : ${NUMERIC};
  if (v.kind !== "flags") return ${UNKNOWN};
  let m = 0;
  for (const p of v.parts) m |= isNumericPart(p) ? ${NUMERIC} : (bits.get(p) ?? ${UNKNOWN});
  return m;
}`,
  _`/** flagMask for sites with more than 32 bits: \`bits\` holds bit indexes; the mask is 32-bit words. */
function flagMaskWide(v: Value, bits: ReadonlyMap<string, number>, words: number): number[] {
  const m = new Array<number>(words).fill(0);
  if (v.kind === "int") {
    if (!isZero(v.text)) m[0] = ${NUMERIC};
  } else if (v.kind !== "flags") {
    m[0] = ${UNKNOWN};
  } else {
    for (const p of v.parts) {
      if (isNumericPart(p)) m[0] |= ${NUMERIC};
      else {
        const i = bits.get(p);
        if (i === undefined) m[0] |= ${UNKNOWN};
        else m[i >>> 5] |= 1 << (i & 31);
      }
    }
  }
  return m;
}`,
  _`/** Every bit of a wide mask is allowed. */
function within(m: readonly number[], allowed: readonly number[]): boolean {
  // allowed: (word index, bits) pairs, ascending, for the words that allow any bit.
  let j = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === 0) continue;
    while (j < allowed.length && allowed[j] < i) j += 2;
    const bits = j < allowed.length && allowed[j] === i ? allowed[j + 1] : 0;
    if ((m[i] & ~bits) !== 0) return false;
  }
  return true;
}`,
  _`/** What arg(i) gives at an unprinted position; no predicate reads it (twin: UNPRINTED_VALUE). */
const UNPRINTED: Value = { kind: "other", text: "" };`,
  _`/** The call with the combined names at its operation argument expanded (twin: expandedView). */
class ExpandedView implements CallView {
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
}`,
  _`/**
 * The call with the combined names at its operation argument expanded, or the
 * call itself (twin: expandedView). Expanded values are kept per value: the
 * reader shares the value objects of common symbolic arguments.
 */
function expandOp(call: CallView, u: number, p: Printing): CallView {
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
}`,
  _`/** The kernel positions strace prints for this operation (twin: printedPositions). */
function printedPositions(v: Value, p: Printing): readonly number[] {
  if (v.kind === "flags") {
    for (const part of v.parts) {
      for (const name of p.combined.get(part) ?? [part]) {
        const positions = p.commands.get(name);
        if (positions !== undefined) return positions;
      }
    }
  }
  return p.other;
}`,
  _`/** A call's kernel view: kernel positions, the unprinted ones marked (twin: kernelView). */
class KernelView implements CallView {
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
}`,
  _`/** The call's kernel view; null when it adds nothing or cannot be built (twin: kernelView). */
function kernelView(call: CallView, u: number, p: Printing): KernelView | null {
  const n = call.argCount();
  if (n <= p.op || (u & (1 << p.op)) !== 0) return null;
  const positions = printedPositions(call.arg(p.op), p);
  if (positions.length !== n || n === p.kernelArgs) return null;
  const at = new Array<number>(p.kernelArgs).fill(-1);
  let unprinted = 2 ** p.kernelArgs - 1;
  for (let j = 0; j < n; j++) {
    at[positions[j]] = j;
    if ((u & (1 << j)) === 0) unprinted &= ~(1 << positions[j]);
  }
  return new KernelView(call, at, unprinted);
}`,
];
