/**
 * The library (lib/index.ts) gives the command's answers: a log's report is
 * the document of `sctrace --format json`, its verdicts the records of
 * `--format jsonl`, whether the log comes as a file, a stream or text;
 * combining documents in memory gives `sctrace combine`'s output.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkLog, checkProgram, combineReports, loadRuleSet, SctraceError, UsageError, type Verdict } from '../../lib/index';
import { EXAMPLE_LOG, EXAMPLE_RULES, LOGS, sctrace, testEnv } from '../e2e/helpers';

let dir: string;
let env: NodeJS.ProcessEnv;
const savedCache = process.env.XDG_CACHE_HOME;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sctrace-lib-'));
  env = testEnv(path.join(dir, 'cache'));
  process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
});
afterAll(() => {
  process.env.XDG_CACHE_HOME = savedCache;
  rmSync(dir, { recursive: true, force: true });
});

async function all(check: AsyncIterable<Verdict>): Promise<Verdict[]> {
  const out: Verdict[] = [];
  for await (const v of check) out.push(v);
  return out;
}

/** What the command prints, parsed (its bytes are UTF-8). */
function cli(args: string[]): { json: unknown; jsonl: unknown[] } {
  const json = JSON.parse(sctrace([...args, '--format', 'json'], { env }).stdout.toString('utf8'));
  const jsonl = sctrace([...args, '--format', 'jsonl'], { env }).stdout.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  return { json, jsonl };
}

test.each(['ls.log', 'python3_subprocess.log', 'git.log'])('%s: the report and verdicts are the command\'s', async (name) => {
  const log = path.join(LOGS, name);
  const rules = loadRuleSet({ matchers: 'asterinas' });
  expect(rules.description.os).toBe('Asterinas');
  const check = checkLog(rules, { file: log });
  const verdicts = await all(check);
  const report = await check.report();
  const expected = cli(['--matchers', 'asterinas', '--input', log]);
  expect(report).toEqual(expected.json);
  expect(verdicts).toEqual(expected.jsonl.slice(0, -1)); // the command's last record is the totals
});

test('a stream, text and a gzip file give the report of the file; report() alone reads the whole log', async () => {
  const rules = loadRuleSet({ scml: [EXAMPLE_RULES] });
  const fromFile = await checkLog(rules, { file: EXAMPLE_LOG }).report();
  expect(fromFile.label).toBe('ls');
  expect(fromFile.totals.calls).toBeGreaterThan(100);
  const fromStream = await checkLog(rules, { stream: createReadStream(EXAMPLE_LOG) }, { label: 'ls' }).report();
  expect(fromStream).toEqual(fromFile);
  const fromText = await checkLog(rules, { text: readFileSync(EXAMPLE_LOG, 'latin1') }, { label: 'ls' }).report();
  expect(fromText.totals).toEqual(fromFile.totals);
  const gz = path.join(dir, 'ls.log.gz');
  writeFileSync(gz, require('node:zlib').gzipSync(readFileSync(EXAMPLE_LOG)));
  expect(await checkLog(rules, { file: gz }).report()).toEqual(fromFile);
});

test('text from the log is one char per byte, as in the command\'s JSON: the bytes come back', async () => {
  const rules = loadRuleSet({ matchers: 'asterinas' });
  const text = 'openat(AT_FDCWD</tmp>, "/tmp/caf\u00e9", O_RDONLY) = 3\nchown("/tmp/caf\u00e9", 0, 0) = 0\n';
  const verdicts = await all(checkLog(rules, { text }));
  expect(verdicts.map((v) => (v.type === 'call' ? Buffer.from(v.text, 'latin1').toString('utf8') : null))).toEqual(text.trimEnd().split('\n'));
  const file = path.join(dir, 'cafe.log');
  writeFileSync(file, text);
  const report = await checkLog(rules, { file }).report();
  expect(report).toEqual(cli(['--matchers', 'asterinas', '--input', file]).json);
});

test('errors: an unknown rule set, bad SCML, something that is not a log', async () => {
  expect(() => loadRuleSet({ matchers: 'asterinsa' })).toThrow(UsageError);
  const bad = path.join(dir, 'bad.scml');
  writeFileSync(bad, 'openat(;\n');
  let warnings = '';
  expect(() => loadRuleSet({ scml: [bad], noCache: true }, { color: false, write: (t) => void (warnings += t), flush() {} })).toThrow(SctraceError);
  expect(warnings).toContain('bad.scml:1:');
  const rules = loadRuleSet({ scml: [EXAMPLE_RULES] });
  await expect(checkLog(rules, { text: '\u0000\u0001 not a log\n' }).report()).rejects.toThrow(/not an strace log/);
});

test('combining documents in memory gives what sctrace combine gives for the files', async () => {
  const rules = loadRuleSet({ matchers: 'asterinas' });
  const docs = [];
  for (const name of ['ls.log', 'cat.log']) {
    const doc = await checkLog(rules, { file: path.join(LOGS, name) }).report();
    docs.push(doc);
    writeFileSync(path.join(dir, name.replace('.log', '.json')), JSON.stringify(doc));
  }
  const files = ['ls', 'cat'].map((n) => path.join(dir, `${n}.json`));
  for (const format of ['text', 'md', 'json'] as const) {
    const { text } = combineReports(docs, { format });
    expect(text).toBe(sctrace(['combine', ...files, '--format', format], { env }).stdout.toString('utf8'));
  }
  expect(combineReports(files).report.totals.apps).toBe(2);
});

test('checkProgram runs a program under strace: verdicts, report and its exit status', async () => {
  const rules = loadRuleSet({ matchers: 'asterinas' });
  const check = checkProgram(rules, [process.execPath, '-e', 'process.exit(5)']);
  const verdicts = await all(check);
  const report = await check.report();
  expect(await check.status()).toBe(5);
  expect(report.label).toBe(path.basename(process.execPath));
  expect(verdicts.filter((v) => v.type === 'call')).toHaveLength(report.totals.calls);
  expect(report.totals.unsupported).toBeGreaterThan(0);
});
