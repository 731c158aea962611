/**
 * Shared by the emitter, interpreter, golden and property tests: hand-built
 * IR, value builders, a call view that counts argument reads, and a
 * differential matcher that runs an emitted module and the interpreter side
 * by side and throws on any disagreement.
 */
import { IR_VERSION, type IR, type Origin, type Param, type Pattern, type SyscallRule } from '../../../runtime/ir';
import type { CallView, MatcherModule, StructField, Value } from '../../../runtime/abi';
import { createInterpreter, type Interpreter } from '../../../runtime/interpret';
import { emitModule } from '../../../compiler/emit/index';

// --- values ---
export const int = (text: string, path?: string): Value => (path === undefined ? { kind: 'int', text } : { kind: 'int', text, path });
export const flags = (...parts: string[]): Value => ({ kind: 'flags', parts });
export const str = (text: string): Value => ({ kind: 'str', text });
export const struct = (fields: [string | null, Value][], elided = false): Value => ({
  kind: 'struct',
  fields: fields.map(([name, value]): StructField => ({ name, value })),
  elided,
});
export const array = (...items: Value[]): Value => ({ kind: 'array', items });
export const other = (text: string): Value => ({ kind: 'other', text });
export const NULL = flags('NULL');

// --- patterns ---
export const ANY: Pattern = { kind: 'any' };
export const INTEGER: Pattern = { kind: 'integer' };
export const PATH: Pattern = { kind: 'path' };
export const flagSet = (names: string[], integer = false): Pattern => ({
  kind: 'flags',
  names: [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  integer,
});
export const origin = (line = 1, file = 't.scml', column = 1): Origin => ({ file, line, column });
export const structPat = (alternatives: { fields: [string, Pattern][]; open?: boolean }[], name: string | null = null): Pattern => ({
  kind: 'struct',
  name,
  alternatives: alternatives.map((a, i) => ({
    fields: a.fields.map(([n, pattern]) => ({ name: n, pattern })),
    open: a.open ?? false,
    origin: origin(100 + i),
  })),
});
export const arrayPat = (...elements: Pattern[]): Pattern => ({ kind: 'array', elements });

// --- IR ---
export interface RuleSpec {
  syscall: string;
  params: (Pattern | [string, Pattern])[];
  variadic?: boolean;
  origin?: Origin;
  text?: string;
}

/** An IR from rule specs (ids in order), with a consistent `syscalls` index and one source per file named. */
export function buildIR(specs: RuleSpec[], sources?: { path: string; sha256: string }[]): IR {
  const rules: SyscallRule[] = specs.map((s, id) => ({
    id,
    syscall: s.syscall,
    params: s.params.map((p, i): Param => (Array.isArray(p) ? { name: p[0], pattern: p[1] } : { name: `p${i}`, pattern: p })),
    variadic: s.variadic ?? false,
    origin: s.origin ?? origin(id + 1),
    text: s.text ?? `${s.syscall}(...);`,
  }));
  const byName = new Map<string, number[]>();
  for (const r of rules) byName.set(r.syscall, [...(byName.get(r.syscall) ?? []), r.id]);
  const names = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files = [...new Set(rules.map((r) => r.origin.file))];
  return {
    version: IR_VERSION,
    sources: sources ?? files.map((path) => ({ path, sha256: '0'.repeat(64) })),
    rules,
    syscalls: names.map((name) => ({ name, rules: byName.get(name) as number[] })),
  };
}

// --- calls ---
export interface CountingCall extends CallView {
  /** How often each argument position was read. */
  reads: number[];
}

/** `unprinted`: bit i marks position i as not printed (runtime/abi.ts CallView). */
export function call(name: string, args: Value[], unprinted?: number): CountingCall {
  const reads = args.map(() => 0);
  return {
    name,
    reads,
    ...(unprinted === undefined ? {} : { unprinted }),
    argCount: () => args.length,
    arg(i: number): Value {
      if (!Number.isInteger(i) || i < 0 || i >= args.length) throw new Error(`arg(${i}) out of range`);
      reads[i]++;
      return args[i];
    },
  };
}

// --- modules ---
/** Evaluate CommonJS module text with no `require` in scope (a generated module needs nothing). */
export function loadModule(js: string): MatcherModule {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', js)(module, module.exports);
  return module.exports as unknown as MatcherModule;
}

export function emitAndLoad(ir: IR): MatcherModule {
  return loadModule(emitModule(ir, { format: 'js' }));
}

/** An emitted module and the interpreter over one IR; `match` fails on disagreement. */
export class Differential {
  readonly module: MatcherModule;
  readonly interpreter: Interpreter;
  constructor(readonly ir: IR, js?: string) {
    this.module = js === undefined ? emitAndLoad(ir) : loadModule(js);
    this.interpreter = createInterpreter(ir);
  }
  /** What the kernel received (the default); also checks that both agree as printed. */
  match(c: CallView): number {
    this.matchAsPrinted(c);
    return this.agree('match', this.module.match(c), this.interpreter.match(c), c);
  }
  /** Arguments as strace printed them (--as-printed). */
  matchAsPrinted(c: CallView): number {
    return this.agree('matchAsPrinted', this.module.matchAsPrinted(c), this.interpreter.matchAsPrinted(c), c);
  }
  private agree(what: string, compiled: number, interpreted: number, c: CallView): number {
    if (compiled !== interpreted) {
      throw new Error(`${what} disagreement on ${showCall(c)}: module ${compiled}, interpreter ${interpreted}`);
    }
    return compiled;
  }
  hasRules(name: string): boolean {
    const a = this.module.hasRules(name);
    const b = this.interpreter.hasRules(name);
    if (a !== b) throw new Error(`hasRules(${JSON.stringify(name)}) disagreement: module ${a}, interpreter ${b}`);
    return a;
  }
}

export function showCall(c: CallView): string {
  const args: Value[] = [];
  for (let i = 0; i < c.argCount(); i++) args.push(c.arg(i));
  const unprinted = c.unprinted ? ` unprinted=0x${c.unprinted.toString(16)}` : '';
  return `${c.name}(${JSON.stringify(args)})${unprinted}`;
}
