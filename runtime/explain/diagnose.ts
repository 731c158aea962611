/**
 * Match one value against one pattern, like the interpreter does
 * (docs/behaviour.md section 2), but on failure say where and why.
 *
 * Only used for calls already known to be unsupported, so clarity wins over
 * speed here. `progress` orders failures: a failure that happens later (in
 * argument, field and element order) is "closer" to a match.
 */
import type { Value } from '../abi';
import type { ArrayPattern, FlagsPattern, Pattern, StructAlternative, StructPattern } from '../ir';
import type { ReasonKind } from './reason';
import { isNull, isNumericPart, isZero, valueKindName, valueText } from './value-text';

export interface Failure {
  kind: ReasonKind;
  path: string;
  values: string[];
  detail: string;
  /** Position of the failure inside the pattern, compared lexicographically. */
  progress: number[];
}

/** True when failure position `a` is later than `b` (deeper counts as later). */
export function isLater(a: number[], b: number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return a.length > b.length;
}

function patternKindName(pattern: Pattern): string {
  switch (pattern.kind) {
    case 'any':
      return 'any value';
    case 'flags':
      return 'a flag set';
    case 'integer':
      return 'an integer';
    case 'path':
      return 'a path';
    case 'struct':
      return 'a struct';
    case 'array':
      return 'an array';
  }
}

function mismatch(pattern: Pattern, value: Value, path: string): Failure {
  const kind = valueKindName(value);
  return {
    kind: 'kind-mismatch',
    path,
    values: [kind],
    detail: `${kind} ${valueText(value)} where ${patternKindName(pattern)} is expected`,
    progress: [],
  };
}

function diagnoseFlags(pattern: FlagsPattern, value: Value, path: string): Failure | null {
  if (value.kind === 'int') {
    if (pattern.integer || isZero(value)) return null;
    return {
      kind: 'integer-not-allowed',
      path,
      values: [value.text],
      detail: `integer ${value.text} not allowed`,
      progress: [],
    };
  }
  if (value.kind !== 'flags') return mismatch(pattern, value, path);
  const bad = value.parts.filter((part) =>
    isNumericPart(part) ? !pattern.integer : !pattern.names.includes(part),
  );
  if (bad.length === 0) return null;
  return {
    kind: 'flag-not-allowed',
    path,
    values: bad,
    detail: `${bad.join('|')} not allowed`,
    progress: [],
  };
}

export function diagnoseAlternative(alt: StructAlternative, fields: { name: string | null; value: Value }[], path: string): Failure | null {
  for (let i = 0; i < alt.fields.length; i++) {
    const want = alt.fields[i];
    const fieldPath = `${path}.${want.name}`;
    const got = fields.find((f) => f.name === want.name);
    if (got === undefined) {
      return { kind: 'field-missing', path: fieldPath, values: [want.name], detail: 'field missing', progress: [i] };
    }
    const inner = diagnose(want.pattern, got.value, fieldPath);
    if (inner !== null) return { ...inner, progress: [i, ...inner.progress] };
  }
  if (fields.length === 0 || (!alt.open && fields.length !== alt.fields.length)) {
    const takes = alt.open ? `at least ${alt.fields.length}` : `exactly ${alt.fields.length}`;
    return {
      kind: 'field-count',
      path,
      values: [String(fields.length)],
      detail: `struct has ${fields.length} fields, rule takes ${takes}`,
      progress: [alt.fields.length],
    };
  }
  return null;
}

function diagnoseStruct(pattern: StructPattern, value: Value, path: string): Failure | null {
  if (isNull(value)) return null;
  if (value.kind !== 'struct') return mismatch(pattern, value, path);
  let best: Failure | null = null;
  for (const alt of pattern.alternatives) {
    const failure = diagnoseAlternative(alt, value.fields, path);
    if (failure === null) return null;
    if (best === null || isLater(failure.progress, best.progress)) best = failure;
  }
  return best;
}

function diagnoseArray(pattern: ArrayPattern, value: Value, path: string): Failure | null {
  if (isNull(value)) return null;
  if (value.kind !== 'array') return mismatch(pattern, value, path);
  for (let i = 0; i < value.items.length; i++) {
    const item = value.items[i];
    const itemPath = `${path}[${i}]`;
    let best: Failure | null = null;
    let matched = false;
    for (const element of pattern.elements) {
      const failure = diagnose(element, item, itemPath);
      if (failure === null) {
        matched = true;
        break;
      }
      if (best === null || isLater(failure.progress, best.progress)) best = failure;
    }
    if (matched) continue;
    // An element of a kind no element pattern takes: say so about the element itself.
    if (best === null || (best.kind === 'kind-mismatch' && best.path === itemPath)) {
      return {
        kind: 'array-element',
        path: itemPath,
        values: [valueKindName(item)],
        detail: `element ${valueText(item)} matches no element pattern`,
        progress: [i],
      };
    }
    return { ...best, progress: [i, ...best.progress] };
  }
  return null;
}

/** Null when `value` matches `pattern`; otherwise the (closest) failure. */
export function diagnose(pattern: Pattern, value: Value, path: string): Failure | null {
  switch (pattern.kind) {
    case 'any':
      return null;
    case 'flags':
      return diagnoseFlags(pattern, value, path);
    case 'integer':
      return value.kind === 'int' ? null : mismatch(pattern, value, path);
    case 'path':
      return value.kind === 'str' || (value.kind === 'int' && value.path !== undefined)
        ? null
        : mismatch(pattern, value, path);
    case 'struct':
      return diagnoseStruct(pattern, value, path);
    case 'array':
      return diagnoseArray(pattern, value, path);
  }
}
