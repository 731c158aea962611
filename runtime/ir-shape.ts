/**
 * The full shape of an IR from elsewhere (a `--matchers` module's
 * `exports.ir`), checked once on load: explain, the reports and the
 * interpreter read it as the types of runtime/ir.ts say, so a missing field,
 * an unknown pattern kind or a rule id out of range would otherwise surface
 * as a stack trace in the middle of a run. The types are the spec; on top of
 * them, what the readers rely on: rule ids are their index, and `syscalls`
 * lists every rule exactly once, under its own name.
 *
 * The first fault is named by its path, as
 * `ir.rules[3].params[1].pattern.kind: unknown kind "zz"`. Patterns shared
 * by several places (a DAG) are checked once, so the walk stays linear.
 */
import { IR_VERSION, MAX_NESTING } from './ir';

/** Why `value` is not an IR of this version, located by path; null when it is one. */
export function irShapeTrouble(value: unknown): string | null {
  try {
    new IrShape().ir(value);
    return null;
  } catch (err) {
    if (err instanceof ShapeFault) return err.message;
    throw err;
  }
}

class ShapeFault extends Error {}

type Fields = Record<string, unknown>;

const PATTERN_KINDS = new Set(['any', 'flags', 'integer', 'path', 'struct', 'array']);
const SHA256 = /^[0-9a-f]{64}$/;

/** A value in a message: short, on one line. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The walk. Where it is is kept as a stack of keys, made into a path only
 * for a fault: the shipped module's IR (thousands of fields) is checked on
 * every start-up, and building a path string per field tripled the cost.
 */
class IrShape {
  private readonly at: (string | number)[] = [];
  /** Struct and array patterns already found sound: a shared one is not walked again. */
  private readonly sound = new Set<object>();

  ir(value: unknown): void {
    const ir = this.object(value);
    this.at.push('version');
    if (ir.version !== IR_VERSION) this.fail(`expected ${IR_VERSION}, found ${describe(ir.version)}`);
    this.at.pop();
    const sources = this.array(ir, 'sources');
    for (let i = 0; i < sources.length; i++) this.source(this.item(sources, i));
    this.at.pop();
    const rules = this.array(ir, 'rules');
    const syscallOf: string[] = [];
    for (let i = 0; i < rules.length; i++) syscallOf.push(this.rule(this.item(rules, i), i));
    this.at.pop();
    this.syscalls(this.array(ir, 'syscalls'), syscallOf);
    this.at.pop();
  }

  /** The path of the current place, as `ir.rules[3].params[1]`. */
  private path(): string {
    let text = 'ir';
    for (const key of this.at) text += typeof key === 'number' ? `[${key}]` : `.${key}`;
    return text;
  }

  private fail(what: string): never {
    throw new ShapeFault(`${this.path()}: ${what}`);
  }

  /** `missing`, or `expected X, found Y`, at the current place. */
  private wrong(value: unknown, expected: string): never {
    this.fail(value === undefined ? `missing (expected ${expected})` : `expected ${expected}, found ${describe(value)}`);
  }

  private object(value: unknown): Fields {
    if (!isObject(value)) this.wrong(value, 'an object');
    return value;
  }

  /** Element `i` of `list`, entered (the caller leaves it with at.pop()). */
  private item(list: unknown[], i: number): unknown {
    this.at.push(i);
    return list[i];
  }

  /** Field `key` of `o` as an array, entered (the caller leaves it with at.pop()). */
  private array(o: Fields, key: string): unknown[] {
    const value = o[key];
    this.at.push(key);
    if (!Array.isArray(value)) this.wrong(value, 'an array');
    return value;
  }

  private string(o: Fields, key: string): string {
    const value = o[key];
    if (typeof value !== 'string') this.wrongField(key, value, 'a string');
    return value;
  }

  private boolean(o: Fields, key: string): void {
    const value = o[key];
    if (typeof value !== 'boolean') this.wrongField(key, value, 'true or false');
  }

  private positive(o: Fields, key: string): void {
    const value = o[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) this.wrongField(key, value, 'a whole number from 1');
  }

  private wrongField(key: string | number, value: unknown, expected: string): never {
    this.at.push(key);
    this.wrong(value, expected);
  }

  private failField(key: string, what: string): never {
    this.at.push(key);
    this.fail(what);
  }

