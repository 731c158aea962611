/**
 * Minimal widening: given a pattern and a value it rejects, return a pattern
 * that accepts everything the old one did plus this value, changing as
 * little as possible (add the missing flags, add `<INTEGER>`, drop a missing
 * field, open a struct with `..`, widen the closest struct alternative or
 * array element). When no small change can be written in SCML, the pattern
 * becomes unconstrained.
 *
 * Patterns are mutated in place; callers work on their own deep copies.
 */
import type { Value } from '../../abi';
import { diagnose, diagnoseAlternative, isLater, type Failure } from '../../explain/diagnose';
import { isNull, isNumericPart, isZero } from '../../explain/value-text';
import type { ArrayPattern, FlagsPattern, Pattern, StructPattern } from '../../ir';

const ANY: Pattern = { kind: 'any' };

/** A flag part that can be written in SCML as a bare identifier. */
export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);
}

function addNames(pattern: FlagsPattern, parts: string[]): Pattern {
  const names = new Set(pattern.names);
  for (const part of parts) {
    if (isNumericPart(part)) pattern.integer = true;
    else if (isIdentifier(part)) names.add(part);
    else return ANY;
  }
  pattern.names = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return pattern;
}

function widenFlags(pattern: FlagsPattern, value: Value): Pattern {
  if (value.kind === 'int') {
    if (!isZero(value)) pattern.integer = true;
    return pattern;
  }
  if (value.kind === 'flags') return addNames(pattern, value.parts);
  return ANY;
}

function widenStruct(pattern: StructPattern, value: Value): Pattern {
  if (isNull(value)) return pattern;
  if (value.kind !== 'struct' || value.fields.length === 0) return ANY;
  let best: { index: number; failure: Failure } | null = null;
  for (let i = 0; i < pattern.alternatives.length; i++) {
    const failure = diagnoseAlternative(pattern.alternatives[i], value.fields, '');
    if (failure === null) return pattern;
    if (best === null || isLater(failure.progress, best.failure.progress)) best = { index: i, failure };
  }
  if (best === null) return ANY;
  const alt = pattern.alternatives[best.index];
  const kept = [];
  for (const field of alt.fields) {
    const got = value.fields.find((f) => f.name === field.name);
    if (got === undefined) continue;
    kept.push({ name: field.name, pattern: widen(field.pattern, got.value) });
  }
  // SCML cannot write a struct pattern without fields.
  if (kept.length === 0) return ANY;
  alt.fields = kept;
  if (!alt.open && kept.length !== value.fields.length) alt.open = true;
  return pattern;
}

function widenArray(pattern: ArrayPattern, value: Value): Pattern {
  if (isNull(value)) return pattern;
  if (value.kind !== 'array') return ANY;
  for (const item of value.items) {
    let best: { index: number; failure: Failure } | null = null;
    let matched = false;
    for (let i = 0; i < pattern.elements.length; i++) {
      const failure = diagnose(pattern.elements[i], item, '');
      if (failure === null) {
        matched = true;
        break;
      }
      if (best === null || isLater(failure.progress, best.failure.progress)) best = { index: i, failure };
    }
    if (matched) continue;
    // An element of a kind that no element pattern takes: only "any array" covers it.
    if (best === null || (best.failure.kind === 'kind-mismatch' && best.failure.progress.length === 0)) return ANY;
    const widened = widen(pattern.elements[best.index], item);
    if (widened.kind === 'any') return ANY;
    pattern.elements[best.index] = widened;
  }
  return pattern;
}

/** A pattern accepting what `pattern` accepts and also `value`. May mutate `pattern`. */
export function widen(pattern: Pattern, value: Value): Pattern {
  switch (pattern.kind) {
    case 'any':
      return pattern;
    case 'flags':
      return widenFlags(pattern, value);
    case 'integer':
      if (value.kind === 'int') return pattern;
      if (value.kind === 'flags') {
        // `<INTEGER> | NULL` and the like: a flag set that also takes any integer. Without a
        // name it would be written `<INTEGER>` alone, which SCML reads as integers only.
        const set = addNames({ kind: 'flags', names: [], integer: true }, value.parts);
        return set.kind === 'flags' && set.names.length === 0 ? ANY : set;
      }
      return ANY;
    case 'path':
      return value.kind === 'str' || (value.kind === 'int' && value.path !== undefined) ? pattern : ANY;
    case 'struct':
      return widenStruct(pattern, value);
    case 'array':
      return widenArray(pattern, value);
  }
}
