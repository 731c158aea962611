/**
 * The interpreter's predicates: one function per pattern kind, each a direct
 * reading of a row of docs/behaviour.md section 2.
 *
 * TWIN: compiler/emit/predicates.ts emits the same predicates as code (and
 * compiler/emit/prelude.ts holds the helpers the emitted code calls). The
 * sections below and there are in the same order; change one, change both.
 * The differential tests (tests/property, tests/interpret) fail when the two
 * readings disagree.
 */
import type { ArrayPattern, FlagsPattern, Pattern, StructAlternative, StructPattern } from '../ir';
import type { StructValue, Value } from '../abi';
import { isNumericPart } from '../values/decode';

/** Does `value` match `pattern`? */
export function matchValue(pattern: Pattern, value: Value): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'flags':
      return matchFlags(pattern, value);
    case 'integer':
      return matchInteger(value);
    case 'path':
      return matchPath(value);
    case 'struct':
      return matchStruct(pattern, value);
    case 'array':
      return matchArray(pattern, value);
  }
}

// --- shared helpers (twin: prelude.ts isZero / isNull / isNumericPart) ---

/** The integer zero as strace prints it: `0`, `00`, `0x0`. */
export function isZero(text: string): boolean {
  return /^(?:0+|0[xX]0+)$/.test(text);
}

/**
 * A flag part that is a number rather than a symbol (`0x40`, `-1`, `1<<20`);
 * `1<<CAP_CHOWN` is a symbol (docs/behaviour.md section 3). The reader's own definition,
 * so that decoding and matching cannot disagree on what a number is.
 */
export { isNumericPart };

/** `NULL`, which strace prints for a null pointer; it matches any struct or array pattern. */
export function isNull(value: Value): boolean {
  return value.kind === 'flags' && value.parts.length === 1 && value.parts[0] === 'NULL';
}

// --- flags (twin: emitFlags) ---

/**
 * Flag set S: the integer zero; a flag combination whose every part is allowed
 * (a symbol in S.names, a numeric part only when S has `<INTEGER>`); any
 * integer when S has `<INTEGER>` (a decorated fd is an integer).
 */
export function matchFlags(pattern: FlagsPattern, value: Value): boolean {
  if (value.kind === 'int') return isZero(value.text) || pattern.integer;
  if (value.kind !== 'flags') return false;
  return value.parts.every((part) =>
    isNumericPart(part) ? pattern.integer : pattern.names.includes(part),
  );
}

// --- integer (twin: emitInteger) ---

/** `<INTEGER>` alone: any integer. */
export function matchInteger(value: Value): boolean {
  return value.kind === 'int';
}

// --- path (twin: emitPath) ---

/** `<PATH>` alone: a quoted string, or an fd decorated with a path. */
export function matchPath(value: Value): boolean {
  return value.kind === 'str' || (value.kind === 'int' && value.path !== undefined);
}

// --- struct (twin: emitStruct / emitAlternative) ---

/** `NULL`, or a struct with at least one field that matches any one alternative. */
export function matchStruct(pattern: StructPattern, value: Value): boolean {
  if (isNull(value)) return true;
  if (value.kind !== 'struct' || value.fields.length === 0) return false;
  return pattern.alternatives.some((alt) => matchAlternative(alt, value));
}

/** Every pattern field present (first field of that name) and matching; exact field count unless open. */
export function matchAlternative(alt: StructAlternative, value: StructValue): boolean {
  if (!alt.open && value.fields.length !== alt.fields.length) return false;
  return alt.fields.every((fp) => {
    const field = value.fields.find((f) => f.name === fp.name);
    return field !== undefined && matchValue(fp.pattern, field.value);
  });
}

// --- array (twin: emitArray) ---

/** `NULL`, or an array whose every item matches at least one element pattern. */
export function matchArray(pattern: ArrayPattern, value: Value): boolean {
  if (isNull(value)) return true;
  if (value.kind !== 'array') return false;
  return value.items.every((item) => pattern.elements.some((el) => matchValue(el, item)));
}
