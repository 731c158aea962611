/**
 * The gap outputs through the built CLI (dist/cli/sctrace.js), on all real
 * logs at once with the Asterinas rules: JSON totals equal the counts of the
 * text output, gaps add up to the unsupported calls, coverage to the
 * supported ones; the suggested SCML compiles with scmlc, and rules plus
 * suggestion leave no call unsupported. (Per-log checks of the same facts
 * run in-process in logs.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate } from './json-schema';
import { ASTERINAS, LOGS, REPO, logFiles } from './helpers';

const SCTRACE = path.join(REPO, 'dist', 'cli', 'sctrace.js');
const SCMLC = path.join(REPO, 'dist', 'cli', 'scmlc.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-gaps-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), NO_COLOR: '1' };
delete env.FORCE_COLOR;

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { env, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('latin1') };
}

const ffDir = path.join(LOGS, 'variants', 'ff_subprocess');
const ffLogs = fs.existsSync(ffDir) ? fs.readdirSync(ffDir).sort().map((f) => path.join(ffDir, f)) : [];
const logs = [...logFiles(), ...ffLogs];
const inputs = logs.flatMap((log) => ['--input', log]);

/** Lines in a file, counting a last line without a newline. */
function lineCount(file: string): number {
  const bytes = fs.readFileSync(file);
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Written by the first test, used by the round trip (tests in a file run in order). */
const suggestion = path.join(dir, 'suggested.scml');

test('JSON totals equal the text output counts; gaps and coverage add up; JSON is valid', () => {
  // Default text output, with a reason line under each unsupported line and the summary after the run.
  const text = run(SCTRACE, [ASTERINAS, ...inputs, '--explain', '--summary']);
  expect(text.status).toBe(0);
  const supported = text.out.split('\n').filter((l) => l !== '').length;
  const errLines = text.err.split('\n');
  const unsupportedAt = errLines.flatMap((l, i) => (l.endsWith(' (unsupported)') ? [i] : []));
  const unsupported = unsupportedAt.length;
  const unreadable = errLines.filter((l) => l.startsWith('Strace Parse Error: ')).length;
  expect(unsupported).toBeGreaterThan(0);
  for (const i of unsupportedAt) expect(errLines[i + 1]).toMatch(/^ {4}[\w$]+: .+/);

  const json = run(SCTRACE, [ASTERINAS, ...inputs, '--format', 'json', '--suggest-scml', suggestion]);
  expect(json.status).toBe(0);
  expect(json.err).toBe(`sctrace: suggested SCML for ${unsupported} unsupported calls written to ${suggestion}\n`);
  const doc = JSON.parse(json.out);
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'runtime', 'report', 'schema', 'report.schema.json'), 'utf8'));
  expect(validate(schema, doc)).toEqual([]);
  expect(doc.totals).toMatchObject({ supported, unsupported, unreadable, calls: supported + unsupported });
  expect(doc.totals.lines).toBe(logs.reduce((n, log) => n + lineCount(log), 0));
  expect(doc.gaps.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(unsupported);
  expect(doc.coverage.rules.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(supported);
  // Every unsupported call got a real reason (the compiled module and explain() agree).
  for (const gap of doc.gaps) {
    for (const reason of gap.reasons) expect(reason.rule !== null || reason.kind === 'no-rule').toBe(true);
  }
  expect(text.err).toContain(
    `Totals: ${doc.totals.lines} lines, ${doc.totals.calls} calls, ${supported} supported, ${unsupported} unsupported, ${unreadable} unreadable lines`,
  );
});

test('round trip: the suggestion compiles, and rules + suggestion leave nothing unsupported', () => {
  const check = run(SCMLC, [ASTERINAS, suggestion, '--check']);
  expect(check.status).toBe(0);
  // The suggestion adds no warning to the 10 the Asterinas set has (tests/compiler/linux-checks.test.ts):
  // with raw numbers read as names, no openat call is a gap, so no rule copying O_ASYNC is suggested.
  expect(check.err).toMatch(/\nscmlc: ok \(76 files, \d+ rules for \d+ syscalls, 10 warnings\)\n$/);
  expect(check.err).not.toContain('suggested.scml');
  const again = run(SCTRACE, [ASTERINAS, suggestion, ...inputs, '--format', 'json']);
  expect(again.status).toBe(0);
  const doc = JSON.parse(again.out);
  expect(doc.totals.calls).toBeGreaterThan(0);
  expect(doc.totals.unsupported).toBe(0);
  expect(doc.gaps).toEqual([]);
});

test('JSONL: one object per call, then totals equal to the JSON document', () => {
  const jsonl = run(SCTRACE, [ASTERINAS, '--input', path.join(LOGS, 'ls.log'), '--format', 'jsonl']);
  const objects = jsonl.out.trimEnd().split('\n').map((l) => JSON.parse(l));
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'runtime', 'report', 'schema', 'call.schema.json'), 'utf8'));
  for (const o of objects) expect(validate(schema, o)).toEqual([]);
  const calls = objects.filter((o) => o.type === 'call');
  const totals = objects[objects.length - 1];
  expect(totals.type).toBe('totals');
  expect(calls.length).toBe(totals.calls);
  expect(calls.filter((o) => !o.supported).length).toBe(totals.unsupported);
  const doc = JSON.parse(run(SCTRACE, [ASTERINAS, '--input', path.join(LOGS, 'ls.log'), '--format', 'json']).out);
  expect({ ...totals, type: undefined, schema: undefined, ruleSet: undefined, log: undefined }).toEqual({ ...doc.totals, type: undefined, schema: undefined });
  expect(totals.log).toEqual(doc.log);
  expect(totals.ruleSet).toEqual(doc.ruleSet);
});

test('--format must be text, json or jsonl', () => {
  const bad = run(SCTRACE, [ASTERINAS, '--input', path.join(LOGS, 'ls.log'), '--format', 'xml']);
  expect(bad.status).toBe(2);
  expect(bad.err).toContain('--format must be one of text, json, jsonl');
});

test('--suggest-scml to a place that cannot be written fails before any output', () => {
  const bad = path.join(dir, 'no-such-folder', 'suggested.scml');
  const r = run(SCTRACE, [ASTERINAS, '--input', path.join(LOGS, 'ls.log'), '--suggest-scml', bad]);
  expect(r.status).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toBe(`sctrace: cannot write suggested SCML to ${bad}: no such file or directory\n`);
});
