/**
 * Rule sets as npm packages: `scmlc --package` writes one (module, SCML,
 * package.json with the `sctrace` field, README, LICENSE placeholder), and
 * `sctrace --matchers <name>` finds it installed in a project's
 * node_modules, from any folder inside the project. (tests/e2e/package.test.ts
 * packs one and installs it beside the installed sctrace.)
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packagePaths, packageVersion } from '../../cli/rule-set-package';
import { EXAMPLE_LOG, EXAMPLE_RULES, scmlc, sctrace, useScratch } from './helpers';

const scratch = useScratch();
const NAME = '@myos/sctrace-rules';

function makePackage(dir: string): void {
  const r = scmlc([EXAMPLE_RULES, '--package', dir, '--name', NAME, '--os', 'MyOS', '--os-version', '1.2', '--source', 'https://example.org/myos/rules'], { cwd: scratch.dir });
  expect(r.err).toContain(`scmlc: wrote package ${NAME} in ${dir} (3 files, `);
  expect(r.status).toBe(0);
}

test('scmlc --package writes a ready-to-publish package', () => {
  const dir = path.join(scratch.dir, 'pkg');
  makePackage(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: NAME,
    version: '1.2.0',
    main: 'matchers.js',
    files: ['matchers.js', 'rules', 'README.md', 'LICENSE'],
    sctrace: { matchers: 'matchers.js', abi: expect.any(Number), os: 'MyOS', version: '1.2', source: 'https://example.org/myos/rules' },
  });
  expect(manifest.private).toBeUndefined();
  const module = require(path.join(dir, 'matchers.js'));
  expect(module.abi).toBe(manifest.sctrace.abi);
  expect(module.target).toEqual({ os: 'MyOS', version: '1.2', source: 'https://example.org/myos/rules' });
  // The module names its rules by their place in the package, where the SCML is.
  for (const s of module.sources as { path: string }[]) {
    expect(s.path).toMatch(/^rules\/\w+\.scml$/);
    expect(readFileSync(path.join(dir, s.path), 'utf8')).toBe(readFileSync(path.join(EXAMPLE_RULES, path.basename(s.path)), 'utf8'));
  }
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  expect(readme).toContain(`sctrace --matchers ${NAME} --input app.log`);
  expect(readme).toMatch(/MyOS 1\.2\*\* supports/);
  expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toMatch(/^TO BE FILLED IN/);
});

test('installed in a project, --matchers <package> prints what the SCML paths print, from any folder in it', () => {
  const project = path.join(scratch.dir, 'project');
  makePackage(path.join(scratch.dir, 'built'));
  cpSync(path.join(scratch.dir, 'built'), path.join(project, 'node_modules', '@myos', 'sctrace-rules'), { recursive: true });
  const sub = path.join(project, 'src', 'deep');
  mkdirSync(sub, { recursive: true });
  const byName = sctrace(['--matchers', NAME, '--input', EXAMPLE_LOG], { cwd: sub, env: scratch.env });
  const bySource = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: scratch.env });
  expect(byName.status).toBe(0);
  expect(byName.stdout.equals(bySource.stdout)).toBe(true);
  expect(byName.stderr.equals(bySource.stderr)).toBe(true);
  const doc = JSON.parse(sctrace(['-m', NAME, '--input', EXAMPLE_LOG, '--format', 'json'], { cwd: project, env: scratch.env }).out);
  expect(doc.ruleSet).toMatchObject({ label: 'MyOS 1.2', os: 'MyOS', version: '1.2' });
});

test('a package that is not a rule set, and a name nobody installed, are told apart', () => {
  const project = path.join(scratch.dir, 'other');
  mkdirSync(path.join(project, 'node_modules', 'left-pad'), { recursive: true });
  writeFileSync(path.join(project, 'node_modules', 'left-pad', 'package.json'), '{"name": "left-pad", "version": "1.0.0"}');
  const r = sctrace(['--matchers', 'left-pad', '--input', EXAMPLE_LOG], { cwd: project, env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.err).toContain('--matchers left-pad: package ');
  expect(r.err).toContain('has no "sctrace": { "matchers": "<module.js>" }');
  const missing = sctrace(['--matchers', '@nobody/rules', '--input', EXAMPLE_LOG], { cwd: project, env: scratch.env });
  expect(missing.status).toBe(2);
  expect(missing.err).toContain('--matchers @nobody/rules: no shipped rule set and no installed rule-set package of that name');
});

test('scmlc --package needs a name and an OS, and is not -o', () => {
  const dir = path.join(scratch.dir, 'x');
  expect(scmlc([EXAMPLE_RULES, '--package', dir, '--os', 'MyOS']).err).toContain('--package needs --name <npm-name>');
  expect(scmlc([EXAMPLE_RULES, '--package', dir, '--name', 'x']).err).toContain('--package needs --os <name>');
  expect(scmlc([EXAMPLE_RULES, '--package', dir, '--name', 'x', '--os', 'A', '-o', 'y.js']).status).toBe(2);
  expect(scmlc([EXAMPLE_RULES, '--name', 'x', '-o', 'y.js']).err).toContain('--name names the package of --package <dir>');
});

test('package versions and paths', () => {
  expect(packageVersion('1.2')).toBe('1.2.0');
  expect(packageVersion('3')).toBe('3.0.0');
  expect(packageVersion('1.2.3-rc.1')).toBe('1.2.3-rc.1');
  expect(packageVersion('604948581')).toBe('0.0.0-r604948581');
  expect(packageVersion('v2 beta')).toBe('0.0.0-v2-beta');
  expect(packageVersion(null)).toBe('0.0.0');
  expect(packagePaths(['/a/rules/fs/open.scml', '/a/rules/net.scml'])).toEqual(['rules/fs/open.scml', 'rules/net.scml']);
  expect(packagePaths(['/a/one.scml'])).toEqual(['rules/one.scml']);
});
