/**
 * Resolution: syntax trees → IR rules.
 *
 * Named bitflags and struct rules are scoped to their file; references may
 * come before definitions; if a name is both, the bitflags rule wins; every
 * definition of a struct name is an alternative; flag sets are flattened into
 * sorted unique names. Errors and warnings go to the shared diagnostics.
 */
import type {
  ArrayElementNode,
  BitflagsRuleNode,
  FileNode,
  FlagPatternNode,
  ParamNode,
  ReferenceNode,
  Span,
  StructPatternNode,
  StructRuleNode,
  SyscallRuleNode,
  ValuePatternNode,
} from './ast';
import type { DiagnosticBag } from './diagnostics';
import type { FieldPattern, FlagsPattern, Origin, Pattern, StructAlternative, SyscallRule } from '../runtime/ir';
import { MAX_NESTING } from '../runtime/ir';
import { locationOf } from './source';
import { closestName } from './suggest';
import { NamedRuleCache } from './named-rules';
import { MAX_EXPANDED_PATTERNS, PatternMeasure } from './pattern-measure';

const BUILTIN_INTEGER = 'INTEGER';
const BUILTIN_PATH = 'PATH';
const LOOKS_BUILTIN = /^[A-Z][A-Z0-9_]*$/;

/** A flattened flag set while it is being built. */
interface FlagSet {
  names: Set<string>;
  integer: boolean;
}

/** Resolves the named rules and syscall rules of one file. */
class FileResolver {
  private readonly bitflags = new Map<string, BitflagsRuleNode>();
  private readonly structs = new Map<string, StructRuleNode[]>();
  private readonly used = new Set<string>();
  private readonly flagRules = new NamedRuleCache<FlagSet>('cycle in bitflags references', (span, m) => this.error(span, m));
  private readonly structRules = new NamedRuleCache<StructAlternative[]>('recursive struct reference', (span, m) => this.error(span, m));
  /** `{` / `[` levels around the pattern being resolved, struct rules' own included (MAX_NESTING). */
  private nesting = 0;
  /** Levels and expanded size of resolved patterns (memos for struct rules met again). */
  private readonly measure = new PatternMeasure();
  /** Only the first pattern too deep is reported in a file: the others are its consequences or alike. */
  private tooDeepReported = false;

  constructor(
    private readonly file: FileNode,
    private readonly diagnostics: DiagnosticBag,
    /** Named rules of all files (name → files defining it), for a hint when a name is used in the wrong file. */
    private readonly namesElsewhere: ReadonlyMap<string, string[]>,
  ) {}

  private get source() {
    return this.file.source;
  }

  private error(span: Span, message: string): void {
    this.diagnostics.error(span.source, span.start, span.end, message);
  }

  private warning(span: Span, message: string): void {
    this.diagnostics.warning(span.source, span.start, span.end, message);
  }

  private origin(offset: number): Origin {
    const { line, column } = locationOf(this.source, offset);
    return { file: this.source.name, line, column };
  }

  /** Resolve every statement; returns the file's syscall rules (ids not yet assigned) with their nodes. */
  run(): ResolvedRule[] {
    this.collectDefinitions();
    // Resolve every definition, used or not, so errors inside unused ones are reported too.
    for (const statement of this.file.statements) {
      if (statement.kind === 'bitflagsRule') this.flagsOfRule(statement.name.name);
      else if (statement.kind === 'structRule' && !this.bitflags.has(statement.name.name)) {
        this.alternativesOfStruct(statement.name.name);
      }
    }
    const rules: ResolvedRule[] = [];
    for (const statement of this.file.statements) {
      if (statement.kind === 'syscall') rules.push({ rule: this.syscallRule(statement), node: statement });
    }
    this.warnUnused();
    return rules;
  }

  private collectDefinitions(): void {
    for (const statement of this.file.statements) {
      const name = statement.name.name;
      if (statement.kind === 'bitflagsRule') {
        const earlier = this.bitflags.get(name);
        if (earlier !== undefined) {
          const at = locationOf(this.source, earlier.name.span.start);
          this.error(statement.name.span, `bitflags rule '${name}' is already defined at line ${at.line}`);
        } else {
          this.bitflags.set(name, statement);
        }
      } else if (statement.kind === 'structRule') {
        const list = this.structs.get(name);
        if (list === undefined) this.structs.set(name, [statement]);
        else list.push(statement);
      }
    }
    for (const [name, defs] of this.structs) {
      if (this.bitflags.has(name)) {
        this.warning(
          defs[0].name.span,
          `'${name}' names both a bitflags rule and a struct rule; <${name}> refers to the bitflags rule`,
        );
      }
    }
  }

