/**
 * `sctrace --matchers asterinas`: a shipped rule set by name. It prints byte
 * for byte what `sctrace rules/asterinas` prints, on every test log; it
 * never loads the compiler; a name is never a file in the current folder
 * (`./name` is); an unknown name is a usage error that lists the shipped
 * sets; --help lists them.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_LOG, LOGS, REPO, type RunResult, run, sctrace, SCTRACE, useScratch } from './helpers';

const scratch = useScratch();

/** Every log the tests ship: tests/fixtures/logs (with variants) and the example. */
function allLogs(dir = LOGS): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...allLogs(full));
    else if (/\.log$|\.\d+$/.test(name)) found.push(full); // app.log, or app.1234 from strace -ff
  }
  return dir === LOGS ? [...found, EXAMPLE_LOG] : found;
}

function same(a: RunResult, b: RunResult): void {
  expect(a.status).toBe(b.status);
  expect(a.stdout.equals(b.stdout)).toBe(true);
  expect(a.stderr.equals(b.stderr)).toBe(true);
}

const logs = allLogs();

test('there are logs to compare', () => {
  expect(logs.length).toBeGreaterThanOrEqual(10);
});

test.each(logs.map((l) => [path.relative(REPO, l)]))('%s: --matchers asterinas prints what sctrace rules/asterinas prints', (log) => {
  const byName = sctrace(['--matchers', 'asterinas', '--input', log], { cwd: REPO, env: scratch.env });
  const bySource = sctrace(['rules/asterinas', '--input', log], { cwd: REPO, env: scratch.env });
  expect(byName.status).toBe(0);
  expect(byName.out.length + byName.err.length).toBeGreaterThan(0);
  same(byName, bySource);
});

