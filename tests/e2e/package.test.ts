/**
 * The installable package: `npm pack` gives a tarball with the built CLIs,
 * the shipped rule sets (module and SCML), README and LICENSE, and its
 * dependencies bundled; installed globally into a fresh prefix with
 * `--offline` and an empty npm cache (so nothing can come from the network
 * or from this machine's cache), both commands work: sctrace offline with a
 * shipped set and online, and scmlc. A rule-set package made by
 * `scmlc --package`, packed and installed beside it, is found by name. And
 * the library: a consumer project installs the tarball, type-checks a
 * TypeScript file against the shipped types under `strict`, and runs it.
 *
 * Packs with --ignore-scripts: `npm test` has just built dist/, and
 * rebuilding it here would race the other test files that run dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
let tarball: string;

beforeAll(() => {
  const packDir = path.join(scratch.dir, 'pack');
  mkdirSync(packDir);
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], REPO);
  expect(packed.err).not.toMatch(/npm error/);
  expect(packed.status).toBe(0);
  const [info] = JSON.parse(packed.out) as { filename: string; files: { path: string }[] }[];
  files = info.files.map((f) => f.path);
  tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')) ?? info.filename);
  prefix = path.join(scratch.dir, 'prefix');
  const emptyCache = path.join(scratch.dir, 'npm-cache');
  const installed = npm(['install', '-g', tarball, '--prefix', prefix, '--offline', '--cache', emptyCache], scratch.dir);
  expect(installed.err).not.toMatch(/npm error/);
  expect(installed.status).toBe(0);
});

test('the tarball holds the CLIs, the library and its types, every shipped set, README, LICENSE and the bundled dependencies, and no tests', () => {
  for (const f of ['dist/cli/sctrace.js', 'dist/cli/scmlc.js', 'man/sctrace.1', 'man/scmlc.1', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'rules/shipped.json', 'rules/README.md', 'README.md', 'LICENSE', 'package.json']) {
    expect(files).toContain(f);
  }
  const shipped = JSON.parse(readFileSync(path.join(REPO, 'rules', 'shipped.json'), 'utf8')) as { module: string; rules: string }[];
  for (const set of shipped) {
    expect(files).toContain(set.module);
    expect(files.some((f) => f.startsWith(`${set.rules}/`) && f.endsWith('.scml'))).toBe(true);
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
  // npm links the man pages of a global install.
  for (const page of ['sctrace.1', 'scmlc.1']) expect(existsSync(path.join(prefix, 'share', 'man', 'man1', page))).toBe(true);
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8' }).stdout;
  expect(help).toMatch(/asterinas {2}Asterinas commit [0-9a-f]+, \d+ rules for \d+ syscalls/);
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

function consumerEnv(): NodeJS.ProcessEnv {
  return { ...scratch.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

test('a rule-set package made by scmlc --package, packed and installed beside sctrace, is found by name', () => {
  const pkgDir = path.join(scratch.dir, 'myos-rules');
  const built = spawnSync(path.join(prefix, 'bin', 'scmlc'), [EXAMPLE_RULES, '--package', pkgDir, '--name', '@myos/sctrace-rules', '--os', 'MyOS', '--os-version', '1.2', '--source', 'https://example.org/myos/rules'], { encoding: 'utf8' });
  expect(built.status).toBe(0);
  const packed = npm(['pack', '--json', '--pack-destination', scratch.dir], pkgDir);
  expect(packed.status).toBe(0);
  const [info] = JSON.parse(packed.out) as { filename: string; files: { path: string }[] }[];
  expect(info.files.map((f) => f.path).sort()).toEqual(['LICENSE', 'README.md', 'matchers.js', 'package.json', 'rules/files.scml', 'rules/memory.scml', 'rules/process.scml']);
  const installed = npm(['install', '-g', path.join(scratch.dir, info.filename), '--prefix', prefix, '--offline', '--cache', path.join(scratch.dir, 'npm-cache-2')], scratch.dir);
  expect(installed.status).toBe(0);
  const bin = path.join(prefix, 'bin', 'sctrace');
  const byName = spawnSync(bin, ['--matchers', '@myos/sctrace-rules', '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  const bySource = spawnSync(bin, [EXAMPLE_RULES, '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  expect(byName.status).toBe(0);
  expect(byName.stdout.length).toBeGreaterThan(0);
  expect(byName.stdout.equals(bySource.stdout)).toBe(true);
  expect(byName.stderr.equals(bySource.stderr)).toBe(true);
});

const CONSUMER = `import { checkLog, combineReports, loadRuleSet, type JsonDocument, type Verdict } from 'sctrace';

async function main(log: string): Promise<void> {
  const rules = loadRuleSet({ matchers: 'asterinas' });
  const check = checkLog(rules, { file: log });
  const unsupported: string[] = [];
  for await (const v of check) {
    const verdict: Verdict = v;
    if (verdict.type === 'call' && !verdict.supported) unsupported.push(verdict.syscall);
  }
  const report: JsonDocument = await check.report();
  const plan = combineReports([report], { format: 'md' });
  console.log(JSON.stringify({ unsupported, totals: report.totals, label: report.label, plan: plan.text.length > 0, os: rules.description.os }));
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
`;

test('a consumer project installs the tarball offline, type-checks against its types under strict, and runs', () => {
  const project = path.join(scratch.dir, 'consumer');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const installed = npm(['install', tarball, '--offline', '--cache', path.join(scratch.dir, 'npm-cache-3')], project);
  expect(installed.err).not.toMatch(/npm error/);
  expect(installed.status).toBe(0);
  writeFileSync(path.join(project, 'main.ts'), CONSUMER);
  const tsconfig = (files: string[]) => JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out', types: ['node'], typeRoots: [path.join(REPO, 'node_modules', '@types')] },
    files,
  });
  const tsc = (config: string) => spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(project, config)], { encoding: 'utf8' });
  writeFileSync(path.join(project, 'tsconfig.json'), tsconfig(['main.ts']));
  const checked = tsc('tsconfig.json');
  expect(checked.stdout + checked.stderr).toBe('');
  expect(checked.status).toBe(0);
  // A type error is caught: the shipped types are real, not any.
  writeFileSync(path.join(project, 'bad.ts'), "import { loadRuleSet } from 'sctrace';\nconst n: number = loadRuleSet({ matchers: 'asterinas' }).description.label;\nexport { n };\n");
  writeFileSync(path.join(project, 'tsconfig.bad.json'), tsconfig(['bad.ts']));
  expect(tsc('tsconfig.bad.json').stdout).toContain("Type 'string' is not assignable to type 'number'");
  const log = path.join(LOGS, 'ls.log');
  const ran = spawnSync(process.execPath, [path.join(project, 'out', 'main.js'), log], { encoding: 'utf8', cwd: project, env: consumerEnv() });
  expect(ran.stderr).toBe('');
  expect(ran.status).toBe(0);
  const out = JSON.parse(ran.stdout);
  const cli = JSON.parse(run(path.join(REPO, 'dist', 'cli', 'sctrace.js'), ['--matchers', 'asterinas', '--format', 'json', '--input', log], { env: scratch.env }).out);
  expect(out).toMatchObject({ totals: cli.totals, label: 'ls', plan: true, os: 'Asterinas' });
  expect(out.unsupported).toHaveLength(cli.totals.unsupported);
  // ES modules import it too.
  writeFileSync(path.join(project, 'esm.mjs'), "import { loadRuleSet, VERSION } from 'sctrace';\nconsole.log(VERSION, loadRuleSet({ matchers: 'asterinas' }).description.label);\n");
  const esm = spawnSync(process.execPath, [path.join(project, 'esm.mjs')], { encoding: 'utf8', cwd: project, env: consumerEnv() });
  expect(esm.stdout).toMatch(/^\d+\.\d+\.\d+ Asterinas /);
  // A report's $schema names a file the package exports under that name.
  const schema = spawnSync(process.execPath, ['-e', 'console.log(require(require.resolve(process.argv[1])).$id)', cli.$schema], { encoding: 'utf8', cwd: project });
  expect(schema.stdout.trim()).toBe(cli.$schema);
});