  private warnUnused(): void {
    if (this.file.hadSyntaxErrors) return; // a reference may sit in a statement that failed to parse
    for (const [name, def] of this.bitflags) {
      if (!this.used.has(name)) this.warning(def.name.span, `bitflags rule '${name}' is never used`);
    }
    for (const [name, defs] of this.structs) {
      if (!this.used.has(name) && !this.bitflags.has(name)) {
        this.warning(defs[0].name.span, `struct rule '${name}' is never used`);
      }
    }
  }

  /** Report a reference to a name that is neither defined here nor a built-in. */
  private undefinedReference(ref: ReferenceNode): void {
    // The definition is there but failed to parse: that error says enough.
    if (this.file.brokenNames.has(ref.name)) return;
    const candidates = [...this.bitflags.keys(), ...this.structs.keys()];
    let message: string;
    if (LOOKS_BUILTIN.test(ref.name)) {
      message = `unknown built-in '<${ref.name}>' (the built-ins are <INTEGER> and <PATH>)`;
      candidates.push(BUILTIN_INTEGER, BUILTIN_PATH);
    } else {
      message = `undefined name '<${ref.name}>' (no bitflags or struct rule of that name in this file)`;
    }
    const suggestion = closestName(ref.name, candidates);
    const elsewhere = this.namesElsewhere.get(ref.name)?.filter((f) => f !== this.source.name) ?? [];
    if (elsewhere.length > 0) {
      message += `; it is defined in ${elsewhere[0]}, but named rules are visible only in their own file`;
    } else if (suggestion !== null) {
      message += `; did you mean '<${suggestion}>'?`;
    }
    this.error(ref.span, message);
  }

  /** The flattened flag set of the bitflags rule `name`, or null after an error. */
  private flagsOfRule(name: string, via?: ReferenceNode): FlagSet | null {
    const def = this.bitflags.get(name);
    if (def === undefined) return null;
    return this.flagRules.resolve(name, via?.span ?? def.name.span, () => this.flagUnion(def.pattern, 'bitflags rule'));
  }

  /**
   * A flag union `A | <b> | <INTEGER>`: flags, bitflags references and
   * `<INTEGER>`. Struct names and `<PATH>` cannot take part.
   */
  private flagUnion(pattern: FlagPatternNode, context: 'bitflags rule' | 'flag union'): FlagSet | null {
    const set: FlagSet = { names: new Set(), integer: false };
    let ok = true;
    for (const part of pattern.parts) {
      if (part.kind === 'flagName') {
        set.names.add(part.name);
        continue;
      }
      const name = part.name;
      if (name === BUILTIN_INTEGER) {
        set.integer = true;
      } else if (name === BUILTIN_PATH) {
        this.error(part.span, `<PATH> must stand alone as a pattern; it cannot be part of a ${context}`);
        ok = false;
      } else if (this.bitflags.has(name)) {
        this.used.add(name);
        const inner = this.flagsOfRule(name, part);
        if (inner === null) ok = false;
        else {
          for (const n of inner.names) set.names.add(n);
          if (inner.integer) set.integer = true;
        }
      } else if (this.structs.has(name)) {
        this.used.add(name);
        this.error(part.span, `struct '<${name}>' cannot be part of a ${context}; a struct reference must stand alone`);
        ok = false;
      } else {
        this.undefinedReference(part);
        ok = false;
      }
    }
    return ok ? set : null;
  }

  private flagsPattern(set: FlagSet | null): Pattern {
    if (set === null) return { kind: 'any' }; // an error was reported; the IR will not be used
    const pattern: FlagsPattern = { kind: 'flags', names: [...set.names].sort(), integer: set.integer };
    return pattern;
  }

  /** The alternatives of the struct rule `name` (one per definition), or null after an error. */
  private alternativesOfStruct(name: string, via?: ReferenceNode): StructAlternative[] | null {
    const defs = this.structs.get(name);
    if (defs === undefined) return null;
    return this.structRules.resolve(name, via?.span ?? defs[0].name.span, () =>
      defs.map((def) => this.structAlternative(def.pattern, def.span.start)),
    );
  }

  private structAlternative(pattern: StructPatternNode, originOffset: number): StructAlternative {
    this.warnRepeatedNames(pattern.fields, 'field', 'struct pattern');
    const fields: FieldPattern[] = this.deeper(pattern.span, [], () =>
      pattern.fields.map((field) => ({ name: field.name.name, pattern: this.paramPattern(field) })),
    );
    return { fields, open: pattern.open, origin: this.origin(originOffset) };
  }

