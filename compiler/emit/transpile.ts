/** TypeScript module text → CommonJS JavaScript, with the TypeScript compiler API (ts-morph's bundled copy). */
import { ts } from 'ts-morph';

export function toCommonJs(typescript: string): string {
  const out = ts.transpileModule(typescript, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      removeComments: false,
      newLine: ts.NewLineKind.LineFeed,
    },
    reportDiagnostics: false,
  });
  return out.outputText;
}
