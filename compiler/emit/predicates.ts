/**
 * The emitter's predicates: for each pattern kind, the code that tests a
 * value. Each returns a boolean expression in which the value expression
 * appears exactly once (it may be `(v1 ??= call.arg(1))`).
 *
 * TWIN: runtime/match/predicates.ts interprets the same patterns; sections
 * below are in the same order. Change one, change both. The differential
 * tests fail when the two readings disagree.
 */
import type { ArrayPattern, FlagsPattern, Pattern, StructAlternative, StructPattern } from '../../runtime/ir';
import { _, Code, comment, hex, join, Name, typeOnly } from '../codegen/code';
import { FlagTable, FlagTables } from './flag-tables';
import { ConstantPool } from './pool';

export interface EmitContext {
  pool: ConstantPool;
  tables: FlagTables;
}

/**
 * A top-level argument position: its site's flag table, and the local that
 * keeps the position's mask for the whole call.
 */
export interface TopLevel {
  site: string;
  maskCache: Name;
}

/** Twin of matchValue. `top` is given for a flag pattern at a syscall's argument position, absent below it. */
export function emitPredicate(ctx: EmitContext, pattern: Pattern, value: Code, top?: TopLevel): Code {
  switch (pattern.kind) {
    case 'any':
      return _`true`;
    case 'flags':
      return emitFlags(ctx, pattern, value, top);
    case 'integer':
      return emitInteger(value);
    case 'path':
      return emitPath(value);
    case 'struct':
      return _`${emitStruct(ctx, pattern)}(${value})`;
    case 'array':
      return _`${emitArray(ctx, pattern)}(${value})`;
  }
}

// --- flags (twin: matchFlags; helpers flagMask / flagMaskWide / within in prelude.ts) ---

/**
 * Tables already emitted, per table object: a site's table is asked for by
 * every rule at that site, and building its text each time made compiling
 * quadratic (N rules each adding a flag: N tables of N names).
 */
const emittedTables = new WeakMap<ConstantPool, WeakMap<FlagTable, Name>>();

/** The module-level name→bit table of a site or of one nested pattern (pooled by content). */
export function emitFlagTable(ctx: EmitContext, table: FlagTable): Name {
  let emitted = emittedTables.get(ctx.pool);
  if (emitted === undefined) emittedTables.set(ctx.pool, (emitted = new WeakMap()));
  const known = emitted.get(table);
  if (known !== undefined) return known;
  const name = emitFlagTableText(ctx, table);
  emitted.set(table, name);
  return name;
}

const STRING_TO_NUMBER = typeOnly(_`<string, number>`);

function emitFlagTableText(ctx: EmitContext, table: FlagTable): Name {
  const entries = table.names.map((n) => {
    const bit = table.index.get(n) as number;
    return table.wide ? _`  [${n}, ${bit}]` : _`  [${n}, ${hex(2 ** bit)}]`;
  });
  const init = entries.length === 0
    ? _`new Map${STRING_TO_NUMBER}()`
    : _`new Map${STRING_TO_NUMBER}([\n${join(entries, _`,\n`)},\n])`;
  const note = table.wide
    ? comment(`bit indexes, ${table.words} words (bit 0: unknown symbol, bit 1: integer)`)
    : comment('bit masks (0x1: unknown symbol, 0x2: integer)');
  return ctx.pool.constant('bits', _`ReadonlyMap<string, number>`, init, note);
}

/** A flag set as a bit test: the value's mask may have only allowed bits. */
export function emitFlags(ctx: EmitContext, pattern: FlagsPattern, value: Code, top?: TopLevel): Code {
  const table = top ? ctx.tables.table(top.site) : new FlagTable(pattern.names);
  const maskCache = top?.maskCache;
  const bits = emitFlagTable(ctx, table);
  const allowed = table.allowed(pattern);
  if (!table.wide) {
    const mask = maskCache ? _`(${maskCache} ??= flagMask(${value}, ${bits}))` : _`flagMask(${value}, ${bits})`;
    return _`(${mask} & ~${hex(allowed[0])}) === 0`;
  }
  // Sparse (word index, bits) pairs of the words with a bit set: a rule allows a few names of a site's
  // table, so a dense array of every word made the module grow with rules x names.
  const pairs: Code[] = [];
  allowed.forEach((word, i) => {
    if (word !== 0) pairs.push(_`${i}, ${hex(word)}`);
  });
  const allowedName = ctx.pool.constant('allow', _`readonly number[]`, _`[${join(pairs)}]`);
  const raw = _`flagMaskWide(${value}, ${bits}, ${table.words})`;
  const mask = maskCache ? _`(${maskCache} ??= ${raw})` : raw;
  return _`within(${mask}, ${allowedName})`;
}

// --- integer (twin: matchInteger) ---

export function emitInteger(value: Code): Code {
  return _`${value}.kind === "int"`;
}

// --- path (twin: matchPath; helper isPath in prelude.ts) ---

export function emitPath(value: Code): Code {
  return _`isPath(${value})`;
}

// --- struct (twin: matchStruct / matchAlternative) ---

/** A function testing a value against a struct pattern: NULL, or a non-empty struct matching any alternative. */
export function emitStruct(ctx: EmitContext, pattern: StructPattern): Name {
  const v = new Name('v');
  const alts = pattern.alternatives.map((alt) => _`${emitAlternative(ctx, alt)}(${v})`);
  const body = [
    _`if (isNull(${v})) return true;`,
    _`if (${v}.kind !== "struct" || ${v}.fields.length === 0) return false;`,
    _`return ${alts.length === 0 ? _`false` : join(alts, _` || `)};`,
  ];
  const what = pattern.name === null ? 'inline struct pattern' : `struct ${pattern.name}`;
  return ctx.pool.fn('struct', v, _`Value`, _`boolean`, body, [comment(what)]);
}

/** One struct alternative: field count (unless open), then each named field present and matching. */
export function emitAlternative(ctx: EmitContext, alt: StructAlternative): Name {
  const v = new Name('v');
  const body: Code[] = [];
  if (!alt.open) body.push(_`if (${v}.fields.length !== ${alt.fields.length}) return false;`);
  alt.fields.forEach((fp, i) => {
    const f = new Name(`f${i}`);
    body.push(_`const ${f} = field(${v}, ${fp.name});`);
    if (fp.pattern.kind === 'any') {
      body.push(_`if (${f} === undefined) return false;`);
    } else {
      const test = emitPredicate(ctx, fp.pattern, f);
      body.push(_`if (${f} === undefined || !(${test})) return false;`);
    }
  });
  body.push(_`return true;`);
  const where = `${alt.origin.file}:${alt.origin.line}:${alt.origin.column}`;
  return ctx.pool.fn('alt', v, _`StructValue`, _`boolean`, body, [comment(where)]);
}

// --- array (twin: matchArray) ---

/** A function testing a value against an array pattern: NULL, or every item matching some element pattern. */
export function emitArray(ctx: EmitContext, pattern: ArrayPattern): Name {
  const v = new Name('v');
  const item = new Name('item');
  const tests = pattern.elements.map((el) => emitPredicate(ctx, el, item));
  const any = tests.length === 0 ? _`false` : tests.length === 1 ? tests[0] : join(tests.map((t) => _`(${t})`), _` || `);
  const body = [
    _`if (isNull(${v})) return true;`,
    _`if (${v}.kind !== "array") return false;`,
    _`for (const ${item} of ${v}.items) {\n  if (!(${any})) return false;\n}`,
    _`return true;`,
  ];
  return ctx.pool.fn('array', v, _`Value`, _`boolean`, body, [comment('array pattern')]);
}
