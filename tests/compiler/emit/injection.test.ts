/**
 * Injection corpus (after fast-json-stringify's sanitize tests): hostile text
 * in every place rule data reaches the emitted module — source paths, origin
 * files, rule text, syscall/parameter/field/flag/struct names. The module must
 * load, run nothing, keep its metadata exactly equal to the input, and still
 * match right.
 */
import { emitModule } from '../../../compiler/emit/index';
import { analyze } from '../../../compiler/index';
import { ANY, buildIR, call, Differential, flagSet, flags, int, loadModule, structPat, struct } from './harness';
import { typeCheck } from './typecheck';
import tsApi from 'typescript';

const HOSTILE = [
  '"', "'", '\\', '\\"', '*/', '/*', '`', '${process.exit(1)}', '\n', '\r\n', '\u2028', '\u2029', '__proto__', 'constructor',
  'toString', '"); throw new Error("pwned"); ("', '*/ throw new Error("pwned"); /*', '\n throw new Error("pwned");\n//',
  '</script>', '\u0000', 'é ☃ 😀', '\\u2028', '}); throw 1; ({',
];

/** One IR that carries every hostile string everywhere. */
const ir = buildIR(
  HOSTILE.map((h, i) => ({
    syscall: h,
    params: [
      [h, flagSet([h, 'SAFE'])],
      [`q${i}`, structPat([{ fields: [[h, flagSet([h])]], open: true }], h)],
      ANY,
    ],
    origin: { file: `dir ${h}/file${h}.scml`, line: i + 1, column: 1 },
    text: `${h}(x = ${h}); // ${h} */ ${h}`,
  })),
  HOSTILE.map((h) => ({ path: `dir ${h}/file${h}.scml`, sha256: h })),
);

describe('hostile strings in every field', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const js = emitModule(ir, { format: 'js' });
  const ts = emitModule(ir, { format: 'ts' });

  test('the module loads and its metadata equals the input exactly', () => {
    const m = loadModule(js);
    expect(m.ir).toEqual(ir);
    expect(JSON.stringify(m.ir)).toBe(JSON.stringify(ir));
    expect(m.sources).toEqual(ir.sources);
    expect(m.rules.map((r) => [r.syscall, r.file])).toEqual(ir.rules.map((r) => [r.syscall, r.origin.file]));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  test('every hostile syscall, flag and field name is matched as plain data', () => {
    const diff = new Differential(ir, js);
    HOSTILE.forEach((h, i) => {
      expect(diff.hasRules(h)).toBe(true);
      expect(diff.match(call(h, [flags(h), struct([[h, flags(h)]]), int('1')]))).toBe(i);
      expect(diff.match(call(h, [flags(h, 'SAFE'), struct([[h, int('0')]]), int('1')]))).toBe(i);
      expect(diff.match(call(h, [flags(h, 'OTHER'), struct([[h, flags(h)]]), int('1')]))).toBe(-1);
      expect(diff.match(call(h, [flags('SAFE'), struct([[h, flags('SAFE')]]), int('1')]))).toBe(-1);
    });
    expect(diff.match(call('hasOwnProperty', []))).toBe(-1);
  });

  test('hostile text never becomes code: no throw, no `process`, no `pwned` outside strings and comments', () => {
    for (const [name, text] of [['m.js', js], ['m.ts', ts]]) {
      expect(text).not.toMatch(/[\u2028\u2029]/);
      const file = tsApi.createSourceFile(name, text, tsApi.ScriptTarget.ES2022, true);
      const found: string[] = [];
      const visit = (node: tsApi.Node): void => {
        if (tsApi.isThrowStatement(node)) found.push('throw');
        if (tsApi.isIdentifier(node) && ['process', 'pwned'].includes(node.text)) found.push(node.text);
        tsApi.forEachChild(node, visit);
      };
      visit(file);
      expect(found).toEqual([]);
      // Parsed without syntax errors.
      expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    }
  });

  test('the .ts module type-checks', () => {
    expect(typeCheck(ts)).toEqual([]);
  });
});

test('hostile file names and comments through the real front end', () => {
  const names = ['a*/b.scml', 'new\nline.scml', 'sep\u2028.scml', '`${x}`.scml', '__proto__.scml', 'q"uote\\.scml'];
  const inputs = names.map((p, i) => ({
    path: p,
    bytes: Buffer.from(`// */ throw 1; /* \" \\\nsc${i}(fd, flags = O_A | O_B); // */ \`\${x}\` \u2028\n`, 'utf8'),
  }));
  const { ir: real, diagnostics } = analyze(inputs);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (real === null) throw new Error('no IR');
  const m = loadModule(emitModule(real, { format: 'js' }));
  expect(m.ir).toEqual(real);
  expect(m.sources.map((s) => s.path)).toEqual(names);
  expect(m.rules.map((r) => r.file)).toEqual(names);
  const diff = new Differential(real);
  names.forEach((_p, i) => {
    expect(diff.match(call(`sc${i}`, [int('3'), flags('O_A', 'O_B')]))).toBe(i);
    expect(diff.match(call(`sc${i}`, [int('3'), flags('O_C')]))).toBe(-1);
  });
});
