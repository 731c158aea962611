/**
 * Names, scope and layout: forward references, per-file scope, bitflags
 * over struct, struct alternatives anywhere in a file, statements per line,
 * comments everywhere.
 */
import { analyzeTexts, irOf, paramPattern } from './helpers';
import { formatDiagnostics } from '../../compiler/diagnostics';
import type { StructPattern } from '../../runtime/ir';

describe('forward references', () => {
  test('a syscall rule may use a bitflags rule defined later', () => {
    expect(paramPattern('open(path, flags = <mode> | O_CLOEXEC);\nmode = O_RDONLY | O_WRONLY;', 1)).toEqual({
      kind: 'flags',
      names: ['O_CLOEXEC', 'O_RDONLY', 'O_WRONLY'],
      integer: false,
    });
  });

  test('bitflags and struct rules may use rules defined later', () => {
    const p = paramPattern('f(x = <outer>);\nstruct outer = { m = <mode>, inner = <inner> };\nstruct inner = { a = <mode>, .. };\nmode = A | B;', 0);
    const flagsAB = { kind: 'flags', names: ['A', 'B'], integer: false };
    expect(p).toMatchObject({
      kind: 'struct',
      name: 'outer',
      alternatives: [{ fields: [{ name: 'm', pattern: flagsAB }, { name: 'inner', pattern: { kind: 'struct', name: 'inner', alternatives: [{ fields: [{ name: 'a', pattern: flagsAB }] }] } }] }],
    });
  });
});

describe('per-file scope', () => {
  test('the same name in two files means two different things', () => {
    const result = analyzeTexts({
      'a.scml': 'mode = A1 | A2;\nstruct s = { a, .. };\nfa(x = <mode>, y = <s>);',
      'b.scml': 'mode = B1;\nstruct s = { b };\nfb(x = <mode>, y = <s>);',
    });
    expect(formatDiagnostics(result.diagnostics)).toBe('');
    const [fa, fb] = result.ir!.rules;
    expect(fa.params[0].pattern).toEqual({ kind: 'flags', names: ['A1', 'A2'], integer: false });
    expect(fb.params[0].pattern).toEqual({ kind: 'flags', names: ['B1'], integer: false });
    expect(fa.params[1].pattern).toMatchObject({ alternatives: [{ fields: [{ name: 'a' }], open: true, origin: { file: 'a.scml' } }] });
    expect(fb.params[1].pattern).toMatchObject({ alternatives: [{ fields: [{ name: 'b' }], open: false, origin: { file: 'b.scml' } }] });
  });

  test('struct definitions in another file are not alternatives', () => {
    const result = analyzeTexts({
      'a.scml': 'struct s = { a, .. };\nf(x = <s>);',
      'b.scml': 'struct s = { b, .. };\ng(x = <s>);',
    });
    expect((result.ir!.rules[0].params[0].pattern as StructPattern).alternatives).toHaveLength(1);
  });

  test('syscall rules are pooled across files in input order', () => {
    const result = analyzeTexts({ 'z.scml': 'open(a);\nclose(fd);', 'a.scml': 'open(b, c);' });
    const ir = result.ir!;
    expect(ir.rules.map((r) => `${r.id}:${r.syscall}:${r.origin.file}`)).toEqual(['0:open:z.scml', '1:close:z.scml', '2:open:a.scml']);
    expect(ir.syscalls).toEqual([
      { name: 'close', rules: [1] },
      { name: 'open', rules: [0, 2] },
    ]);
    expect(ir.sources.map((s) => s.path)).toEqual(['z.scml', 'a.scml']);
  });
});

