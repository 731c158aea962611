/**
 * The interpreter's predicates: one function per pattern kind, each a direct
 * reading of a row of docs/behaviour.md section 2.
 *
 * TWIN: compiler/emit/predicates.ts emits the same predicates as code. The
 * helpers both call (isZero, isNull, isPath, field, isNumericPart) have one
 * source, inline-helpers.ts, which emitted modules carry as text. The
 * sections below and there are in the same order; change one, change both.
 * The differential tests (tests/property, tests/interpret) fail when the two
 * readings disagree.
 */
import type { ArrayPattern, FlagsPattern, Pattern, StructAlternative, StructPattern } from '../ir';
import type { StructValue, Value } from '../abi';
import { field, isNull, isNumericPart, isPath, isZero } from './inline-helpers';

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

// --- shared helpers (inline-helpers.ts; docs/behaviour.md section 3 for what a number is) ---

export { isNull, isNumericPart, isZero };

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
  return isPath(value);
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
    const v = field(value, fp.name);
    return v !== undefined && matchValue(fp.pattern, v);
  });
}

// --- array (twin: emitArray) ---

/** `NULL`, or an array whose every item matches at least one element pattern. */
export function matchArray(pattern: ArrayPattern, value: Value): boolean {
  if (isNull(value)) return true;
  if (value.kind !== 'array') return false;
  return value.items.every((item) => pattern.elements.some((el) => matchValue(el, item)));
}