test('with --explain too, from any folder: rules named where the set\'s source has them', () => {
  const log = path.join(LOGS, 'python3_subprocess.log');
  const byName = sctrace(['-m', 'asterinas', '--explain', '--input', log], { cwd: scratch.dir, env: scratch.env });
  const bySource = sctrace(['rules/asterinas', '--explain', '--input', log], { cwd: REPO, env: scratch.env });
  // The stamped set names rules relative to its folder (what its source URL points at), not inside the package.
  expect(byName.err).toContain('(rule memory-management/mmap_and_munmap.scml:');
  expect(byName.err).not.toContain('rules/asterinas/');
  expect(bySource.err).toContain('(rule rules/asterinas/memory-management/mmap_and_munmap.scml:');
  expect(byName.err.replace(/\(rule /g, '(rule rules/asterinas/')).toBe(bySource.err);
  expect(byName.out).toBe(bySource.out);
});

test('--summary says where the rule files are; combine links each rule to its line there', () => {
  const log = path.join(LOGS, 'ls.log');
  const summary = sctrace(['-m', 'asterinas', '--summary', '-q', '--input', log], { cwd: scratch.dir, env: scratch.env });
  const source = 'https://github.com/asterinas/asterinas/tree/604948581/book/src/kernel/linux-compatibility/syscall-flag-coverage';
  expect(summary.err).toContain(`\nRule files are relative to ${source}\n`);
  expect(summary.err).toContain('; rule memory-management/mmap_and_munmap.scml:18\n');
  const report = path.join(scratch.dir, 'ls.json');
  writeFileSync(report, sctrace(['-m', 'asterinas', '--format', 'json', '--input', log], { env: scratch.env }).stdout);
  const html = sctrace(['combine', report, '--format', 'html'], { env: scratch.env }).out;
  expect(html).toContain(`<a href="${source}/memory-management/mmap_and_munmap.scml#L18"><code>memory-management/<wbr>mmap_and_munmap.scml:18</code></a>`);
  const md = sctrace(['combine', report, '--format', 'md'], { env: scratch.env }).out;
  expect(md).toContain(`[\`memory-management/mmap_and_munmap.scml:18\`](${source}/memory-management/mmap_and_munmap.scml#L18)`);
  expect(sctrace(['combine', report], { env: scratch.env }).out).toContain(' memory-management/mmap_and_munmap.scml:18');
});

test('the JSON report names Asterinas, with the same rule set id as the SCML files', () => {
  const log = path.join(LOGS, 'ls.log');
  const byName = JSON.parse(sctrace(['--matchers', 'asterinas', '--input', log, '--format', 'json'], { cwd: REPO, env: scratch.env }).out);
  const bySource = JSON.parse(sctrace(['rules/asterinas', '--input', log, '--format', 'json'], { cwd: REPO, env: scratch.env }).out);
  expect(byName.ruleSet).toMatchObject({ label: 'Asterinas commit 604948581', os: 'Asterinas', version: '604948581' });
  expect(byName.ruleSet.source).toMatch(/^https:\/\/github\.com\/asterinas\/asterinas\/tree\/604948581\//);
  expect(bySource.ruleSet.label).toBe('rules/asterinas (75 SCML files)');
  expect(byName.ruleSet.id).toBe(bySource.ruleSet.id);
  expect({ ...byName, ruleSet: null }).toEqual({ ...bySource, ruleSet: null });
  const summary = sctrace(['--matchers', 'asterinas', '--input', log, '--summary', '-q'], { cwd: REPO, env: scratch.env });
  expect(summary.err).toContain('\nRules: Asterinas commit 604948581, 314 rules for 244 syscalls\n');
});

function loadedModules(args: string[]): string[] {
  const list = path.join(scratch.dir, `loaded-${args.join('_').replace(/\W/g, '')}.json`);
  const preload = path.join(scratch.dir, 'record-modules.js');
  writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(Object.keys(require.cache))));`);
  const r = run(SCTRACE, args, { cwd: REPO, env: { ...scratch.env, LOADED_LIST: list }, nodeArgs: ['-r', preload] });
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(list, 'utf8')) as string[];
}

const heavy = (files: string[]) =>
  files.filter((f) => /[\\/]node_modules[\\/](typescript|ts-morph|@ts-morph)[\\/]/.test(f) || /[\\/]dist[\\/]compiler[\\/]/.test(f) && !/[\\/]compiler[\\/]version\.js$/.test(f));

test('a shipped set, and --help, load no compiler, TypeScript or ts-morph', () => {
  const loaded = loadedModules(['--matchers', 'asterinas', '--input', path.join(LOGS, 'ls.log')]);
  expect(loaded.some((f) => f.endsWith(path.join('generated', 'asterinas.js')))).toBe(true);
  expect(heavy(loaded)).toEqual([]);
  expect(heavy(loadedModules(['--help']))).toEqual([]);
});

test('online: --matchers asterinas -- <prog> runs the program under strace', () => {
  const r = sctrace(['--matchers', 'asterinas', '-q', '--', process.execPath, '-e', 'process.exit(7)'], { cwd: scratch.dir, env: scratch.env });
  expect(r.status).toBe(7);
  expect(r.err).toContain('Unsupported syscall: ');
});

test('a bare name is never a file in the current folder; ./name is', () => {
  copyFileSync(path.join(REPO, 'generated', 'golden.js'), path.join(scratch.dir, 'asterinas'));
  const byName = sctrace(['--matchers', 'asterinas', '--input', EXAMPLE_LOG, '--format', 'json'], { cwd: scratch.dir, env: scratch.env });
  expect(byName.status).toBe(0);
  expect(JSON.parse(byName.out).ruleSet.os).toBe('Asterinas');
  const byPath = sctrace(['--matchers', './asterinas', '--input', EXAMPLE_LOG, '--format', 'json'], { cwd: scratch.dir, env: scratch.env });
  expect(byPath.status).toBe(0);
  expect(JSON.parse(byPath.out).ruleSet.label).toBe('tests/golden/rules/files.scml, tests/golden/rules/more.scml');
});

test('an unknown name exits 2, lists the shipped sets and suggests the closest', () => {
  const r = sctrace(['--matchers', 'asterinsa', '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  expect(r.status).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toBe(
    "sctrace: --matchers asterinsa: no shipped rule set and no installed rule-set package of that name; did you mean 'asterinas'?\n" +
      'Shipped rule sets: asterinas (see sctrace --help); a file needs a path such as ./asterinsa\n' +
      "Try 'sctrace --help' for more information.\n",
  );
  const far = sctrace(['--matchers', 'linux', '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  expect(far.status).toBe(2);
  expect(far.err).not.toContain('did you mean');
  expect(far.err).toContain('Shipped rule sets: asterinas');
  // Something that looks like a file stays a missing file (status 1), not a set name.
  const missing = sctrace(['--matchers', 'asterinas.js', '--input', EXAMPLE_LOG], { cwd: scratch.dir, env: scratch.env });
  expect(missing.status).toBe(1);
  expect(missing.err).toBe('sctrace: asterinas.js: no such file\n');
});

test('--help lists the shipped sets with OS, version, rule count and source', () => {
  const help = sctrace(['--help'], { env: scratch.env }).out;
  expect(help).toMatch(/\n {4}asterinas {2}Asterinas commit 604948581, 314 rules for 244 syscalls\n {15}source: https:\/\/github\.com\/asterinas\/asterinas\/tree\/604948581\/\S+\n/);
});
