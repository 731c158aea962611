/**
 * Compiler diagnostics: one list per compilation, filled by every pass
 * (lexer, parser, resolver, checks), so one run reports every problem.
 */
import { type Source, lineTextAt, locationOf } from './source';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Source path as given to the compiler. */
  file: string;
  /** 1-based line and column (column in UTF-16 code units + 1). */
  line: number;
  column: number;
  /** Offsets of the span the message is about (end exclusive). */
  offset: number;
  endOffset: number;
  /** The text of the line holding `offset`, so a diagnostic prints on its own. */
  lineText: string;
  /**
   * 'linux': a warning from the Linux facts (compiler/check-linux.ts), for
   * rule authors: scmlc prints it, sctrace does not repeat it on every run.
   */
  topic?: 'linux';
}

/** Collects diagnostics; passes report through it with a source and a span. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  report(severity: Severity, source: Source, start: number, end: number, message: string, topic?: 'linux'): void {
    const { line, column } = locationOf(source, start);
    this.items.push({
      ...(topic === undefined ? {} : { topic }),
      severity,
      message,
      file: source.name,
      line,
      column,
      offset: start,
      endOffset: Math.max(end, start),
      lineText: lineTextAt(source, start),
    });
  }

  error(source: Source, start: number, end: number, message: string): void {
    this.report('error', source, start, end, message);
  }

  warning(source: Source, start: number, end: number, message: string, topic?: 'linux'): void {
    this.report('warning', source, start, end, message, topic);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}

/**
 * `path:line:col: error: message`, then the source line, then a caret under
 * the column (`^`, followed by `~` over the rest of the span on that line).
 * Tabs before the column are kept in the caret line so it lines up.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
  const before = d.lineText.slice(0, d.column - 1).replace(/[^\t]/g, ' ');
  const spanOnLine = Math.min(d.endOffset - d.offset, d.lineText.length - (d.column - 1));
  const caret = '^' + '~'.repeat(Math.max(0, spanOnLine - 1));
  return `${head}\n${d.lineText}\n${before}${caret}`;
}

/** All diagnostics, one block each, each ending in a newline. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnostic(d) + '\n').join('');
}

/** Stable order for reporting: by file (in the given order), then position, errors first at a tie. */
export function sortDiagnostics(diagnostics: Diagnostic[], fileOrder: readonly string[]): Diagnostic[] {
  const rank = new Map<string, number>();
  fileOrder.forEach((f, i) => {
    if (!rank.has(f)) rank.set(f, i);
  });
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (rank.get(a.d.file) ?? 0) - (rank.get(b.d.file) ?? 0) ||
        a.d.offset - b.d.offset ||
        (a.d.severity === b.d.severity ? 0 : a.d.severity === 'error' ? -1 : 1) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}
