/**
 * The IR: the contract between the SCML compiler and everything that matches.
 *
 * Plain JSON (no classes, no cycles, no undefined), versioned. The compiler's
 * resolve pass produces it; the emitter turns it into a matcher module; the
 * interpreter in runtime/interpret.ts reads it directly. Both readings must
 * agree on every call (see tests/).
 */

/** Bump when the shape or meaning of the IR changes. */
export const IR_VERSION = 1;

/** Where a rule or pattern came from. Lines and columns are 1-based. */
export interface Origin {
  /** Source path as given to the compiler (relative paths stay relative). */
  file: string;
  line: number;
  column: number;
}

/**
 * A pattern that one argument (or struct field, or array element) must match.
 * Semantics: docs/behaviour.md section 2.
 */
export type Pattern =
  | AnyPattern
  | FlagsPattern
  | IntegerPattern
  | PathPattern
  | StructPattern
  | ArrayPattern;

/** A bare parameter: any value. */
export interface AnyPattern {
  kind: 'any';
}

/**
 * A flag set, with named bitflags rules already flattened in.
 * `names` is sorted (code-unit order) and free of duplicates.
 * `integer` is true when `<INTEGER>` is one of the parts.
 */
export interface FlagsPattern {
  kind: 'flags';
  names: string[];
  integer: boolean;
}

/** `<INTEGER>` standing alone. */
export interface IntegerPattern {
  kind: 'integer';
}

/** `<PATH>` standing alone. */
export interface PathPattern {
  kind: 'path';
}

/**
 * A struct pattern. An inline `{...}` has one alternative; a reference to a
 * named struct has one alternative per definition of that name in its file
 * (a value matches when it matches any one). `name` is the struct rule's name
 * for references, null for inline patterns (used only in messages).
 */
export interface StructPattern {
  kind: 'struct';
  name: string | null;
  alternatives: StructAlternative[];
}

export interface StructAlternative {
  fields: FieldPattern[];
  /** True when the pattern ends with `..` (other fields allowed). */
  open: boolean;
  origin: Origin;
}

export interface FieldPattern {
  name: string;
  pattern: Pattern;
}

/** `[e1, e2, ...]`: every element of the value must match at least one of `elements`. */
export interface ArrayPattern {
  kind: 'array';
  elements: Pattern[];
}

export interface Param {
  /** The parameter's name as written in SCML (used in messages: `act.sa_flags`). */
  name: string;
  pattern: Pattern;
}

export interface SyscallRule {
  /** Index of this rule in `IR.rules`. */
  id: number;
  syscall: string;
  params: Param[];
  /** True when the parameter list ends with `..` (any number of further arguments). */
  variadic: boolean;
  origin: Origin;
  /** The rule's source text, exactly as written (comments included). */
  text: string;
}

export interface SourceFile {
  /** Path as given to the compiler. */
  path: string;
  /** Lowercase hex sha256 of the file's bytes. */
  sha256: string;
}

export interface SyscallEntry {
  name: string;
  rules: number[];
}

export interface IR {
  version: typeof IR_VERSION;
  sources: SourceFile[];
  /** All syscall rules: files in the order given (the CLI sorts them), rules in source order. */
  rules: SyscallRule[];
  /**
   * Every syscall that has rules, sorted by name (code-unit order), with the
   * ids of its rules in ascending order. An array, not an object keyed by
   * name, so that names like `__proto__` are plain data.
   */
  syscalls: SyscallEntry[];
}

/**
 * Deepest nesting of struct and array patterns, struct rules written out
 * (compiler/parser.ts and resolve.ts refuse deeper SCML). Every stage
 * recurses over patterns: the emitter, TypeScript's printer (which
 * overflowed near 90 levels) and the interpreter. Real rules nest 5 deep.
 */
export const MAX_NESTING = 32;

/**
 * Whether some pattern of `rules` nests deeper than MAX_NESTING: a module
 * from elsewhere is checked before the interpreter recurses over its IR.
 * Iterative, and tolerant of any shape (what is not a pattern is skipped).
 */
export function nestsTooDeep(rules: unknown): boolean {
  const stack: [unknown, number][] = [];
  if (Array.isArray(rules)) {
    for (const rule of rules) {
      const params = (rule as { params?: unknown } | null)?.params;
      if (Array.isArray(params)) for (const p of params) stack.push([(p as { pattern?: unknown } | null)?.pattern, 0]);
    }
  }
  /** The deepest each shared object was seen at: seen again no deeper, it adds nothing (a cycle grows until refused). */
  const seen = new Map<unknown, number>();
  while (stack.length > 0) {
    const [pattern, depth] = stack.pop() as [unknown, number];
    if (typeof pattern !== 'object' || pattern === null) continue;
    const p = pattern as { kind?: unknown; elements?: unknown; alternatives?: unknown };
    if (p.kind !== 'struct' && p.kind !== 'array') continue;
    if (depth + 1 > MAX_NESTING) return true;
    if ((seen.get(pattern) ?? -1) >= depth) continue;
    seen.set(pattern, depth);
    if (p.kind === 'array' && Array.isArray(p.elements)) for (const e of p.elements) stack.push([e, depth + 1]);
    if (p.kind === 'struct' && Array.isArray(p.alternatives)) {
      for (const alt of p.alternatives) {
        const fields = (alt as { fields?: unknown } | null)?.fields;
        if (Array.isArray(fields)) for (const f of fields) stack.push([(f as { pattern?: unknown } | null)?.pattern, depth + 1]);
      }
    }
  }
  return false;
}
