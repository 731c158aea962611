/**
 * Shipped rule sets (rules/shipped.json): each committed module is exactly
 * what scmlc builds now from its SCML folder with its target stamp (the
 * command of `npm run shipped`), so a compiler change or a rules refresh
 * cannot leave a stale module behind.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main as scmlc } from '../../cli/scmlc';
import { shippedModulePath, shippedSets } from '../../cli/shipped-sets';
import { loadMatcherModule } from '../../runtime/load-module';
import { shippedScmlcArgs } from '../../tools/build-shipped';
import { REPO_ROOT } from '../fixtures/paths';

const sets = shippedSets();
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-shipped-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the list names at least the Asterinas set, each with its folder and module in the repository', () => {
  expect(sets.map((s) => s.name)).toContain('asterinas');
  for (const set of sets) {
    expect(fs.statSync(path.join(REPO_ROOT, set.rules)).isDirectory()).toBe(true);
    expect(fs.existsSync(shippedModulePath(set))).toBe(true);
  }
});

describe.each(sets.map((s) => [s.name, s] as const))('%s', (_name, set) => {
  test('the committed module is what scmlc builds now (else: npm run shipped)', () => {
    const fresh = path.join(dir, `${set.name}.js`);
    let err = '';
    const status = scmlc(shippedScmlcArgs(set, fresh), { stdout: process.stdout, stderr: { write: (t: string) => (err += t) }, cwd: REPO_ROOT });
    // No warning but those from the Linux facts (rules that cannot match on x86_64; see linux-checks.test.ts).
    const warnings = err.split('\n').filter((l) => / warning: /.test(l));
    for (const w of warnings) expect(w).toMatch(/ warning: (x86_64 Linux has no system call|strace always prints|strace prints this flag as)/);
    expect(err).toContain(`${warnings.length} warning`);
    expect(status).toBe(0);
    const committed = fs.readFileSync(shippedModulePath(set));
    if (!committed.equals(fs.readFileSync(fresh))) {
      throw new Error(`${set.module} is stale: rebuilding ${set.rules} changes it. Run \`npm run shipped\` and review the diff.`);
    }
  });

  test('it is stamped with the target in the list, and its paths are relative to the repository', () => {
    const module = loadMatcherModule(shippedModulePath(set));
    expect(module.target).toEqual({ os: set.os, version: set.version, source: set.source });
    for (const s of module.sources) expect(s.path.startsWith(`${set.rules}/`)).toBe(true);
  });
});
