/**
 * A call as the kernel saw it, whatever strace version or ABI printed it
 * (docs/behaviour.md section 5): the call view that both the generated matchers
 * and the IR interpreter judge by default (never with `--as-printed`).
 *
 * - a 32-bit name (`mmap2`, `_llseek`, `getuid32`) becomes its x86_64
 *   counterpart, with the counterpart's arguments (linux/abi32.ts);
 * - a struct printed without field names by an older strace gets the names
 *   of its decoder, by position (linux/positional-structs.ts);
 * - an old name for a current one (`PF_INET` for `AF_INET`) is renamed,
 *   and an ioctl code printed as several candidate names matches when any
 *   one of them does (linux/value-aliases.ts);
 * - a number strace printed raw (`-X raw`, or bits it did not know) at an
 *   argument with a name table is decoded into that table's names
 *   (runtime/values/number-names.ts).
 *
 * A syscall that none of these facts concern is judged as it is (no view is
 * made: one map look-up per call); for the others a view decodes lazily,
 * only the arguments a rule reads.
 */
import type { CallView, FlagsValue, StructValue, Value } from '../abi';
import { counterpart, type ArgSource } from '../../linux/abi32';
import { positionalStructs, type StructShape } from '../../linux/positional-structs';
import { candidatePosition, prefixAlias } from '../../linux/value-aliases';
import { isUnprinted, UNPRINTED_VALUE } from './kernel-view';
import { decodeArg } from '../values/decode';
import { mappedArguments, printedIndex, type MappedArgument } from '../../linux/argument-tables';
import { isContextDependent } from '../../linux/raw-numbers';
import { decodeNumbers } from '../values/number-names';
import type { IR } from '../ir';
import { printingRule } from '../../linux/printing';
import { readPositions } from './read-positions';
import { memoizeVerdicts } from './verdict-memo';

/** How to view the calls of one printed name. */
interface Plan {
  /** The name to judge (the x86_64 counterpart of a 32-bit name). */
  readonly name: string;
  /** The counterpart's arguments from the printed ones; null: the same positions. */
  readonly args: readonly ArgSource[] | null;
  readonly structs: ReadonlyMap<number, StructShape> | undefined;
  /** [position, old prefix, current prefix] */
  readonly alias: readonly [number, string, string] | null;
  /** Position whose value may be candidates (`A or B`), or -1. */
  readonly candidates: number;
  /** By position (as judged: clone's inserted ones counted): where numbers are decoded into names. */
  readonly numbers: readonly (readonly NumberSite[] | undefined)[] | undefined;
}

/** Where numbers are decoded into names: the argument itself (path []) or a struct field path in it. */
interface NumberSite {
  readonly path: readonly string[];
  readonly table: MappedArgument;
  /** Decoded values by the value printed (the reader shares the values of common arguments: a hit is one look-up). */
  readonly memo: WeakMap<Value, Value>;
}

/** The value with numbers decoded at this site, remembered per printed value. */
function decodeAt(site: NumberSite, value: Value): Value {
  // Only a whole argument's flags or number can be a shared value; a struct is one call's own (no memo to fill).
  if (site.path.length > 0 || (value.kind !== 'flags' && value.kind !== 'int')) {
    return rewriteAt(value, site.path, (x) => decodeNumbers(x, site.table));
  }
  let v = site.memo.get(value);
  if (v === undefined) {
    v = decodeNumbers(value, site.table);
    site.memo.set(value, v);
  }
  return v;
}

/** syscall → printed position → sites (linux/argument-tables.ts), built on first use. */
let numberSites: Map<string, Map<number, NumberSite[]>> | undefined;

function numberSitesOf(syscall: string): ReadonlyMap<number, readonly NumberSite[]> | undefined {
  if (numberSites === undefined) {
    numberSites = new Map();
    for (const m of mappedArguments()) {
      if (isContextDependent(m.syscall, m.argIndex)) continue;
      let bySyscall = numberSites.get(m.syscall);
      if (bySyscall === undefined) numberSites.set(m.syscall, (bySyscall = new Map()));
      const sites = bySyscall.get(m.argIndex) ?? [];
      sites.push({ path: m.fieldPath, table: m, memo: new WeakMap() });
      bySyscall.set(m.argIndex, sites);
    }
  }
  return numberSites.get(syscall);
}