describe('bitflags wins over struct', () => {
  test('<name> naming both a bitflags rule and a struct rule resolves to the bitflags rule', () => {
    const result = analyzeTexts({ 't.scml': 'struct both = { a, .. };\nboth = X | Y;\nf(v = <both>, w = [ <both> ]);' });
    expect(result.ir!.rules[0].params[0].pattern).toEqual({ kind: 'flags', names: ['X', 'Y'], integer: false });
    expect(result.ir!.rules[0].params[1].pattern).toEqual({ kind: 'array', elements: [{ kind: 'flags', names: ['X', 'Y'], integer: false }] });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});

describe('struct alternatives', () => {
  test('non-adjacent definitions of one struct name are all alternatives, in source order', () => {
    const ir = irOf(
      [
        'struct hdr = { level = SOL_SOCKET, .. };',
        'f(x = <hdr>);',
        'other = A;',
        'struct unrelated = { a = <other> };',
        'g(y = <unrelated>);',
        'struct hdr = { level = SOL_IP, type = IP_TTL, .. };',
        '',
        'struct hdr = { level = SOL_IPV6 };',
      ].join('\n'),
    );
    const p = ir.rules[0].params[0].pattern as StructPattern;
    expect(p.name).toBe('hdr');
    expect(p.alternatives.map((a) => [a.origin.line, a.fields.map((f) => f.name).join(','), a.open])).toEqual([
      [1, 'level', true],
      [6, 'level,type', true],
      [8, 'level', false],
    ]);
  });
});

describe('layout', () => {
  test('several statements on one line', () => {
    const ir = irOf('m = A | B; struct s = { f = <m> }; open(x = <m>); close(fd); read(fd, buf = <s>, n);');
    expect(ir.rules.map((r) => r.syscall)).toEqual(['open', 'close', 'read']);
    expect(ir.rules.map((r) => r.origin.column)).toEqual([36, 51, 62]);
    expect(ir.rules[2].text).toBe('read(fd, buf = <s>, n);');
  });

  test('comments everywhere: between tokens, inside patterns, after code, block comments across lines', () => {
    const ir = irOf(
      [
        '// file header',
        '/* block',
        '   comment */ mode /* a */ = /* b */ A // c',
        '  | /* d */ B; // after',
        'struct /* e */ s /* f */ = { // g',
        '  f /* h */ = /* i */ <mode>, // j',
        '  .. /* k */',
        '} /* l */ ;',
        'open( /* m */ path, // n',
        '  flags = < mode > | C /* o */ , .. // p',
        ') /* q */ ; close(fd); // r',
        'x(s = <s>); /* trailing block */',
      ].join('\n'),
    );
    expect(ir.rules.map((r) => r.syscall)).toEqual(['open', 'close', 'x']);
    expect(ir.rules[0].params[1].pattern).toEqual({ kind: 'flags', names: ['A', 'B', 'C'], integer: false });
    expect(ir.rules[0].variadic).toBe(true);
    expect(ir.rules[2].params[0].pattern).toMatchObject({ alternatives: [{ fields: [{ name: 'f', pattern: { names: ['A', 'B'] } }], open: true }] });
  });

  test('CRLF line endings: positions and rule text', () => {
    const ir = irOf('// c\r\nf(a,\r\n  b);\r\ng(c);\r\n');
    expect(ir.rules.map((r) => [r.origin.line, r.origin.column])).toEqual([
      [2, 1],
      [4, 1],
    ]);
    expect(ir.rules[0].text).toBe('f(a,\r\n  b);');
  });

  test('empty statements are harmless', () => {
    expect(irOf(';; f(a);;').rules).toHaveLength(1);
  });

  test('an empty file and a comment-only file compile to no rules', () => {
    const result = analyzeTexts({ 'empty.scml': '', 'c.scml': '// nothing\n/* here */\n' });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir!.rules).toEqual([]);
    expect(result.ir!.sources.map((s) => s.path)).toEqual(['empty.scml', 'c.scml']);
  });

  test("a rule named 'struct' is still a syscall or bitflags rule", () => {
    const ir = irOf('struct = A;\nstruct(x = <struct>);');
    expect(ir.rules[0].syscall).toBe('struct');
    expect(ir.rules[0].params[0].pattern).toEqual({ kind: 'flags', names: ['A'], integer: false });
  });

  test('names such as __proto__ and constructor are plain data', () => {
    const ir = irOf('__proto__ = constructor | toString;\nstruct constructor = { __proto__ = <__proto__> };\nhasOwnProperty(x = <constructor>, y = <__proto__>);');
    expect(ir.syscalls).toEqual([{ name: 'hasOwnProperty', rules: [0] }]);
    expect(ir.rules[0].params[1].pattern).toEqual({ kind: 'flags', names: ['constructor', 'toString'], integer: false });
  });
});
