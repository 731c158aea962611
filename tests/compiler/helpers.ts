/** Shared helpers for the compiler front-end tests. */
import { analyze, type AnalyzeResult } from '../../compiler/analyze';
import { formatDiagnostics } from '../../compiler/diagnostics';
import type { IR, Pattern, SyscallRule } from '../../runtime/ir';

/** The Asterinas rule set, beside the checkout (never copied into the repo). */
export { ASTERINAS_RULES as ASTERINAS_DIR } from '../fixtures/paths';

/**
 * Analyze in-memory SCML files (path → text), in the order given. The
 * warnings from the Linux facts (made-up syscall names like `f`) are left
 * out unless asked for; tests/compiler/linux-checks.test.ts covers them.
 */
export function analyzeTexts(files: Record<string, string>, options: { linux?: boolean } = {}): AnalyzeResult {
  const result = analyze(Object.entries(files).map(([p, text]) => ({ path: p, bytes: Buffer.from(text, 'utf8') })));
  return options.linux === true ? result : { ...result, diagnostics: result.diagnostics.filter((d) => d.topic !== 'linux') };
}

/** Analyze one file `t.scml`, expecting no error; returns the IR. */
export function irOf(text: string): IR {
  const result = analyzeTexts({ 't.scml': text });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.ir === null) throw new Error('unexpected errors:\n' + formatDiagnostics(errors));
  return result.ir;
}

/** The single rule of a one-rule file. */
export function onlyRule(text: string): SyscallRule {
  const ir = irOf(text);
  expect(ir.rules).toHaveLength(1);
  return ir.rules[0];
}

/** The pattern of parameter `index` of the only rule in `text`. */
export function paramPattern(text: string, index: number): Pattern {
  return onlyRule(text).params[index].pattern;
}

/** All diagnostics of one file `t.scml`, formatted. */
export function formatted(text: string, name = 't.scml'): string {
  return formatDiagnostics(analyzeTexts({ [name]: text }).diagnostics);
}