/** `fn` applied at a struct field path (through arrays: to every item); the value itself when nothing changes. */
function rewriteAt(value: Value, path: readonly string[], fn: (v: Value) => Value): Value {
  if (path.length === 0) return fn(value);
  if (value.kind === 'array') {
    let items: Value[] | null = null;
    value.items.forEach((item, i) => {
      const v = rewriteAt(item, path, fn);
      if (v !== item) (items ??= value.items.slice())[i] = v;
    });
    return items === null ? value : { kind: 'array', items };
  }
  if (value.kind !== 'struct') return value;
  const i = value.fields.findIndex((f) => f.name === path[0]);
  if (i < 0) return value;
  const v = rewriteAt(value.fields[i].value, path.slice(1), fn);
  if (v === value.fields[i].value) return value;
  const fields = value.fields.slice();
  fields[i] = { name: path[0], value: v };
  return { kind: 'struct', fields, elided: value.elided };
}

const plans = new Map<string, Plan | null>();
/** Plans kept before the cache starts over (names come from the log: bounded memory on garbage). */
const MAX_PLANS = 4096;

function makePlan(printed: string): Plan | null {
  const c = counterpart(printed);
  const name = c?.x86_64 ?? printed;
  const args = c?.args ?? null;
  const structs = positionalStructs(name);
  let alias: Plan['alias'] = null;
  for (const position of [0, 1, 2]) {
    const a = prefixAlias(name, position);
    if (a !== undefined) alias = [position, a[0], a[1]];
  }
  const candidates = candidatePosition(name);
  const sites = numberSitesOf(name);
  // clone's judged positions have two that strace does not print (argument-tables.ts printedIndex).
  const numbers = sites === undefined ? undefined : Array.from({ length: 8 }, (_, i) => sites.get(printedIndex(name, i) ?? -1));
  if (name === printed && structs === undefined && alias === null && candidates < 0 && numbers === undefined) return null;
  return { name, args, structs, alias, candidates, numbers };
}

function planOf(name: string): Plan | null {
  let plan = plans.get(name);
  if (plan === undefined) {
    plan = makePlan(name);
    if (plans.size >= MAX_PLANS) plans.clear();
    plans.set(name, plan);
  }
  return plan;
}

/** Members printed without a name get the decoder's name for their position; nested shapes likewise. */
export function nameFields(value: Value, shape: StructShape): Value {
  if (value.kind === 'array') {
    let items: Value[] | null = null;
    value.items.forEach((item, i) => {
      const named = nameFields(item, shape);
      if (named !== item) (items ??= value.items.slice())[i] = named;
    });
    return items === null ? value : { kind: 'array', items };
  }
  if (value.kind !== 'struct') return value;
  let fields: StructValue['fields'] | null = null;
  value.fields.forEach((field, i) => {
    const slot = field.name === null ? shape.fields[i] : shape.fields.find(([n]) => n === field.name);
    if (slot === undefined) return;
    const [name, inner] = slot;
    const v = inner === null ? field.value : nameFields(field.value, inner);
    if (field.name === name && v === field.value) return;
    (fields ??= value.fields.slice())[i] = { name, value: v };
  });
  return fields === null ? value : { kind: 'struct', fields, elided: value.elided };
}

/** Flag parts with an old prefix renamed (`PF_INET` → `AF_INET`). */
function renamePrefix(value: Value, from: string, to: string): Value {
  if (value.kind !== 'flags' || !value.parts.some((p) => p.startsWith(from))) return value;
  const renamed: FlagsValue = { kind: 'flags', parts: value.parts.map((p) => (p.startsWith(from) ? to + p.slice(from.length) : p)) };
  return renamed;
}

/** A fixed argument of a counterpart (`NULL`, `0`), decoded as the reader would. */
function fixedValue(text: string): Value {
  return decodeArg(text, 0, text.length);
}

/** The view of one call under a plan. */
class KernelCall implements CallView {
  readonly name: string;
  readonly unprinted: number | undefined;
  /** The counterpart's arguments from the printed ones; null: the same positions. */
  private readonly args: readonly ArgSource[] | null;
  private readonly cache: (Value | undefined)[] = [];

  /** The log line of the call it views, for messages (a broken module's answer is reported by line). */
  get line(): number | undefined {
    return (this.call as { line?: number }).line;
  }

  constructor(
    private readonly call: CallView,
    private readonly plan: Plan,
    /** A candidate chosen at plan.candidates (a single-name value), or null. */
    private readonly chosen: Value | null = null,
  ) {
    this.name = plan.name;
    const n = plan.args === null ? 0 : call.argCount();
    // A call printed with fewer arguments than its counterpart takes them from: its own, unless cut short.
    const cut = (call as { incomplete?: boolean }).incomplete === true;
    this.args = plan.args !== null && (cut || plan.args.every((src) => typeof src !== 'number' || src < n)) ? plan.args : null;
    if (this.args === null) {
      this.unprinted = call.unprinted;
    } else {
      // A position that a call cut short did not print is unprinted too.
      const printed = call.unprinted ?? 0;
      let u = 0;
      this.args.forEach((src, i) => {
        const missing = src === 'unprinted' || (typeof src === 'number' && (src >= n || isUnprinted(printed, src)));
        if (i < 31 && missing) u |= 1 << i;
      });
      this.unprinted = u;
    }
  }

