/** Type-check an emitted `.ts` module with the TypeScript compiler API, strict, and check it is a MatcherModule. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const ABI = path.join(__dirname, '..', '..', '..', 'runtime', 'abi');

/** Diagnostics (formatted) of the module plus a file asserting `typeof import(module)` is assignable to MatcherModule. */
export function typeCheck(moduleText: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-tc-'));
  try {
    const modulePath = path.join(dir, 'matcher.ts');
    const checkPath = path.join(dir, 'check.ts');
    fs.writeFileSync(modulePath, moduleText);
    fs.writeFileSync(
      checkPath,
      `import type { MatcherModule } from ${JSON.stringify(ABI.split(path.sep).join('/'))};\n` +
        `import * as m from './matcher';\nexport const asModule: MatcherModule = m;\n`,
    );
    const program = ts.createProgram([modulePath, checkPath], {
      strict: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      exactOptionalPropertyTypes: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts'],
      types: [],
      noEmit: true,
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${path.basename(d.file.fileName)})` : ''));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
