/**
 * Compiling grows linearly with the rules and names, in little memory
 * (issue 21: rules that each add a flag name took 11.7 s for 4k rules and
 * 39.6 s for 8k, each rule's allowed set being a dense array over every name
 * of its site; 50k identical rules took 33 s and 2.2 GB, spent printing and
 * transpiling the module through ts-morph). Measured as the module's size
 * and the compiler's peak RSS (getrusage in the child), which do not depend
 * on the machine's load; never as wall time.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCMLC, scmlc, sctrace, useScratch } from '../e2e/helpers';
import { measure } from './helpers';

const scratch = useScratch();

/** Writes `n` rules made by `line`; returns the SCML file's path. */
function rules(name: string, n: number, line: (i: number) => string): string {
  const scml = path.join(scratch.dir, `${name}.scml`);
  writeFileSync(scml, Array.from({ length: n }, (_, i) => line(i) + '\n').join(''));
  return scml;
}

const flagRule = (i: number) => `openat(dirfd, path, flags = O_RDONLY | FLAG_${i});`;

/** `n` openat rules, rule i allowing O_RDONLY and FLAG_i; compiled; the module's size in bytes. */
function compileFlags(n: number): { module: string; bytes: number } {
  const scml = rules(`flags${n}`, n, flagRule);
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

  test('8k rules that each add a flag name compile in well under 1 GB (was 550 MB and 10 s; now ~215 MB)', async () => {
    const scml = rules('flags8000', 8000, flagRule);
    const module = path.join(scratch.dir, 'flags8000.ts');
    const r = await measure(['-q', scml, '-o', module], undefined, {}, SCMLC);
    expect(r.status).toBe(0);
    expect(r.peakMb).toBeLessThan(450);
    // Still one test per rule, in the TypeScript output too.
    expect(readFileSync(module, 'utf8').match(/^ {2}if \(n === 3 && .*\) return \d+;$/gm)).toHaveLength(8000);
  }, 120_000);

  test('50k identical rules: one matcher test, every rule kept in the IR, well under 1 GB (was 2.2 GB; now ~375 MB)', async () => {
    const scml = rules('same', 50_000, () => 'openat(dirfd, path, flags = O_RDONLY | O_CLOEXEC);');
    const module = path.join(scratch.dir, 'same.js');
    const r = await measure(['-q', scml, '-o', module], undefined, {}, SCMLC);
    expect(r.status).toBe(0);
    expect(r.peakMb).toBeLessThan(700);
    const text = readFileSync(module, 'utf8');
    // Repeats of rule 0 can never be the first match: no code of their own, one comment for all.
    expect(text.match(/^ {2}if \(n === 3 && .*\) return \d+;$/gm)).toHaveLength(1);
    expect(text).toContain('// rules 1, 2, 3, 4, 5, 6, 7, 8, ... (49999 rules): repeat an earlier rule here, never the first match');
    // The IR holds every rule, one line each: the module grows by the IR alone.
    expect(text.match(/^ {4}\{"id":\d+,"syscall":"openat"/gm)).toHaveLength(50_000);
    const log = '1 openat(AT_FDCWD, "/a", O_RDONLY|O_CLOEXEC) = 3\n1 openat(AT_FDCWD, "/a", O_RDWR) = 3\n';
    const checked = sctrace(['--matchers', module, '-q', '--input', '-'], { env: scratch.env, input: log });
    expect(checked.status).toBe(0);
    expect(checked.err).toBe('Unsupported syscall: 1 openat(AT_FDCWD, "/a", O_RDWR) = 3\n');
  }, 180_000);
});
