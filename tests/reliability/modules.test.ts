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
