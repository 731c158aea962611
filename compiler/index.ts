/**
 * The SCML compiler's entry points.
 *
 *   analyze: bytes → source → tokens → AST → resolve → IR, with diagnostics
 *   compile: analyze, then emit a matcher module (compiler/emit)
 */
import { type AnalyzeResult, type CompilerInput, analyze } from './analyze';
import type { MatcherTarget } from '../runtime/abi';
import { emitModule } from './emit/index';

export { type AnalyzeResult, type CompilerInput, analyze } from './analyze';
export { type Diagnostic, type Severity, formatDiagnostic, formatDiagnostics } from './diagnostics';
export { type DiscoveredScml, discoverScml } from './discover';

export interface CompileResult extends AnalyzeResult {
  /** The matcher module's source; null when any error was reported. */
  code: string | null;
}

/** analyze, then emit a matcher module in the requested format. */
export function compile(
  inputs: readonly CompilerInput[],
  options: { format: 'js' | 'ts'; target?: MatcherTarget | null },
): CompileResult {
  const { ir, diagnostics } = analyze(inputs);
  const code = ir === null ? null : emitModule(ir, { format: options.format, target: options.target });
  return { ir, diagnostics, code };
}
