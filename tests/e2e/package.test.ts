/**
 * The installable package: `npm pack` gives a tarball with the built CLIs,
 * the shipped rule sets (module and SCML), README and LICENSE, and its
 * dependencies bundled; installed globally into a fresh prefix with
 * `--offline` and an empty npm cache (so nothing can come from the network
 * or from this machine's cache), both commands work: sctrace offline with a
 * shipped set and online, and scmlc.
 *
 * Packs with --ignore-scripts: `npm test` has just built dist/, and
 * rebuilding it here would race the other test files that run dist/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_LOG, EXAMPLE_RULES, LOGS, REPO, run, useScratch } from './helpers';

const scratch = useScratch();
jest.setTimeout(300_000);

function npm(args: string[], cwd: string): { status: number | null; out: string; err: string } {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

let files: string[];
let prefix: string;

beforeAll(() => {
  const packDir = path.join(scratch.dir, 'pack');
  mkdirSync(packDir);
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO);
  expect(packed.err).not.toMatch(/npm error/);
  expect(packed.status).toBe(0);
  const [info] = JSON.parse(packed.out) as { filename: string; files: { path: string }[] }[];
  files = info.files.map((f) => f.path);
  const tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')) ?? info.filename);
  prefix = path.join(scratch.dir, 'prefix');
  const emptyCache = path.join(scratch.dir, 'npm-cache');
  const installed = npm(['install', '-g', tarball, '--prefix', prefix, '--offline', '--cache', emptyCache], scratch.dir);
  expect(installed.err).not.toMatch(/npm error/);
  expect(installed.status).toBe(0);
});

test('the tarball holds the CLIs, the shipped sets, README, LICENSE and the bundled dependencies, and no tests', () => {
  for (const f of ['dist/cli/sctrace.js', 'dist/cli/scmlc.js', 'generated/asterinas.js', 'rules/shipped.json', 'rules/README.md', 'README.md', 'LICENSE', 'package.json']) {
    expect(files).toContain(f);
  }
  const scml = files.filter((f) => f.startsWith('rules/asterinas/') && f.endsWith('.scml'));
  expect(scml).toHaveLength(readFileSync(path.join(REPO, 'generated', 'asterinas.js'), 'utf8').split('\n').filter((l) => / {2}rules\/asterinas\/.*\.scml$/.test(l)).length);
  for (const dep of ['arg', 'fast-glob', 'ts-morph', 'typescript']) expect(files).toContain(`node_modules/${dep}/package.json`);
  expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('dist/tests/') || f.startsWith('node_modules/jest'))).toEqual([]);
  expect(readFileSync(path.join(REPO, 'LICENSE'), 'utf8')).toMatch(/^Mozilla Public License Version 2\.0\n/);
});

test('the installed sctrace checks a log against the shipped Asterinas set, as the checkout does', () => {
  const bin = path.join(prefix, 'bin', 'sctrace');
  const log = path.join(LOGS, 'ls.log');
  const installed = spawnSync(bin, ['--matchers', 'asterinas', '--input', log], { cwd: REPO, env: scratch.env });
  const local = run(path.join(REPO, 'dist', 'cli', 'sctrace.js'), ['--matchers', 'asterinas', '--input', log], { cwd: REPO, env: scratch.env });
  expect(installed.status).toBe(0);
  expect(installed.stdout.equals(local.stdout)).toBe(true);
  expect(installed.stderr.equals(local.stderr)).toBe(true);
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8' }).stdout;
  expect(help).toMatch(/asterinas {2}Asterinas \S+, \d+ rules for \d+ syscalls/);
});

test('the installed sctrace combines reports (sctrace combine ships too)', () => {
  const bin = path.join(prefix, 'bin', 'sctrace');
  const report = path.join(scratch.dir, 'ls.json');
  const json = spawnSync(bin, ['--matchers', 'asterinas', '--format', 'json', '--input', path.join(LOGS, 'ls.log')], { env: scratch.env });
  expect(json.status).toBe(0);
  writeFileSync(report, json.stdout);
  const combined = spawnSync(bin, ['combine', report, '--format', 'md'], { encoding: 'utf8', env: scratch.env });
  expect(combined.stderr).toBe('');
  expect(combined.status).toBe(0);
  expect(combined.stdout).toContain('| `ls` |');
});

test('the installed sctrace probes (sctrace probe ships too)', () => {
  const bin = path.join(prefix, 'bin', 'sctrace');
  expect(files).toContain('dist/probe/probe.js');
  const help = spawnSync(bin, ['probe', '--help'], { encoding: 'utf8', env: scratch.env });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('sctrace probe - which gaps does the program really need?');
});

test('the installed sctrace runs a program online, and compiles SCML paths (cache miss)', () => {
  const bin = path.join(prefix, 'bin', 'sctrace');
  const online = spawnSync(bin, ['--matchers', 'asterinas', '-q', '--', process.execPath, '-e', 'process.exit(3)'], { cwd: scratch.dir, env: scratch.env });
  expect(online.status).toBe(3);
  expect(online.stderr.toString()).toContain('Unsupported syscall: ');
  const scml = spawnSync(bin, [EXAMPLE_RULES, '--no-cache', '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  expect(scml.status).toBe(0);
  expect(scml.stderr.toString()).toContain(' (unsupported)\n');
});

test('the installed scmlc compiles a module that the installed sctrace loads', () => {
  const module = path.join(scratch.dir, 'myos.js');
  const built = spawnSync(path.join(prefix, 'bin', 'scmlc'), [EXAMPLE_RULES, '-o', module, '--os', 'MyOS'], { encoding: 'utf8' });
  expect(built.stderr).toContain('scmlc: wrote');
  expect(built.status).toBe(0);
  const r = spawnSync(path.join(prefix, 'bin', 'sctrace'), ['--matchers', module, '--input', EXAMPLE_LOG, '--summary', '-q'], { encoding: 'utf8', env: scratch.env });
  expect(r.status).toBe(0);
  expect(r.stderr).toContain('\nRules: MyOS, ');
});
