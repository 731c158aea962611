/**
 * A small safe code builder (after ajv's lib/compile/codegen/code.ts).
 *
 * Generated code is assembled only through the tagged template `_`: its
 * literal parts are code written by the emitter's author; every interpolated
 * value is either a `Name`/`Code` (already safe code) or plain data, which is
 * quoted with `safeStringify`. Text from SCML files (names, paths, rule text)
 * can therefore only ever appear inside a string literal or an escaped comment.
 */
import { jsStringLiteral } from '../../runtime/js-string';

/** Proof that a Code came from this module; not exported. */
const TRUSTED: unique symbol = Symbol('trusted code');

/** Already-safe code. Only `_`, `Name`, `join` and `comment` make one. */
export class Code {
  constructor(token: typeof TRUSTED, private readonly text: string) {
    if (token !== TRUSTED) throw new Error('codegen: Code is made only by _, Name, join, comment');
  }
  toString(): string {
    return this.text;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An identifier. Generated names come from `NameScope` counters, never from rule text. */
export class Name extends Code {
  constructor(text: string) {
    if (!IDENTIFIER.test(text)) throw new Error(`codegen: not a safe identifier: ${JSON.stringify(text)}`);
    super(TRUSTED, text);
  }
}

/** Plain data that `_` quotes. */
export type Data = string | number | boolean | null | readonly Data[] | { readonly [key: string]: Data };

/** Hands out fresh names `prefix0`, `prefix1`, ... per prefix. */
export class NameScope {
  private readonly counters = new Map<string, number>();
  name(prefix: string): Name {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return new Name(`${prefix}${n}`);
  }
}

/** Tagged template: `_\`if (${x} === ${"openat"}) return ${3};\`` — names raw, data quoted. */
export function _(strings: TemplateStringsArray, ...values: (Code | Data)[]): Code {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += interpolate(values[i]) + strings[i + 1];
  }
  return new Code(TRUSTED, out);
}

function interpolate(value: Code | Data): string {
  return value instanceof Code ? value.toString() : safeStringify(value);
}

/** Join pieces of code with a separator that is itself code. */
export function join(parts: readonly Code[], separator: Code = _`, `): Code {
  return new Code(TRUSTED, parts.map(String).join(separator.toString()));
}

/**
 * A JS literal for plain data. Strings go through jsStringLiteral
 * (JSON.stringify plus U+2028/U+2029; backticks and `${` are harmless in a
 * double-quoted string). An object key `__proto__` is
 * written as a computed key so it stays an own property. `indent` > 0
 * pretty-prints objects and arrays nested less than `prettyDepth` deep; deeper
 * ones are written on one line.
 */
export function safeStringify(value: Data, indent = 0, prettyDepth = Infinity, depth = 0): string {
  if (typeof value === 'string') return jsStringLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`codegen: not a finite number: ${value}`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  if (depth >= prettyDepth) indent = 0;
  const pad = indent > 0 ? '\n' + ' '.repeat(indent * (depth + 1)) : '';
  const end = indent > 0 ? '\n' + ' '.repeat(indent * depth) : '';
  const sep = indent > 0 ? ',' : ', ';
  if (isDataArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + value.map((v) => pad + safeStringify(v, indent, prettyDepth, depth + 1)).join(sep) + end + ']';
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const members = keys.map((k) => {
    const key = k === '__proto__' ? `[${JSON.stringify(k)}]` : jsStringLiteral(k);
    return pad + key + ': ' + safeStringify(value[k], indent, prettyDepth, depth + 1);
  });
  return '{' + (indent > 0 ? '' : ' ') + members.join(sep) + (indent > 0 ? end : ' ') + '}';
}

function isDataArray(value: Data): value is readonly Data[] {
  return Array.isArray(value);
}

/**
 * Text made safe for a comment: `*\/` cannot close a block comment and no
 * line terminator can end a line comment (they are shown as `\n` etc.).
 * Other control characters are shown as `\u0001` etc. (they would also
 * collide with the type-only markers below).
 */
export function commentText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\*\//g, '*\\/')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** A `//` line comment. */
export function comment(text: string): Code {
  return new Code(TRUSTED, `// ${commentText(text)}`);
}

/** A non-negative integer literal in hex (masks read better as hex). */
export function hex(n: number): Code {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`codegen: not a 32-bit mask: ${n}`);
  return new Code(TRUSTED, '0x' + n.toString(16));
}

/** Plain data as a (pretty-printed when indent > 0) literal; `depth`: the nesting level it is written at. */
export function literal(value: Data, indent = 0, prettyDepth = Infinity, depth = 0): Code {
  return new Code(TRUSTED, safeStringify(value, indent, prettyDepth + depth, depth));
}

/**
 * A JSON literal for large plain data (the IR): JSON.stringify, one line,
 * with U+2028/U+2029 escaped. ~8x faster than safeStringify on 50k rules.
 * An object key `__proto__` (the only key a JS object literal reads
 * differently from JSON) falls back to safeStringify: in JSON text the
 * sequence `"__proto__":` can only be such a key, since a `"` inside a
 * string is always escaped. Undefined members are left out and
 * non-finite numbers become null, as in JSON.
 */
export function jsonLiteral(value: Data): Code {
  const json = JSON.stringify(value);
  if (json.includes('"__proto__":')) return literal(value);
  return new Code(TRUSTED, /[\u2028\u2029]/.test(json) ? json.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029')) : json);
}

// --- type-only code: one emission, two formats ---

/*
 * Annotations, type arguments and type declarations are wrapped in two
 * control characters that no other Code can contain (quoted data escapes
 * them, comments show them as \u0001, names cannot hold them), so that
 * `render` can keep them (TypeScript) or drop them (JavaScript) with one
 * pass over the text instead of printing and transpiling a syntax tree.
 */
const TYPE_OPEN = '\u0001';
const TYPE_CLOSE = '\u0002';
const MARKERS = /[\u0001\u0002]/g;
const TYPE_PIECES = /\u0001[^\u0002]*\u0002/g;

/** Code that exists only in TypeScript output: `: number`, `<string, number>`, `interface X {...}`. */
export function typeOnly(code: Code): Code {
  // A type-only piece inside another is dropped with it: only the outer markers count.
  return new Code(TRUSTED, TYPE_OPEN + code.toString().replace(MARKERS, '') + TYPE_CLOSE);
}

/** `: type` as a type-only annotation. */
export function annotation(type: Code): Code {
  return typeOnly(_`: ${type}`);
}

/** The text of code for one output format: TypeScript keeps the type-only pieces, JavaScript drops them. */
export function render(code: Code | string, format: 'ts' | 'js'): string {
  const text = code.toString();
  if (!text.includes(TYPE_OPEN)) return text;
  return format === 'ts' ? text.replace(MARKERS, '') : text.replace(TYPE_PIECES, '');
}