  /** Resolve one level further in, or report the pattern too deep and give `instead` (the IR will not be used). */
  private deeper<T>(span: Span, instead: T, resolve: () => T): T {
    if (this.nesting >= MAX_NESTING) {
      this.tooDeep(span);
      return instead;
    }
    this.nesting++;
    try {
      return resolve();
    } finally {
      this.nesting--;
    }
  }

  private tooDeep(span: Span): void {
    if (this.tooDeepReported) return;
    this.tooDeepReported = true;
    this.error(span, `patterns nested more than ${MAX_NESTING} levels deep, counting the struct rules they name`);
  }

  private paramPattern(param: ParamNode): Pattern {
    return param.pattern === null ? { kind: 'any' } : this.valuePattern(param.pattern);
  }

  private valuePattern(node: ValuePatternNode): Pattern {
    switch (node.kind) {
      case 'structPattern':
        return { kind: 'struct', name: null, alternatives: [this.structAlternative(node, node.span.start)] };
      case 'arrayPattern':
        return { kind: 'array', elements: this.deeper(node.span, [], () => node.elements.map((e) => this.arrayElement(e))) };
      case 'flagPattern': {
        const only = node.parts.length === 1 ? node.parts[0] : null;
        if (only !== null && only.kind === 'reference') return this.referenceAlone(only);
        return this.flagsPattern(this.flagUnion(node, 'flag union'));
      }
    }
  }

  private arrayElement(node: ArrayElementNode): Pattern {
    return node.kind === 'reference' ? this.referenceAlone(node) : this.valuePattern(node);
  }

  /** `<name>` standing alone: a built-in, a bitflags rule (wins) or a struct rule. */
  private referenceAlone(ref: ReferenceNode): Pattern {
    const name = ref.name;
    if (name === BUILTIN_INTEGER) return { kind: 'integer' };
    if (name === BUILTIN_PATH) return { kind: 'path' };
    if (this.bitflags.has(name)) {
      this.used.add(name);
      return this.flagsPattern(this.flagsOfRule(name, ref));
    }
    if (this.structs.has(name)) {
      this.used.add(name);
      const alternatives = this.alternativesOfStruct(name, ref);
      if (alternatives === null) return { kind: 'any' };
      const pattern: Pattern = { kind: 'struct', name, alternatives };
      // The struct rule may have been resolved elsewhere, less deep: its levels count here too.
      if (this.nesting + this.measure.depth(pattern) > MAX_NESTING) {
        this.tooDeep(ref.span);
        return { kind: 'any' };
      }
      if (this.measure.size(pattern) > MAX_EXPANDED_PATTERNS) {
        this.error(ref.span, `<${name}> expands to more than ${MAX_EXPANDED_PATTERNS} patterns (struct rules naming struct rules); write the struct pattern with fewer references`);
        return { kind: 'any' };
      }
      return pattern;
    }
    this.undefinedReference(ref);
    return { kind: 'any' };
  }

  /** A name given twice in one list is almost surely a slip (a field must then match both patterns). */
  private warnRepeatedNames(list: readonly ParamNode[], what: string, where: string): void {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item.name.name)) this.warning(item.name.span, `${what} '${item.name.name}' appears twice in this ${where}`);
      seen.add(item.name.name);
    }
  }

  private syscallRule(node: SyscallRuleNode): SyscallRule {
    this.warnRepeatedNames(node.params, 'parameter', 'rule');
    return {
      id: -1,
      syscall: node.name.name,
      params: node.params.map((p) => ({ name: p.name.name, pattern: this.paramPattern(p) })),
      variadic: node.variadic,
      origin: this.origin(node.name.span.start),
      text: this.source.body.slice(node.span.start, node.span.end),
    };
  }
}

export interface ResolvedRule {
  rule: SyscallRule;
  node: SyscallRuleNode;
}

/**
 * Resolve all files (in the given order) into the pooled list of syscall
 * rules (ids assigned in order), each with the node it came from.
 */
export function resolveFiles(files: readonly FileNode[], diagnostics: DiagnosticBag): ResolvedRule[] {
  const rules: ResolvedRule[] = [];
  const namesElsewhere = new Map<string, string[]>();
  for (const file of files) {
    for (const statement of file.statements) {
      if (statement.kind === 'syscall') continue;
      const list = namesElsewhere.get(statement.name.name) ?? [];
      if (!list.includes(file.source.name)) list.push(file.source.name);
      namesElsewhere.set(statement.name.name, list);
    }
  }
  for (const file of files) {
    const fileRules = new FileResolver(file, diagnostics, namesElsewhere).run();
    for (const resolved of fileRules) {
      resolved.rule.id = rules.length;
      rules.push(resolved);
    }
  }
  return rules;
}