  argCount(): number {
    return this.args === null ? this.call.argCount() : this.args.length;
  }

  arg(i: number): Value {
    if (this.chosen !== null && i === this.plan.candidates) return this.chosen;
    const cached = this.cache[i];
    if (cached !== undefined) return cached;
    const src = this.args === null ? i : this.args[i];
    let v: Value;
    if (src === undefined || src === 'unprinted' || isUnprinted(this.unprinted ?? 0, i)) v = UNPRINTED_VALUE;
    else if (typeof src === 'number') v = this.call.arg(src);
    else v = fixedValue(src.value);
    const shape = this.plan.structs?.get(i);
    if (shape !== undefined) v = nameFields(v, shape);
    const alias = this.plan.alias;
    if (alias !== null && alias[0] === i) v = renamePrefix(v, alias[1], alias[2]);
    const sites = this.plan.numbers?.[i];
    if (sites !== undefined) for (const site of sites) v = decodeAt(site, v);
    this.cache[i] = v;
    return v;
  }

  /** The same call with one candidate name at the candidates' position. */
  choose(candidate: string): KernelCall {
    return new KernelCall(this.call, this.plan, { kind: 'flags', parts: [candidate] });
  }
}

/** The call as the kernel saw it: a view, or the call itself when strace printed it as a current x86_64 strace does. */
export function kernelCall(call: CallView): CallView {
  const plan = planOf(call.name);
  return plan === null ? call : new KernelCall(call, plan);
}

/**
 * The verdict on what the kernel saw, from a matcher's `match` (generated
 * module or interpreter alike): the id of the first rule (IR order) that the
 * call's kernel view matches, with any one of its candidate names; else -1.
 */
export function matchKernelCall(match: (call: CallView) => number, call: CallView): number {
  const id = matchView(match, call);
  if (id >= 0) return id;
  // A call cut inside a value: maybe strace had printed all its arguments (runtime/reader/incomplete-call.ts).
  const shorter = (call as { printedOnly?: () => CallView | null }).printedOnly?.() ?? null;
  return shorter === null ? id : matchView(match, shorter);
}

function matchView(match: (call: CallView) => number, call: CallView): number {
  const plan = planOf(call.name);
  if (plan === null) return match(call);
  const view = new KernelCall(call, plan);
  const id = match(view);
  const at = plan.candidates;
  if (id >= 0 || at < 0 || view.argCount() <= at || isUnprinted(view.unprinted ?? 0, at)) return id;
  const value = view.arg(at);
  if (value.kind !== 'flags' || value.parts.length < 2) return id;
  let best = -1;
  for (const candidate of value.parts) {
    const r = match(view.choose(candidate));
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  return best;
}

/** A matcher whose `match` judges what the kernel saw (sctrace's default; not `--as-printed`). */
export function kernelMatcher(match: (call: CallView) => number): { match: (call: CallView) => number } {
  return { match: (call) => matchKernelCall(match, call) };
}

/**
 * True when a call of this printed name is judged position by position:
 * each judged argument comes from the printed one at the same position,
 * changed (if at all) by facts about that position only. Not so for a
 * 32-bit name whose counterpart takes its arguments from other positions.
 */
export function judgedInPlace(name: string): boolean {
  const plan = planOf(name);
  return plan === null || (plan.name === name && plan.args === null);
}

/**
 * The matcher sctrace judges with: what the kernel saw by default, the
 * module's literal `matchAsPrinted` with `--as-printed`. With the module's
 * IR, verdicts are remembered by the text of the positions its rules read
 * (verdict-memo.ts).
 */
export function matcherFor(
  module: { match(call: CallView): number; matchAsPrinted(call: CallView): number; ir?: IR },
  asPrinted: boolean,
): { match: (call: CallView) => number } {
  const match = asPrinted ? (call: CallView) => module.matchAsPrinted(call) : (call: CallView) => matchKernelCall((c) => module.match(c), call);
  if (module.ir === undefined) return { match };
  const positions = readPositions(module.ir, asPrinted ? () => undefined : printingRule);
  // As printed, a name is judged as it stands; else only where the kernel view keeps positions.
  for (const name of positions.keys()) if (!asPrinted && !judgedInPlace(name)) positions.delete(name);
  return { match: memoizeVerdicts(match, positions) };
}
