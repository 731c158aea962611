/**
 * `scmlc --os/--os-version/--source` stamps a module with what it was built
 * for; sctrace's reports then name the OS (the JSON `ruleSet`, the "Rules:"
 * line of --summary and --coverage). A module without the stamp still loads
 * and is named by its files; the same rules have the same id either way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_LOG, EXAMPLE_RULES, REPO, scmlc, sctrace, useScratch } from './helpers';

const scratch = useScratch();
const SOURCE = 'https://example.org/myos/rules@abc123';
// Paths relative to the repository, as a shipped set is built.
const RULES = path.relative(REPO, EXAMPLE_RULES);
const LOG = path.relative(REPO, EXAMPLE_LOG);

function build(name: string, extra: string[]): string {
  const out = path.join(scratch.dir, name);
  const r = scmlc([RULES, '-o', out, ...extra], { cwd: REPO, env: scratch.env });
  expect(r.err).toContain(`scmlc: wrote ${out}`);
  expect(r.status).toBe(0);
  return out;
}

function jsonReport(args: string[]): Record<string, any> {
  const r = sctrace([...args, '--input', LOG, '--format', 'json'], { cwd: REPO, env: scratch.env });
  expect(r.status).toBe(0);
  return JSON.parse(r.out);
}

test('the stamp is exported, written in the header, and named by every report', () => {
  const module = build('myos-1.2.js', ['--os', 'MyOS', '--os-version', '1.2', '--source', SOURCE]);
  const text = readFileSync(module, 'utf8');
  expect(text).toContain(` * Target: MyOS 1.2 (source: ${SOURCE})\n`);
  expect(require(module).target).toEqual({ os: 'MyOS', version: '1.2', source: SOURCE });

  const stamped = jsonReport(['--matchers', module]);
  const files = jsonReport([RULES]);
  expect(stamped.ruleSet).toMatchObject({ label: 'MyOS 1.2', os: 'MyOS', version: '1.2', source: SOURCE });
  expect(files.ruleSet).toMatchObject({ label: ['files', 'memory', 'process'].map((f) => `${RULES}/${f}.scml`).join(', '), os: null, version: null, source: null });
  // Same rules, same id and sources, whichever way they came.
  expect(stamped.ruleSet.id).toMatch(/^[0-9a-f]{64}$/);
  expect(stamped.ruleSet.id).toBe(files.ruleSet.id);
  expect(stamped.ruleSet.sources).toEqual(files.ruleSet.sources);
  expect(jsonReport([RULES]).ruleSet).toEqual(files.ruleSet); // the cache hit too
  expect(stamped.ruleSet.rules).toBe(stamped.coverage.rules.length);

  const summary = sctrace(['--matchers', module, '--input', LOG, '--summary', '--coverage', '-q'], { cwd: REPO, env: scratch.env });
  // With a source, the line after says where the rule files named below are.
  const rulesLine = `\nRules: MyOS 1.2, ${stamped.ruleSet.rules} rules for ${stamped.ruleSet.syscalls} syscalls\nRule files are relative to ${SOURCE}\n\nRule coverage`;
  expect(summary.err).toContain(rulesLine);
  expect(summary.err.split('\nRules: ').length).toBe(2); // said once
  const plain = sctrace([RULES, '--input', LOG, '--summary'], { cwd: REPO, env: scratch.env });
  expect(plain.err).toContain(`\nRules: ${files.ruleSet.label}, ${files.ruleSet.rules} rules for ${files.ruleSet.syscalls} syscalls\n\nUnsupported calls`);
});

test('version and source are optional; an unstamped module has no target', () => {
  const bare = build('myos.js', ['--os', 'MyOS']);
  expect(require(bare).target).toEqual({ os: 'MyOS', version: null, source: null });
  expect(jsonReport(['--matchers', bare]).ruleSet).toMatchObject({ label: 'MyOS', version: null, source: null });
  const none = build('plain.js', []);
  expect('target' in require(none)).toBe(false);
  expect(readFileSync(none, 'utf8')).not.toContain('Target:');
});

test('text from the options cannot break out of the comment or the string', () => {
  const evil = '*/ throw new Error("x"); /*\n"\\';
  const module = build('evil.js', ['--os', evil, '--source', evil]);
  expect(require(module).target).toEqual({ os: evil, version: null, source: evil });
});

test('a module whose target has the wrong shape is refused', () => {
  const good = build('for-damage.js', ['--os', 'MyOS']);
  const damaged = path.join(scratch.dir, 'damaged.js');
  expect(readFileSync(good, 'utf8')).toContain('"os": "MyOS"');
  writeFileSync(damaged, readFileSync(good, 'utf8').replace('"os": "MyOS"', '"os": 42'));
  const r = sctrace(['--matchers', damaged, '--input', LOG], { cwd: REPO, env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.err).toContain('damaged matcher module (missing or wrong: target)');
});

test('usage: --os-version and --source need --os; --os needs a module to stamp', () => {
  for (const args of [['-o', 'x.js', '--os-version', '1'], ['-o', 'x.js', '--source', 'u'], ['--check', '--os', 'X'], ['-o', 'x.json', '--os', 'X'], ['-o', 'x.js', '--os', ' ']]) {
    const r = scmlc([RULES, ...args], { cwd: REPO, env: scratch.env });
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^scmlc: .*--os/);
  }
});
