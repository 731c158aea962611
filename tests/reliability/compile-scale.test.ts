/**
 * Compiling grows linearly with the rules and names (issue: rules that each
 * add a flag name took 11.7 s for 4k rules and 39.6 s for 8k; each rule's
 * allowed set was a dense array over every name of its site, so the module
 * grew with rules x names). Measured as the module's size, which does not
 * depend on the machine's load; and the sparse sets still mean the same.
 */
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { scmlc, sctrace, useScratch } from '../e2e/helpers';

const scratch = useScratch();

/** `n` openat rules, rule i allowing O_RDONLY and FLAG_i; compiled; the module's size in bytes. */
function compileFlags(n: number): { module: string; bytes: number } {
  const rules = Array.from({ length: n }, (_, i) => `openat(dirfd, path, flags = O_RDONLY | FLAG_${i});\n`).join('');
  const scml = path.join(scratch.dir, `flags${n}.scml`);
  writeFileSync(scml, rules);
  const module = path.join(scratch.dir, `flags${n}.js`);
  const r = scmlc(['-q', scml, '-o', module], { env: scratch.env });
  expect(r.status).toBe(0);
  return { module, bytes: statSync(module).size };
}

describe('compiling at scale', () => {
  test('the module grows linearly with rules that each add a flag name', () => {
    const small = compileFlags(400);
    const large = compileFlags(1600);
    // 4x the rules: a linear module is ~4x as large; the dense sets made it ~10x.
    expect(large.bytes / small.bytes).toBeLessThan(4.6);
    const log = [
      '1 openat(AT_FDCWD, "/a", FLAG_1599) = 3',
      '1 openat(AT_FDCWD, "/a", O_RDONLY|FLAG_0) = 3',
      '1 openat(AT_FDCWD, "/a", FLAG_3|FLAG_1599) = 3', // allowed by no single rule
      '1 openat(AT_FDCWD, "/a", FLAG_1600) = 3', // a name no rule has
    ].join('\n') + '\n';
    const r = sctrace(['--matchers', large.module, '-q', '--input', '-'], { env: scratch.env, input: log });
    expect(r.status).toBe(0);
    expect(r.err).toBe('Unsupported syscall: 1 openat(AT_FDCWD, "/a", FLAG_3|FLAG_1599) = 3\nUnsupported syscall: 1 openat(AT_FDCWD, "/a", FLAG_1600) = 3\n');
  }, 120_000);
});
