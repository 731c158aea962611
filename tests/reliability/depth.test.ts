/**
 * Nesting limits that hold in every stage (issue: 94 nested `{ f = ... }`
 * passed --check and crashed the emitter; a chain of struct rules was not
 * counted; through sctrace: "internal error" and a stack trace). At the
 * limit, scmlc writes a module and sctrace (matcher and interpreter, via
 * --explain) uses it; past it, an SCML error at file:line:column.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_NESTING } from '../../compiler/parser';
import { MAX_EXPANDED_PATTERNS } from '../../compiler/pattern-measure';
import { scmlc, sctrace, useScratch } from '../e2e/helpers';

const scratch = useScratch();

/** `n` levels of `{ f = ... }` around a bare field. */
function nestedStructs(n: number): string {
  let s = 'x';
  for (let i = 0; i < n; i++) s = `{ f = ${s} }`;
  return s;
}

/** Struct rules s0..s(n-1), each naming the one before: s(n-1) is n levels deep. `reverse` defines them last-first. */
function structChain(n: number, reverse = false): string {
  const defs = ['struct s0 = { tv_sec, tv_nsec };'];
  for (let i = 1; i < n; i++) defs.push(`struct s${i} = { tv_sec = <s${i - 1}>, .. };`);
  if (reverse) defs.reverse();
  return `${defs.join('\n')}\nnanosleep(req = <s${n - 1}>, rem);\n`;
}

function file(name: string, text: string): string {
  const p = path.join(scratch.dir, name);
  writeFileSync(p, text);
  return p;
}

const LOG = '1 nanosleep({tv_sec=0, tv_nsec=1000}, NULL) = 0\n';

describe('nesting limits', () => {
  test.each([
    ['nested struct patterns', `nanosleep(req = ${nestedStructs(MAX_NESTING)}, rem);\n`],
    ['nested arrays', `poll(fds = ${'['.repeat(MAX_NESTING - 1)}{ fd, .. }${']'.repeat(MAX_NESTING - 1)}, nfds, timeout);\n`],
    ['a chain of struct rules', structChain(MAX_NESTING)],
    ['a chain of struct rules, defined last-first', structChain(MAX_NESTING, true)],
  ])('at the limit (%s): compiled, loaded, matched and explained', (_what, text) => {
    const scml = file('at-limit.scml', text);
    const out = path.join(scratch.dir, 'at-limit.js');
    const c = scmlc([scml, '-o', out], { env: scratch.env });
    expect(c.err).not.toContain('error');
    expect(c.status).toBe(0);
    const r = sctrace(['--matchers', out, '--explain', '--input', '-'], { env: scratch.env, input: LOG });
    expect(r.status).toBe(0);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    const t = sctrace([scml, '--no-cache', '--input', '-'], { env: scratch.env, input: LOG });
    expect(t.status).toBe(0);
  });

  test.each([
    ['nested struct patterns', `nanosleep(req = ${nestedStructs(MAX_NESTING + 1)}, rem);\n`, `1:${1 + 'nanosleep(req = '.length + 6 * MAX_NESTING}`,
      `patterns nested more than ${MAX_NESTING} levels deep`],
    ['94 nested struct patterns (the issue)', `nanosleep(req = ${nestedStructs(94)}, rem);\n`, `1:${1 + 'nanosleep(req = '.length + 6 * MAX_NESTING}`,
      `patterns nested more than ${MAX_NESTING} levels deep`],
    ['a chain of struct rules', structChain(MAX_NESTING + 1), `${MAX_NESTING + 1}:25`,
      `patterns nested more than ${MAX_NESTING} levels deep, counting the struct rules they name`],
    ['700 struct rules defined last-first (the issue)', structChain(700, true), `${MAX_NESTING + 1}:15`,
      `patterns nested more than ${MAX_NESTING} levels deep, counting the struct rules they name`],
  ])('past the limit (%s): an SCML error at file:line:column, in --check, -o and sctrace', (_what, text, at, message) => {
    const scml = file('deep.scml', text);
    for (const args of [['--check'], ['-o', path.join(scratch.dir, 'deep.js')]]) {
      const c = scmlc([scml, ...args], { env: scratch.env });
      expect(c.status).toBe(1);
      expect(c.err).toContain(`${scml}:${at}: error: ${message}`);
      expect(c.err).not.toMatch(/RangeError|\n\s+at /);
    }
    const r = sctrace([scml, '--no-cache', '--input', '-'], { env: scratch.env, input: LOG });
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${scml}:${at}: error: ${message}`);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  test('struct rules that double at each step are refused before they are written out', () => {
    const defs = ['struct s0 = { tv_sec, tv_nsec };'];
    for (let i = 1; i < 20; i++) defs.push(`struct s${i} = { tv_sec = <s${i - 1}>, tv_nsec = <s${i - 1}> };`);
    const scml = file('doubling.scml', `${defs.join('\n')}\nnanosleep(req = <s19>, rem);\n`);
    const c = scmlc([scml, '-o', path.join(scratch.dir, 'doubling.js')], { env: scratch.env });
    expect(c.status).toBe(1);
    expect(c.err).toContain(`expands to more than ${MAX_EXPANDED_PATTERNS} patterns`);
  });
});
