/**
 * Hostile or broken matcher modules (issue: a match() that throws gave a
 * stack trace; one returning 999999 or NaN made every call supported,
 * silently; `abi: "2"` was refused as "built for ABI 2, but this sctrace
 * needs ABI 2"). Each is reported by the module's name, exit status 1,
 * with one thread and in worker threads alike.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ABI_VERSION } from '../../runtime/abi';
import { EXAMPLE_LOG, EXAMPLE_RULES, scmlc, sctrace, testEnv, useScratch } from '../e2e/helpers';

const scratch = useScratch();

/** A module that is the example rules' module with `override` (JS source of an object) spread over it. */
function variant(name: string, override: string): string {
  const real = path.join(scratch.dir, 'real.js');
  if (scmlc([EXAMPLE_RULES, '-o', real], { env: scratch.env }).status !== 0) throw new Error('scmlc failed');
  const file = path.join(scratch.dir, `${name}.js`);
  writeFileSync(file, `const real = require('./real.js');\nmodule.exports = { ...real, ...${override} };\n`);
  return file;
}

describe('broken matcher modules', () => {
  test.each([
    ['throws', `{ match: () => { throw new Error('boom'); } }`, /match\(\) threw on the \w+ call of line 1: boom$/m],
    ['returns 999999', `{ match: () => 999999 }`, /match\(\) returned 999999 on the \w+ call of line 1, which is not one of its \d+ rule ids \(or -1\)/],
    ['returns NaN', `{ match: () => NaN }`, /match\(\) returned NaN on the \w+ call of line 1/],
    ['returns a string', `{ match: () => '0' }`, /match\(\) returned "0" \(a string\)/],
  ])('a match() that %s is reported by name, exit 1', (name, override, message) => {
    const module = variant(name.replace(/\W/g, ''), override);
    for (const jobs of ['1', '2']) {
      const env = testEnv(path.join(scratch.dir, 'cache'), { SCTRACE_PARALLEL_MIN_BYTES: '0', SCTRACE_RANGE_BYTES: '4096' });
      const r = sctrace(['--matchers', module, '-q', '--jobs', jobs, '--input', EXAMPLE_LOG], { env });
      expect(r.status).toBe(1);
      expect(r.err).toContain(`sctrace: matcher module ${module}: `);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
    }
  });

  test('an ABI given as a string is named as such', () => {
    const module = variant('abistring', `{ abi: '${ABI_VERSION}' }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toContain(`for ABI "${ABI_VERSION}" (a string), but this sctrace needs ABI ${ABI_VERSION}`);
  });
});

describe('a module whose IR nests too deep', () => {
  test('is refused at load, before the interpreter (--explain) recurses over it', () => {
    let deep = '{ kind: "any" }';
    for (let i = 0; i < 200; i++) deep = `{ kind: "array", elements: [${deep}] }`;
    const module = variant('deepir', `{ ir: { ...real.ir, rules: [{ ...real.ir.rules[0], params: [{ name: "x", pattern: ${deep} }] }] } }`);
    const r = sctrace(['--matchers', module, '--explain', '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${module}: its rules nest patterns more than 32 levels deep, which scmlc never writes`);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('a module whose IR is malformed', () => {
  // Each is refused at load, by the module's name and the fault's place, in one line: before, some gave a stack trace in --explain.
  test.each([
    ['a missing field', `rules: real.ir.rules.map((r, i) => (i === 2 ? { ...r, syscall: undefined } : r))`, 'ir.rules[2].syscall: missing (expected a string)'],
    ['params not an array', `rules: real.ir.rules.map((r, i) => (i === 1 ? { ...r, params: { 0: r.params[0] } } : r))`, 'ir.rules[1].params: expected an array, found an object'],
    ['a rule id out of place', `rules: real.ir.rules.map((r, i) => (i === 3 ? { ...r, id: 99 } : r))`, 'ir.rules[3].id: expected 3 (its place in ir.rules), found 99'],
    ['an unknown pattern kind', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: r.params.map((p, j) => (j === 2 ? { ...p, pattern: { kind: 'zz' } } : p)) } : r))`, 'ir.rules[0].params[2].pattern.kind: unknown kind "zz"'],
    ['flag names that are not strings', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: r.params.map((p, j) => (j === 2 ? { ...p, pattern: { ...p.pattern, names: ['O_RDONLY', 7] } } : p)) } : r))`, 'ir.rules[0].params[2].pattern.names[1]: expected a string, found 7'],
    ['a syscalls entry naming a missing rule', `syscalls: real.ir.syscalls.map((s, i) => (i === 0 ? { ...s, rules: [...s.rules, 999] } : s))`, 'ir.syscalls[0].rules[1]: 999 is not a rule id (ir.rules has 24)'],
    ['a syscalls entry naming a rule of another syscall', `syscalls: real.ir.syscalls.map((s, i) => (i === 0 ? { ...s, rules: [real.ir.rules.findIndex((r) => r.syscall !== s.name)] } : s))`, /ir\.syscalls\[0\]\.rules\[0\]: rule \d+ is for "\w+", not "\w+"\); rebuild/],
    ['a rule no syscalls entry lists', `syscalls: real.ir.syscalls.slice(1)`, /ir\.syscalls: rule \d+ \("\w+"\) is not listed\); rebuild/],
    ['another IR version', `version: 2`, 'ir.version: expected 1, found 2'],
    ['a struct without alternatives', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: [{ name: 'st', pattern: { kind: 'struct', name: null } }] } : r))`, 'ir.rules[0].params[0].pattern.alternatives: missing (expected an array)'],
  ])('%s: refused in one line, exit 1', (name, irOverride, message) => {
    const module = variant(name.replace(/\W/g, ''), `{ ir: { ...real.ir, ${irOverride} } }`);
    const r = sctrace(['--matchers', module, '--explain', '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sctrace: [^\n]*\n$/);
    expect(r.err).toContain(`${module}: damaged matcher module (`);
    expect(r.err).toMatch(typeof message === 'string' ? `(${message}); rebuild it with \`scmlc\`` : message);
  });

  test('an exported rule list longer than the IR is refused', () => {
    const module = variant('longrules', `{ rules: [...real.rules, real.rules[0]] }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^sctrace: [^\n]*damaged matcher module \(rules: 25 entries, but ir\.rules has 24\)[^\n]*\n$/);
  });

  test('an IR that cannot even be read (a getter that throws) is refused by name', () => {
    const module = variant('getter', `{ ir: { ...real.ir, get rules() { throw new Error('no rules for you'); } } }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^sctrace: [^\n]*damaged matcher module \(it could not be read: no rules for you\)[^\n]*\n$/);
  });
});
