/**
 * Recursive-descent parser for SCML (grammar: docs/scml-guide.md,
 * with the deviations of docs/behaviour.md section 1: comments anywhere, any number of
 * statements per line, trailing commas, a bare run of digits as a flag name).
 *
 * Each parseX() carries its grammar rule. On a syntax error the statement is
 * abandoned: the error is reported and parsing resumes after the next `;`, so
 * one run reports every syntax error of every file.
 */
import type {
  ArrayElementNode,
  ArrayPatternNode,
  BitflagsRuleNode,
  FileNode,
  FlagPartNode,
  FlagPatternNode,
  Identifier,
  ParamNode,
  ReferenceNode,
  Span,
  Statement,
  StructPatternNode,
  StructRuleNode,
  SyscallRuleNode,
  ValuePatternNode,
} from './ast';
import type { DiagnosticBag } from './diagnostics';
import { type Token, type TokenKind, tokenize } from './lexer';
import type { Source } from './source';

/** Thrown to abandon the current statement; caught in parseFile. */
class SyntaxFailure {
  constructor(
    readonly token: Token,
    readonly expected: string,
    /** A complete message replacing "expected X, found Y". */
    readonly message?: string,
  ) {}
}

/** `'foo'`, `';'`, or `end of file`, for "found ..." in messages. */
export function describeToken(token: Token): string {
  return token.kind === 'eof' ? 'end of file' : `'${token.text}'`;
}

const DIGITS = /^[0-9]+$/;

/** Deeper nesting of `{` / `[` than this is refused, here and, counting the struct rules a pattern names, in resolve.ts. */
export { MAX_NESTING } from '../runtime/ir';
import { MAX_NESTING } from '../runtime/ir';

class Parser {
  private pos = 0;
  private depth = 0;
  private hadErrors = false;
  private readonly brokenNames = new Set<string>();

  constructor(
    private readonly source: Source,
    private readonly tokens: Token[],
    private readonly diagnostics: DiagnosticBag,
    private readonly unterminatedComment: boolean,
  ) {}

