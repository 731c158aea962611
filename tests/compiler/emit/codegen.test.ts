/** The safe code builder: only Name/Code go in raw; everything else is quoted; comments cannot be escaped. */
import { _, annotation, Code, comment, commentText, hex, join, jsonLiteral, literal, Name, NameScope, render, safeStringify, typeOnly } from '../../../compiler/codegen/code';

describe('Name', () => {
  test.each(['a', '_x', '$', 'rule3', 'mask12', 'A_b$9'])('accepts %s', (n) => {
    expect(new Name(n).toString()).toBe(n);
  });
  test.each(['', '3a', 'a-b', 'a b', 'a;b', 'a"', 'é', 'a\n', 'x.y', '${x}', 'a`'])('rejects %j', (n) => {
    expect(() => new Name(n)).toThrow(/not a safe identifier/);
  });
  test('NameScope hands out counter names per prefix', () => {
    const s = new NameScope();
    expect([s.name('rule'), s.name('rule'), s.name('mask'), s.name('rule')].map(String)).toEqual(['rule0', 'rule1', 'mask0', 'rule2']);
    expect(() => s.name('bad prefix')).toThrow();
  });
});

describe('_ template', () => {
  test('data is quoted, Name/Code is raw', () => {
    const x = new Name('x');
    expect(_`if (${x} === ${'openat'}) return ${3};`.toString()).toBe('if (x === "openat") return 3;');
    expect(_`${_`a`} + ${null} + ${true} + ${[1, 'b']}`.toString()).toBe('a + null + true + [1, "b"]');
  });
  test('hostile strings stay inside one string literal', () => {
    const hostile = ['"); process.exit(1); ("', '\\', '`${x}`', '*/', '\n', '\u2028', '\u2029', "'", '</script>'];
    for (const h of hostile) {
      const code = _`const s = ${h};`.toString();
      expect(code).not.toMatch(/[\n\u2028\u2029]/);
      expect(new Function(`${code} return s;`)()).toBe(h);
    }
  });
  test('Code cannot be made from a plain string', () => {
    const Ctor = Code as unknown as new (t: unknown, s: string) => Code;
    expect(() => new Ctor(undefined, 'evil()')).toThrow();
    expect(() => new Ctor(Symbol('trusted code'), 'evil()')).toThrow();
  });
  test('join and hex', () => {
    expect(join([_`a`, _`b`], _` || `).toString()).toBe('a || b');
    expect(hex(0x1c).toString()).toBe('0x1c');
    expect(hex(0xffffffff).toString()).toBe('0xffffffff');
    expect(() => hex(-1)).toThrow();
    expect(() => hex(1.5)).toThrow();
  });
});

describe('safeStringify', () => {
  test('escapes U+2028/U+2029 and round-trips', () => {
    const data = { a: 'x\u2028y\u2029z', b: [1, -2, 'q"'], c: null, d: { e: true } };
    const text = safeStringify(data, 2);
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(new Function(`return ${text};`)()).toEqual(data);
    expect(JSON.parse(safeStringify(data))).toEqual(data);
  });
  test('a __proto__ key stays an own property', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "k": 2}');
    const back = new Function(`return ${safeStringify(data)};`)();
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect(back.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  test('non-finite numbers are refused', () => {
    expect(() => safeStringify(NaN)).toThrow();
    expect(() => safeStringify(Infinity)).toThrow();
  });
  test('prettyDepth keeps deep levels on one line', () => {
    expect(literal({ a: [{ b: 1 }] }, 2, 2).toString()).toBe('{\n  "a": [\n    { "b": 1 }\n  ]\n}');
  });
});

describe('comments', () => {
  test('cannot be closed or broken', () => {
    for (const t of ['*/ evil() /*', 'a\nevil()', 'a\revil()', 'a\u2028evil()', 'a\u2029evil()', '\\*/', 'a\u0001b\u0002c\u0000']) {
      const c = commentText(t);
      expect(c).not.toContain('*/');
      expect(c).not.toMatch(/[\n\r\u2028\u2029\u0000-\u0008\u000b-\u001f]/);
      // Both comment forms evaluate to nothing.
      expect(new Function(`/* ${c} */ return 1;`)()).toBe(1);
      expect(new Function(`${comment(t)}\nreturn 2;`)()).toBe(2);
    }
  });
});

describe('type-only code', () => {
  const x = new Name('x');
  const code = _`let ${x}${annotation(_`Map<string, number> | undefined`)} = new Map${typeOnly(_`<string, number>`)}([[${'a: b'}, 1]]);`;
  test('TypeScript keeps it, JavaScript drops it', () => {
    expect(render(code, 'ts')).toBe('let x: Map<string, number> | undefined = new Map<string, number>([["a: b", 1]]);');
    expect(render(code, 'js')).toBe('let x = new Map([["a: b", 1]]);');
  });
  test('data and comments cannot open or close a type-only piece', () => {
    const hostile = 'a\u0001b\u0002c';
    const mixed = _`const s = ${hostile}; ${comment(hostile)}`;
    expect(render(mixed, 'js')).toBe(render(mixed, 'ts'));
    expect(new Function(`${render(_`const s = ${hostile};`, 'js')} return s;`)()).toBe(hostile);
  });
  test('a type-only piece inside another goes with it', () => {
    expect(render(typeOnly(_`<${typeOnly(_`T`)}>`), 'js')).toBe('');
    expect(render(typeOnly(_`<${typeOnly(_`T`)}>`), 'ts')).toBe('<T>');
  });
});

describe('jsonLiteral', () => {
  test('is JSON with U+2028/U+2029 escaped, and evaluates to the data', () => {
    const data = { a: 'x\u2028y\u2029z', b: [1, 'q"', null], c: { d: true } };
    const text = jsonLiteral(data).toString();
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(data);
    expect(new Function(`return ${text};`)()).toEqual(data);
  });
  test('a __proto__ key stays an own property; a __proto__ string value is plain JSON', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "k": 2}');
    const back = new Function(`return ${jsonLiteral(data)};`)();
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect(back.polluted).toBeUndefined();
    expect(jsonLiteral({ k: '__proto__', l: '"__proto__":' }).toString()).toBe(JSON.stringify({ k: '__proto__', l: '"__proto__":' }));
  });
});
