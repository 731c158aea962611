/** The README's library example type-checks, under strict, against the library's own types. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

const REPO = path.join(__dirname, '..', '..');

test('the example of "The library" compiles', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The library'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(example).toContain("from 'sctrace'");
  const dir = mkdtempSync(path.join(tmpdir(), 'sctrace-readme-'));
  try {
    const file = path.join(dir, 'example.mts');
    writeFileSync(file, example as string);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
      skipLibCheck: true,
      paths: { sctrace: [path.join(REPO, 'lib', 'index.ts')] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
