/**
 * Fixed text of every emitted module: the ABI types (repeated as types only,
 * since a generated module imports nothing) and the helpers the emitted
 * predicates call. The helpers' one source is runtime/match/inline-helpers.ts
 * (the interpreter runs the same functions); their text comes from
 * prelude-text.ts, generated from it by `npm run prelude`.
 */
import { _ } from '../codegen/code';
import { IR_VERSION } from '../../runtime/ir';
import { PRELUDE_TEXT } from './prelude-text';

/** One top-level declaration a module may carry: its name, and its text per output format ('' when absent). */
export interface PreludeDeclaration {
  name: string;
  ts: string;
  js: string;
}

/** Types from runtime/abi.ts and runtime/ir.ts, kept structurally identical (tested by type-checking golden.ts against MatcherModule). */
const TYPES = [
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
  _`interface RuleMeta { id: number; syscall: string; file: string; line: number; column: number }`,
  _`interface Origin { file: string; line: number; column: number }`,
  _`type Pattern = { kind: "any" } | { kind: "flags"; names: string[]; integer: boolean } | { kind: "integer" } | { kind: "path" } | StructPattern | { kind: "array"; elements: Pattern[] };`,
  _`interface StructPattern { kind: "struct"; name: string | null; alternatives: { fields: { name: string; pattern: Pattern }[]; open: boolean; origin: Origin }[] }`,
  _`interface SyscallRule { id: number; syscall: string; params: { name: string; pattern: Pattern }[]; variadic: boolean; origin: Origin; text: string }`,
  _`interface IR { version: ${IR_VERSION}; sources: { path: string; sha256: string }[]; rules: SyscallRule[]; syscalls: { name: string; rules: number[] }[] }`,
];

function typeName(text: string): string {
  return (/^(?:type|interface) ([A-Za-z_$][\w$]*)/.exec(text) as RegExpExecArray)[1];
}

/** Every declaration a module may carry, types first; a module keeps the ones it refers to (module.ts). */
export const PRELUDE: readonly PreludeDeclaration[] = [
  ...TYPES.map((t) => ({ name: typeName(t.toString()), ts: t.toString(), js: '' })),
  ...PRELUDE_TEXT,
];
