/**
 * The SCML syntax tree. Every node keeps its span: its file and offsets into
 * that file's text; line and column are computed only when a message or an
 * origin needs them.
 */
import type { Source } from './source';

export interface Span {
  /** The file the node comes from. */
  source: Source;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export interface Identifier {
  name: string;
  span: Span;
}

export interface FileNode {
  source: Source;
  statements: Statement[];
  /** True when the parser reported an error in this file (the tree may be partial). */
  hadSyntaxErrors: boolean;
  /**
   * Names that statements abandoned on a syntax error seemed to define
   * (`name = ...`, `struct name = ...`): a reference to one of them is not
   * reported as undefined, since the definition is only broken.
   */
  brokenNames: Set<string>;
}

export type Statement = SyscallRuleNode | StructRuleNode | BitflagsRuleNode;

/** `name(param, param = pattern, ..);` */
export interface SyscallRuleNode {
  kind: 'syscall';
  name: Identifier;
  params: ParamNode[];
  /** The list ends with `..`. */
  variadic: boolean;
  /** From the first token to the closing `;` inclusive. */
  span: Span;
}

/** `struct name = { ... };` */
export interface StructRuleNode {
  kind: 'structRule';
  name: Identifier;
  pattern: StructPatternNode;
  span: Span;
}

/** `name = A | B | <other>;` */
export interface BitflagsRuleNode {
  kind: 'bitflagsRule';
  name: Identifier;
  pattern: FlagPatternNode;
  span: Span;
}

/** A parameter or a struct field: `name` or `name = pattern`. */
export interface ParamNode {
  name: Identifier;
  /** null for a bare name (any value). */
  pattern: ValuePatternNode | null;
  span: Span;
}

export type FieldNode = ParamNode;

export type ValuePatternNode = FlagPatternNode | StructPatternNode | ArrayPatternNode;

/** `A | B | <named> | <INTEGER>`; also a lone `<name>` (which may name a struct). */
export interface FlagPatternNode {
  kind: 'flagPattern';
  parts: FlagPartNode[];
  span: Span;
}

export type FlagPartNode = FlagNameNode | ReferenceNode;

/** A flag written directly: `O_RDONLY`, or a bare run of digits such as `0`. */
export interface FlagNameNode {
  kind: 'flagName';
  name: string;
  span: Span;
}

/** `<name>`: a named rule of the file, or a built-in (`INTEGER`, `PATH`). */
export interface ReferenceNode {
  kind: 'reference';
  name: string;
  /** Span of the whole `<name>`. */
  span: Span;
}

/** `{ field, field = pattern, .. }` */
export interface StructPatternNode {
  kind: 'structPattern';
  fields: FieldNode[];
  /** Ends with `..`. */
  open: boolean;
  span: Span;
}

/** `[ <name>, { ... }, [ ... ] ]` */
export interface ArrayPatternNode {
  kind: 'arrayPattern';
  elements: ArrayElementNode[];
  span: Span;
}

export type ArrayElementNode = ReferenceNode | StructPatternNode | ArrayPatternNode;