  private span(start: number, end: number): Span {
    return { source: this.source, start, end };
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private expect(kind: TokenKind, expected: string): Token {
    if (!this.at(kind)) throw new SyntaxFailure(this.peek(), expected);
    return this.next();
  }

  private fail(expected: string): never {
    throw new SyntaxFailure(this.peek(), expected);
  }

  /** An error that does not abandon the statement (the structure is still clear). */
  private softError(start: number, end: number, message: string): void {
    this.hadErrors = true;
    this.diagnostics.error(this.source, start, end, message);
  }

  /** <scml> ::= { <rule> } */
  parseFile(): FileNode {
    const statements: Statement[] = [];
    while (!this.at('eof')) {
      if (this.at(';')) {
        this.next(); // an empty statement is harmless
        continue;
      }
      const firstIndex = this.pos;
      try {
        statements.push(this.parseRule());
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.reportFailure(e, this.tokens[firstIndex]);
        this.rememberBrokenName(firstIndex);
        this.skipPastSemicolon();
      }
    }
    return { source: this.source, statements, hadSyntaxErrors: this.hadErrors, brokenNames: this.brokenNames };
  }

  /** The name an abandoned statement starting at token `index` would have defined, if any. */
  private rememberBrokenName(index: number): void {
    const first = this.tokens[index];
    const second = this.tokens[index + 1];
    if (first.kind !== 'ident' || second === undefined) return;
    if (first.text === 'struct' && second.kind === 'ident') this.brokenNames.add(second.text);
    else if (second.kind === '=') this.brokenNames.add(first.text);
  }

  private reportFailure(failure: SyntaxFailure, statementStart: Token): void {
    this.hadErrors = true;
    const { token, expected } = failure;
    if (token.kind === 'eof') {
      // The lexer already said why the file ended early.
      if (this.unterminatedComment) return;
      this.diagnostics.error(
        this.source,
        statementStart.start,
        statementStart.end,
        `unterminated statement at end of file: expected ${expected}`,
      );
      return;
    }
    if (failure.message !== undefined) {
      this.diagnostics.error(this.source, token.start, token.end, failure.message);
      return;
    }
    let message = `expected ${expected}, found ${describeToken(token)}`;
    if (token.kind === 'number' && !DIGITS.test(token.text)) {
      message += ` (a name starts with a letter or '_'; write <INTEGER> to allow numbers)`;
    }
    this.diagnostics.error(this.source, token.start, token.end, message);
  }

  private skipPastSemicolon(): void {
    while (!this.at('eof') && !this.at(';')) this.next();
    if (this.at(';')) this.next();
  }

  /**
   * <rule> ::= <syscall-rule> ';' | <struct-rule> ';' | <bitflags-rule> ';'
   */
  private parseRule(): Statement {
    const first = this.peek();
    const second = this.peek(1);
    if (first.kind === 'ident') {
      if (first.text === 'struct' && second.kind === 'ident') return this.parseStructRule();
      if (second.kind === '(') return this.parseSyscallRule();
      if (second.kind === '=') return this.parseBitflagsRule();
      this.next();
      this.fail(`'(' or '=' after '${first.text}'`);
    }
    this.fail(`a rule (a name followed by '(' or '=', or 'struct')`);
  }

  /** <identifier> ::= letter { letter | digit | '_' } */
  private parseIdentifier(what: string): Identifier {
    const token = this.expect('ident', what);
    return { name: token.text, span: this.span(token.start, token.end) };
  }

  /**
   * The closing `;`. When it is missing at the end of a line, report it and
   * go on as if it were there: the next statement usually starts right there.
   */
  private finishStatement(statementStart: Token, expected = `';'`): number {
    if (this.at(';')) return this.next().end;
    const previous = this.tokens[this.pos - 1];
    const found = this.peek();
    const between = this.source.body.slice(previous.end, found.start);
    if (found.kind !== 'eof' && !/[\r\n]/.test(between)) this.fail(expected);
    if (found.kind === 'eof') {
      if (!this.unterminatedComment) {
        this.softError(statementStart.start, statementStart.end, `unterminated statement at end of file: expected ';'`);
      }
    } else {
      this.softError(previous.end, previous.end, `expected ';' after the statement, found ${describeToken(found)}`);
    }
    return previous.end;
  }

  /**
   * <syscall-rule> ::= <identifier> '(' [ <param-list> ] ')'
   * <param-list>   ::= '..' | <param> { ',' <param> } [ ',' '..' ]   (a trailing ',' is allowed)
   */
  private parseSyscallRule(): SyscallRuleNode {
    const first = this.peek();
    const name = this.parseIdentifier('a syscall name');
    this.expect('(', `'('`);
    const { entries: params, open: variadic } = this.parseEntryList(')', 'parameter');
    this.next(); // ')'
    const end = this.finishStatement(first);
    return { kind: 'syscall', name, params, variadic, span: this.span(name.span.start, end) };
  }

  /**
   * The entries of a parameter list or a struct pattern, up to (not past) `closer`:
   * <entry> { ',' <entry> } [ ',' '..' ]   (a trailing ',' is allowed)
   * A `..` that is not last is reported and parsing goes on.
   */
  private parseEntryList(closer: ')' | '}', entry: 'parameter' | 'field'): { entries: ParamNode[]; open: boolean } {
    const entries: ParamNode[] = [];
    let open = false;
    let dots: Token | null = null;
    while (!this.at(closer)) {
      if (this.at('..')) {
        const token = this.next();
        if (!open) dots = token;
        open = true;
      } else {
        if (dots !== null) {
          this.softError(dots.start, dots.end, `'..' must be the last ${entry}`);
          dots = null;
        }
        entries.push(this.parseParam(`a ${entry} name, '..' or '${closer}'`));
      }
      if (this.at(',')) this.next();
      else if (!this.at(closer)) this.fail(`',' or '${closer}'`);
    }
    return { entries, open };
  }

  /**
   * <param> ::= <identifier> '=' <flag-pattern>
   *           | <identifier> '=' <struct-pattern>
   *           | <identifier> '=' <array-pattern>
   *           | <identifier>
   * (<field> has the same shape.)
   */
  private parseParam(what: string): ParamNode {
    // Like the original, a bare run of digits is accepted as a name (`renameat2(..., 0)`).
    const token = this.peek();
    const name =
      token.kind === 'number' && DIGITS.test(token.text)
        ? { name: this.next().text, span: this.span(token.start, token.end) }
        : this.parseIdentifier(what);
    if (!this.at('=')) return { name, pattern: null, span: name.span };
    this.next();
    const pattern = this.parseValuePattern();
    return { name, pattern, span: this.span(name.span.start, pattern.span.end) };
  }

  /** <flag-pattern> | <struct-pattern> | <array-pattern> */
  private parseValuePattern(): ValuePatternNode {
    if (this.at('{')) return this.nested(() => this.parseStructPattern());
    if (this.at('[')) return this.nested(() => this.parseArrayPattern());
    return this.parseFlagPattern(true);
  }

  /** Parse a nested `{...}` or `[...]`, refusing absurd depths instead of overflowing the stack. */
  private nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      throw new SyntaxFailure(this.peek(), '', `patterns nested more than ${MAX_NESTING} levels deep`);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** <flag-pattern> ::= <flag-part> { '|' <flag-part> } */
  private parseFlagPattern(inValuePosition = false): FlagPatternNode {
    const parts: FlagPartNode[] = [this.parseFlagPart(inValuePosition ? `a flag name, '<name>', '{' or '['` : undefined)];
    while (this.at('|')) {
      this.next();
      parts.push(this.parseFlagPart());
    }
    return { kind: 'flagPattern', parts, span: this.span(parts[0].span.start, parts[parts.length - 1].span.end) };
  }

  /**
   * <flag-part> ::= <identifier> | '<' <identifier> '>'
   * (also a bare run of digits, such as `0`, as a flag name)
   */
  private parseFlagPart(expected = `a flag name or '<name>'`): FlagPartNode {
    const token = this.peek();
    if (token.kind === '<') return this.parseReference();
    if (token.kind === 'ident' || (token.kind === 'number' && DIGITS.test(token.text))) {
      this.next();
      return { kind: 'flagName', name: token.text, span: this.span(token.start, token.end) };
    }
    this.fail(expected);
  }

  /** '<' <identifier> '>' */
  private parseReference(): ReferenceNode {
    const open = this.expect('<', `'<'`);
    const name = this.expect('ident', `a rule name or INTEGER or PATH after '<'`);
    const close = this.expect('>', `'>'`);
    return { kind: 'reference', name: name.text, span: this.span(open.start, close.end) };
  }

  /**
   * <struct-pattern> ::= '{' <field-list> [ ',' '..' ] '}'
   * <field-list>     ::= <field> { ',' <field> }          (a trailing ',' is allowed; `{ .. }` too)
   */
  private parseStructPattern(): StructPatternNode {
    const open = this.expect('{', `'{'`);
    if (this.at('}')) this.fail(`a field name or '..'`);
    const { entries: fields, open: isOpen } = this.parseEntryList('}', 'field');
    const close = this.next();
    return { kind: 'structPattern', fields, open: isOpen, span: this.span(open.start, close.end) };
  }

  /**
   * <array-pattern> ::= '[' <array-element> { ',' <array-element> } ']'   (a trailing ',' is allowed)
   */
  private parseArrayPattern(): ArrayPatternNode {
    const open = this.expect('[', `'['`);
    const elements: ArrayElementNode[] = [this.parseArrayElement()];
    while (this.at(',')) {
      this.next();
      if (this.at(']')) break;
      elements.push(this.parseArrayElement());
    }
    const close = this.expect(']', `',' or ']'`);
    return { kind: 'arrayPattern', elements, span: this.span(open.start, close.end) };
  }

  /** <array-element> ::= '<' <identifier> '>' | <struct-pattern> | <array-pattern> */
  private parseArrayElement(): ArrayElementNode {
    if (this.at('<')) return this.parseReference();
    if (this.at('{')) return this.nested(() => this.parseStructPattern());
    if (this.at('[')) return this.nested(() => this.parseArrayPattern());
    this.fail(`'<name>', '{' or '[' (an array element)`);
  }

  /** <struct-rule> ::= 'struct' <identifier> '=' <struct-pattern> */
  private parseStructRule(): StructRuleNode {
    const keyword = this.next(); // 'struct'
    const name = this.parseIdentifier('a struct name');
    this.expect('=', `'='`);
    const pattern = this.parseStructPattern();
    const end = this.finishStatement(keyword);
    return { kind: 'structRule', name, pattern, span: this.span(keyword.start, end) };
  }

  /** <bitflags-rule> ::= <identifier> '=' <flag-pattern> */
  private parseBitflagsRule(): BitflagsRuleNode {
    const first = this.peek();
    const name = this.parseIdentifier('a rule name');
    this.expect('=', `'='`);
    if (this.at('{')) this.fail(`a flag name or '<name>' (a struct rule starts with 'struct')`);
    const pattern = this.parseFlagPattern();
    const end = this.finishStatement(first, `'|' or ';'`);
    return { kind: 'bitflagsRule', name, pattern, span: this.span(name.span.start, end) };
  }
}

/** Lex and parse one file; errors go to `diagnostics`. */
export function parseSource(source: Source, diagnostics: DiagnosticBag): FileNode {
  const before = diagnostics.errorCount;
  const { tokens, unterminatedComment } = tokenize(source, diagnostics);
  const file = new Parser(source, tokens, diagnostics, unterminatedComment).parseFile();
  return { ...file, hadSyntaxErrors: file.hadSyntaxErrors || diagnostics.errorCount > before };
}