  private source(value: unknown): void {
    const s = this.object(value);
    this.string(s, 'path');
    if (!SHA256.test(this.string(s, 'sha256'))) this.wrongField('sha256', s.sha256, '64 lowercase hex digits');
    this.at.pop();
  }

  private origin(o: Fields): void {
    const origin = o.origin;
    this.at.push('origin');
    const at = this.object(origin);
    this.string(at, 'file');
    this.positive(at, 'line');
    this.positive(at, 'column');
    this.at.pop();
  }

  /** Checks rule `index` (entered); returns its syscall's name. */
  private rule(value: unknown, index: number): string {
    const r = this.object(value);
    if (r.id !== index) this.wrongField('id', r.id, `${index} (its place in ir.rules)`);
    const syscall = this.string(r, 'syscall');
    const params = this.array(r, 'params');
    for (let i = 0; i < params.length; i++) this.named(this.item(params, i), 0);
    this.at.pop();
    this.boolean(r, 'variadic');
    this.origin(r);
    this.string(r, 'text');
    this.at.pop();
    return syscall;
  }

  /** Every entry (entered) names rules of its own syscall; every rule is listed once; no name twice. */
  private syscalls(entries: unknown[], syscallOf: string[]): void {
    const listed = new Uint8Array(syscallOf.length);
    const names = new Set<string>();
    for (let i = 0; i < entries.length; i++) {
      const e = this.object(this.item(entries, i));
      const name = this.string(e, 'name');
      if (names.has(name)) this.failField('name', `${describe(name)} is listed twice`);
      names.add(name);
      const ids = this.array(e, 'rules');
      for (let j = 0; j < ids.length; j++) {
        const id = this.item(ids, j);
        if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= syscallOf.length) {
          this.fail(`${describe(id)} is not a rule id (ir.rules has ${syscallOf.length})`);
        }
        if (syscallOf[id] !== name) this.fail(`rule ${id} is for ${describe(syscallOf[id])}, not ${describe(name)}`);
        if (listed[id] !== 0) this.fail(`rule ${id} is listed twice`);
        listed[id] = 1;
        this.at.pop();
      }
      this.at.pop();
      this.at.pop();
    }
    const unlisted = listed.indexOf(0);
    if (unlisted >= 0) this.fail(`rule ${unlisted} (${describe(syscallOf[unlisted])}) is not listed`);
  }

  /** A parameter or a struct field (entered): a name and a pattern. */
  private named(value: unknown, depth: number): void {
    const n = this.object(value);
    this.string(n, 'name');
    this.at.push('pattern');
    this.pattern(n.pattern, depth);
    this.at.pop();
    this.at.pop();
  }

  /** A pattern (entered). */
  private pattern(value: unknown, depth: number): void {
    const p = this.object(value);
    const kind = p.kind;
    if (typeof kind !== 'string') this.wrongField('kind', kind, 'a pattern kind');
    if (!PATTERN_KINDS.has(kind)) this.failField('kind', `unknown kind ${describe(kind)}`);
    if (kind === 'flags') {
      const names = this.array(p, 'names');
      for (let i = 0; i < names.length; i++) if (typeof names[i] !== 'string') this.wrongField(i, names[i], 'a string');
      this.at.pop();
      this.boolean(p, 'integer');
    } else if ((kind === 'struct' || kind === 'array') && !this.sound.has(p)) {
      // Also refused before, by nestsTooDeep (load-module.ts): checked here too, so that this walk is bounded on its own.
      if (depth >= MAX_NESTING) this.fail(`patterns nest more than ${MAX_NESTING} levels deep`);
      if (kind === 'array') {
        const elements = this.array(p, 'elements');
        for (let i = 0; i < elements.length; i++) {
          this.pattern(this.item(elements, i), depth + 1);
          this.at.pop();
        }
        this.at.pop();
      } else {
        if (p.name !== null) this.string(p, 'name');
        const alternatives = this.array(p, 'alternatives');
        for (let i = 0; i < alternatives.length; i++) this.alternative(this.item(alternatives, i), depth + 1);
        this.at.pop();
      }
      this.sound.add(p);
    }
  }

  /** A struct alternative (entered). */
  private alternative(value: unknown, depth: number): void {
    const a = this.object(value);
    const fields = this.array(a, 'fields');
    for (let i = 0; i < fields.length; i++) this.named(this.item(fields, i), depth);
    this.at.pop();
    this.boolean(a, 'open');
    this.origin(a);
    this.at.pop();
  }
}
