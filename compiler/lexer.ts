/**
 * The SCML lexer: source text → tokens with offsets.
 *
 * Whitespace, `// line comments` and `/* block comments *\/` are skipped
 * anywhere. Lexical errors (an unknown character, an unterminated block
 * comment) are reported to the diagnostics and lexing goes on.
 */
import type { DiagnosticBag } from './diagnostics';
import type { Source } from './source';

export type TokenKind =
  /** letter or `_`, then letters, digits, `_` */
  | 'ident'
  /** a run of word characters starting with a digit (`0` is a flag name; `0x10` is not valid) */
  | 'number'
  | '('
  | ')'
  | '{'
  | '}'
  | '['
  | ']'
  | '<'
  | '>'
  | '='
  | '|'
  | ','
  | ';'
  | '..'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token's text as written (empty for eof). */
  text: string;
  start: number;
  end: number;
}

const PUNCT: ReadonlySet<string> = new Set(['(', ')', '{', '}', '[', ']', '<', '>', '=', '|', ',', ';']);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  // space, tab, LF, VT, FF, CR, and a stray BOM / NBSP
  return c === 32 || (c >= 9 && c <= 13) || c === 0xfeff || c === 0xa0;
}

export interface LexResult {
  /** The tokens; the last one is always `eof`. */
  tokens: Token[];
  /** A block comment ran to the end of the file (already reported). */
  unterminatedComment: boolean;
}

/** Tokenize a whole source. */
export function tokenize(source: Source, diagnostics: DiagnosticBag): LexResult {
  let unterminatedComment = false;
  const body = source.body;
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && body.charCodeAt(i + 1) === 47) {
      while (i < body.length && body.charCodeAt(i) !== 10 && body.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 47 && body.charCodeAt(i + 1) === 42 /* * */) {
      const close = body.indexOf('*/', i + 2);
      if (close < 0) {
        diagnostics.error(source, i, i + 2, 'unterminated block comment (missing */)');
        unterminatedComment = true;
        i = body.length;
      } else {
        i = close + 2;
      }
      continue;
    }
    if (isWordChar(c)) {
      const start = i;
      while (i < body.length && isWordChar(body.charCodeAt(i))) i++;
      tokens.push({ kind: isDigit(c) ? 'number' : 'ident', text: body.slice(start, i), start, end: i });
      continue;
    }
    if (c === 46 /* . */ && body.charCodeAt(i + 1) === 46) {
      // `...` (as strace prints it) is a likely slip for `..`: say so, then read it as `..`.
      const width = body.charCodeAt(i + 2) === 46 ? 3 : 2;
      if (width === 3) diagnostics.error(source, i, i + 3, `'...' is not SCML; write '..' for "any further ones"`);
      tokens.push({ kind: '..', text: body.slice(i, i + width), start: i, end: i + width });
      i += width;
      continue;
    }
    if (c === 42 /* * */ && body.charCodeAt(i + 1) === 47) {
      diagnostics.error(source, i, i + 2, `'*/' outside a comment`);
      i += 2;
      continue;
    }
    const ch = body[i];
    if (PUNCT.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    // Unknown character: report it (a whole surrogate pair as one) and skip it.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < body.length ? 2 : 1;
    const shown = body.slice(i, i + width);
    diagnostics.error(source, i, i + width, `unexpected character ${describeChar(shown)}`);
    i += width;
  }
  tokens.push({ kind: 'eof', text: '', start: body.length, end: body.length });
  return { tokens, unterminatedComment };
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  return code >= 0x21 && code <= 0x7e ? `'${ch}'` : hex;
}
