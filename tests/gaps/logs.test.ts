/**
 * Every real log with the Asterinas rules, through the reader, the
 * interpreter and the gap reporter: JSON totals agree with the reader and
 * the matcher, gaps add up to the unsupported calls, coverage to the
 * supported ones, and the suggested SCML compiles and makes every call of
 * the log supported.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explain } from '../../runtime/explain/explain';
import { createInterpreter } from '../../runtime/interpret';
import { kernelCall, matchKernelCall } from '../../runtime/match/kernel-call';
import type { IR } from '../../runtime/ir';
import { readFileSync as readLog } from '../../runtime/reader';
import type { CallRecord, Problem, ReaderSink } from '../../runtime/record';
import { createGapReporter } from '../../runtime/report/gap-reporter';
import type { Reporter, TextSink } from '../../runtime/report/reporter';
import { validate } from './json-schema';
import { asterinasFiles, compile, logFiles, REPO } from './helpers';

const rules = asterinasFiles();
const ir = compile(rules);
const reportSchema = JSON.parse(fs.readFileSync(path.join(REPO, 'runtime', 'report', 'schema', 'report.schema.json'), 'utf8'));
const silent: Reporter = { call() {}, unreadable() {}, notice() {}, finish() {} };

function sinkOf(text: { value: string }): TextSink {
  return { color: false, write: (t) => void (text.value += t), flush() {} };
}

/** Classify a log with `rules`; returns the reader's stats, the calls' verdicts and the JSON document. */
function check(rulesIr: IR, log: string, suggestScml: string | null) {
  const onSuggestions = suggestScml === null ? null : (scml: string) => fs.writeFileSync(suggestScml, scml, 'utf8');
  const out = { value: '' };
  const err = { value: '' };
  const ctx = { ir: rulesIr, stdout: sinkOf(out), stderr: sinkOf(err) };
  const reporter = createGapReporter(ctx, { format: 'json', explain: false, summary: false, coverage: false, onSuggestions, label: path.basename(log, '.log') }, silent);
  const interpreter = createInterpreter(rulesIr);
  let unsupported = 0;
  let disagreements = 0;
  const sink: ReaderSink = {
    call(record: CallRecord) {
      // As sctrace judges by default: the call as the kernel saw it (runtime/match/kernel-call.ts).
      const id = matchKernelCall(interpreter.match, record);
      if (id < 0) unsupported++;
      // explain() is an independent reading of the semantics: a reason exactly for unsupported calls.
      if ((explain(rulesIr, kernelCall(record)) === null) !== id >= 0) disagreements++;
      reporter.call(record, id);
    },
    unreadable: (p: Problem) => reporter.unreadable(p),
    notice: (m: string) => reporter.notice(m),
  };
  const stats = readLog(log, sink);
  reporter.finish();
  return { stats, unsupported, disagreements, doc: JSON.parse(Buffer.from(out.value, 'latin1').toString('utf8')) };
}

describe.each(logFiles().map((f) => [path.relative(path.join(REPO, '..'), f), f]))('%s', (_name, log) => {
  test('JSON counts agree and add up; the suggestion covers every unsupported call', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-gaps-'));
    const suggestion = path.join(dir, 'suggested.scml');
    const { stats, unsupported, disagreements, doc } = check(ir, log, suggestion);
    expect(disagreements).toBe(0);
    expect(validate(reportSchema, doc)).toEqual([]);
    expect(doc.totals.calls).toBe(stats.calls);
    expect(doc.totals.unreadable).toBe(stats.unreadable);
    expect(doc.totals.unsupported).toBe(unsupported);
    expect(doc.totals.supported + doc.totals.unsupported).toBe(doc.totals.calls);
    expect(doc.totals.lines).toBeLessThanOrEqual(stats.lines);
    expect(doc.gaps.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(doc.totals.unsupported);
    for (const gap of doc.gaps) {
      expect(gap.reasons.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(gap.count);
    }
    expect(doc.coverage.rules.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(doc.totals.supported);

    // Round trip: rules + suggestion compile, and nothing is unsupported any more.
    const widened = compile([...rules, ['suggested.scml', fs.readFileSync(suggestion, 'utf8')]]);
    const again = check(widened, log, null);
    expect(again.doc.totals.calls).toBe(stats.calls);
    expect(again.doc.totals.unsupported).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
