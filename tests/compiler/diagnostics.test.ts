/**
 * Broken SCML: the exact formatted diagnostic (position, message, source
 * line, caret) for each kind of error and warning.
 */
import { analyzeTexts, formatted } from './helpers';
import { formatDiagnostics } from '../../compiler/diagnostics';

/** Build the expected block from lines (each block ends in a newline). */
const lines = (...ls: string[]) => ls.join('\n') + '\n';

describe('errors', () => {
  test('syntax error names the expected and the actual token', () => {
    expect(formatted('open(path flags);')).toBe(
      lines(`t.scml:1:11: error: expected ',' or ')', found 'flags'`, 'open(path flags);', '          ^~~~~'),
    );
  });

  test('undefined <name>', () => {
    expect(formatted('open(path, flags = <mode>);')).toBe(
      lines(
        `t.scml:1:20: error: undefined name '<mode>' (no bitflags or struct rule of that name in this file)`,
        'open(path, flags = <mode>);',
        '                   ^~~~~~',
      ),
    );
  });

  test('undefined <name> with a close spelling suggests it (forward definition)', () => {
    expect(formatted('f(x = <acces_mode>);\naccess_mode = A;').split('\n').slice(0, 3).join('\n')).toBe(
      [
        `t.scml:1:7: error: undefined name '<acces_mode>' (no bitflags or struct rule of that name in this file); did you mean '<access_mode>'?`,
        'f(x = <acces_mode>);',
        '      ^~~~~~~~~~~~',
      ].join('\n'),
    );
  });

  test('a name defined only in another file is undefined, with a hint', () => {
    const result = analyzeTexts({ 'a.scml': 'm = A;\nf(x = <m>);', 'b.scml': '\n  g(x = <m>);' });
    expect(result.ir).toBeNull();
    expect(formatDiagnostics(result.diagnostics)).toBe(
      lines(
        `b.scml:2:9: error: undefined name '<m>' (no bitflags or struct rule of that name in this file); it is defined in a.scml, but named rules are visible only in their own file`,
        '  g(x = <m>);',
        '        ^~~',
      ),
    );
  });

  test('a cycle of bitflags references', () => {
    expect(formatted('a = <b> | X;\nb = Y | <a>;\nf(x = <a>);')).toBe(
      lines('t.scml:2:9: error: cycle in bitflags references: a -> b -> a', 'b = Y | <a>;', '        ^~~'),
    );
  });

  test('a bitflags rule referring to itself', () => {
    expect(formatted('a = X | <a>;\nf(x = <a>);')).toBe(
      lines('t.scml:1:9: error: cycle in bitflags references: a -> a', 'a = X | <a>;', '        ^~~'),
    );
  });

  test('a recursive struct reference', () => {
    expect(formatted('struct s = { next = <s>, .. };\nf(x = <s>);')).toBe(
      lines('t.scml:1:21: error: recursive struct reference: s -> s', 'struct s = { next = <s>, .. };', '                    ^~~'),
    );
  });

  test("'..' not last in a parameter list", () => {
    expect(formatted('f(a, .., b);')).toBe(lines(`t.scml:1:6: error: '..' must be the last parameter`, 'f(a, .., b);', '     ^~'));
  });

  test("'..' not last in a struct pattern", () => {
    expect(formatted('f(x = { a, .., b });')).toBe(
      lines(`t.scml:1:12: error: '..' must be the last field`, 'f(x = { a, .., b });', '           ^~'),
    );
  });

  test('unknown <BUILTIN>', () => {
    expect(formatted('f(x = <FOO>);')).toBe(
      lines(`t.scml:1:7: error: unknown built-in '<FOO>' (the built-ins are <INTEGER> and <PATH>)`, 'f(x = <FOO>);', '      ^~~~~'),
    );
  });

  test('misspelt <INTEGER>', () => {
    expect(formatted('f(x = <INTEGR>);')).toBe(
      lines(
        `t.scml:1:7: error: unknown built-in '<INTEGR>' (the built-ins are <INTEGER> and <PATH>); did you mean '<INTEGER>'?`,
        'f(x = <INTEGR>);',
        '      ^~~~~~~~',
      ),
    );
  });

  test('an uppercase name that is defined is not a built-in', () => {
    expect(formatted('FLAGS = A;\nf(x = <FLAGS>);')).toBe('');
  });

  test('unterminated statement at end of file', () => {
    expect(formatted('f(a);\nopen(path, flags = O_RDONLY')).toBe(
      lines(`t.scml:2:1: error: unterminated statement at end of file: expected ',' or ')'`, 'open(path, flags = O_RDONLY', '^~~~'),
    );
  });

  test("missing ';' at the very end", () => {
    expect(formatted('struct s = { a, .. }')).toBe(
      lines(`t.scml:1:1: error: unterminated statement at end of file: expected ';'`, 'struct s = { a, .. }', '^~~~~~'),
    );
  });

  test('unterminated block comment (reported once, not also as an unterminated statement)', () => {
    expect(formatted('f(a); g(b, /* never closed\nh(c);')).toBe(
      lines('t.scml:1:12: error: unterminated block comment (missing */)', 'f(a); g(b, /* never closed', '           ^~'),
    );
  });

  test('<PATH> not alone', () => {
    expect(formatted('f(x = <PATH> | O_RDONLY);')).toBe(
      lines(
        't.scml:1:7: error: <PATH> must stand alone as a pattern; it cannot be part of a flag union',
        'f(x = <PATH> | O_RDONLY);',
        '      ^~~~~~',
      ),
    );
  });

  test('a struct name mixed into a flag union', () => {
    expect(formatted('struct sa = { a, .. };\nf(x = <sa> | X);')).toBe(
      lines(
        `t.scml:2:7: error: struct '<sa>' cannot be part of a flag union; a struct reference must stand alone`,
        'f(x = <sa> | X);',
        '      ^~~~',
      ),
    );
  });

  test('a number that is not a bare run of digits', () => {
    expect(formatted('f(x = 0x10);')).toBe(
      lines(
        `t.scml:1:7: error: expected a flag name, '<name>', '{' or '[', found '0x10' (a name starts with a letter or '_'; write <INTEGER> to allow numbers)`,
        'f(x = 0x10);',
        '      ^~~~',
      ),
    );
  });

  test("missing ';' at the end of a line: reported after the statement, the next line still parses", () => {
    expect(formatted('f(x = A)\ng(y = <nope>);')).toBe(
      lines(
        `t.scml:1:9: error: expected ';' after the statement, found 'g'`,
        'f(x = A)',
        '        ^',
        `t.scml:2:7: error: undefined name '<nope>' (no bitflags or struct rule of that name in this file)`,
        'g(y = <nope>);',
        '      ^~~~~~',
      ),
    );
  });

  test('a struct body in a bitflags rule hints at the struct keyword', () => {
    expect(formatted('x = { a };')).toBe(
      lines(`t.scml:1:5: error: expected a flag name or '<name>' (a struct rule starts with 'struct'), found '{'`, 'x = { a };', '    ^'),
    );
  });

  test('a bare flag as an array element', () => {
    expect(formatted('f(x = [ A ]);')).toBe(
      lines(`t.scml:1:9: error: expected '<name>', '{' or '[' (an array element), found 'A'`, 'f(x = [ A ]);', '        ^'),
    );
  });

  test('unexpected character', () => {
    expect(formatted('f(x);\ng(y) @;')).toBe(lines(`t.scml:2:6: error: unexpected character '@'`, 'g(y) @;', '     ^'));
  });

  test("'...' instead of '..' (read as '..', so nothing else is reported)", () => {
    expect(formatted('f(a, ...);\ng(x = { b, ... });')).toBe(
      lines(
        `t.scml:1:6: error: '...' is not SCML; write '..' for "any further ones"`,
        'f(a, ...);',
        '     ^~~',
        `t.scml:2:12: error: '...' is not SCML; write '..' for "any further ones"`,
        'g(x = { b, ... });',
        '           ^~~',
      ),
    );
  });

  test("a stray '*/'", () => {
    expect(formatted('f(a); */\ng(b);')).toBe(lines(`t.scml:1:7: error: '*/' outside a comment`, 'f(a); */', '      ^~'));
  });

  test('bitflags rule defined twice in one file', () => {
    expect(formatted('mode = A;\nmode = B;\nf(x = <mode>);')).toBe(
      lines(`t.scml:2:1: error: bitflags rule 'mode' is already defined at line 1`, 'mode = B;', '^~~~'),
    );
  });

  test('a tab before the error keeps the caret aligned', () => {
    expect(formatted('\tf(x = <FOO>);')).toBe(
      lines(`t.scml:1:8: error: unknown built-in '<FOO>' (the built-ins are <INTEGER> and <PATH>)`, '\tf(x = <FOO>);', '\t      ^~~~~'),
    );
  });

  test('one run reports every error of every file, in file order', () => {
    const result = analyzeTexts({
      'one.scml': 'f(a b);\ng(x = <u>);\nh(..., c);',
      'two.scml': 'k(x = <FOO>);\nm(',
    });
    expect(result.ir).toBeNull();
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`)).toEqual([
      'one.scml:1:5 error',
      'one.scml:2:7 error',
      'one.scml:3:3 error',
      'one.scml:3:3 error',
      'two.scml:1:7 error',
      'two.scml:2:1 error',
    ]);
  });

  test('a reference to a definition that failed to parse is not also reported as undefined', () => {
    expect(formatted('mode = A | ;\nf(x = <mode>);\nstruct s = { a b };\ng(x = <s>);')).toBe(
      lines(
        `t.scml:1:12: error: expected a flag name or '<name>', found ';'`,
        'mode = A | ;',
        '           ^',
        `t.scml:3:16: error: expected ',' or '}', found 'b'`,
        'struct s = { a b };',
        '               ^',
      ),
    );
  });
});

describe('warnings (the IR is still produced)', () => {
  test('an unused bitflags rule', () => {
    const result = analyzeTexts({ 't.scml': 'unused = A;\nf(x);' });
    expect(result.ir).not.toBeNull();
    expect(formatDiagnostics(result.diagnostics)).toBe(
      lines(`t.scml:1:1: warning: bitflags rule 'unused' is never used`, 'unused = A;', '^~~~~~'),
    );
  });

  test('an unused struct rule (warned once, at its first definition)', () => {
    expect(formatted('struct s = { a, .. };\nstruct s = { b, .. };\nf(x);')).toBe(
      lines(`t.scml:1:8: warning: struct rule 's' is never used`, 'struct s = { a, .. };', '       ^'),
    );
  });

  test('a syscall rule identical to an earlier one, even in another file and with other parameter names', () => {
    const result = analyzeTexts({ 'a.scml': 'm = A | B;\nf(x = <m>, ..);', 'b.scml': 'f(y = B | A, ..);\nf(y = B, ..);' });
    expect(result.ir).not.toBeNull();
    expect(formatDiagnostics(result.diagnostics)).toBe(
      lines(`b.scml:1:1: warning: this 'f' rule is identical to the one at a.scml:2:1; it adds nothing`, 'f(y = B | A, ..);', '^'),
    );
  });

  test('a field or parameter named twice', () => {
    expect(formatted('f(a, b = { x = A, y, x = B }, a);')).toBe(
      lines(
        `t.scml:1:22: warning: field 'x' appears twice in this struct pattern`,
        'f(a, b = { x = A, y, x = B }, a);',
        '                     ^',
        `t.scml:1:31: warning: parameter 'a' appears twice in this rule`,
        'f(a, b = { x = A, y, x = B }, a);',
        '                              ^',
      ),
    );
  });

  test('a name that is both bitflags and struct', () => {
    expect(formatted('both = A;\nstruct both = { a, .. };\nf(x = <both>);')).toBe(
      lines(
        `t.scml:2:8: warning: 'both' names both a bitflags rule and a struct rule; <both> refers to the bitflags rule`,
        'struct both = { a, .. };',
        '       ^~~~',
      ),
    );
  });
});

describe('encoding', () => {
  test('invalid UTF-8 is an error at the first bad byte', () => {
    const result = analyzeTexts({});
    expect(result.ir).not.toBeNull();
    const { analyze } = jest.requireActual<typeof import('../../compiler/analyze')>('../../compiler/analyze');
    const bad = analyze([{ path: 'bad.scml', bytes: Uint8Array.from([...Buffer.from('f(x);\ng('), 0xff, ...Buffer.from(');')]) }]);
    expect(bad.ir).toBeNull();
    expect(bad.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)).toEqual([
      'bad.scml:2:3: the file is not valid UTF-8',
    ]);
  });

  test('a UTF-8 byte order mark is ignored', () => {
    const { analyze } = jest.requireActual<typeof import('../../compiler/analyze')>('../../compiler/analyze');
    const r = analyze([{ path: 'bom.scml', bytes: Buffer.from('\uFEFFclose(x);', 'utf8') }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir?.rules[0].origin).toEqual({ file: 'bom.scml', line: 1, column: 1 });
  });
});
