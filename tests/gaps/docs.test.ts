/**
 * docs/output-formats.md shows real output of one small log; this test
 * produces that output again and compares it with the code blocks, so the
 * documentation cannot drift from what sctrace prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterpreter } from '../../runtime/interpret';
import { createTextReporter } from '../../runtime/output/text-reporter';
import { StraceReader } from '../../runtime/reader';
import { createGapReporter, type GapOptions } from '../../runtime/report/gap-reporter';
import type { TextSink } from '../../runtime/report/reporter';
import { ASTERINAS, compile, REPO } from './helpers';

const doc = fs.readFileSync(path.join(REPO, 'docs', 'output-formats.md'), 'utf8');

/** The first fenced code block after `marker`. */
function blockAfter(marker: string): string {
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs: no ${marker}`);
  const open = doc.indexOf('```', at);
  const start = doc.indexOf('\n', open) + 1;
  return doc.slice(start, doc.indexOf('```\n', start));
}

const ir = compile([
  ['rules/mmap_and_munmap.scml', fs.readFileSync(path.join(ASTERINAS, 'memory-management', 'mmap_and_munmap.scml'), 'utf8')],
]);
const log = blockAfter('The examples below use this log');

function output(options: Partial<GapOptions>): { out: string; err: string } {
  let out = '';
  let err = '';
  const stdout: TextSink = { color: false, write: (t) => void (out += t), flush() {} };
  const stderr: TextSink = { color: false, write: (t) => void (err += t), flush() {} };
  const ctx = { ir, stdout, stderr };
  const full: GapOptions = { format: 'text', explain: false, summary: false, coverage: false, label: 'app', ...options };
  const reporter = createGapReporter(ctx, { ...full, lineCount: () => log.split('\n').length - 1 }, createTextReporter(ctx, { quiet: false }));
  const matcher = createInterpreter(ir);
  const reader = new StraceReader({ call: (r) => reporter.call(r, matcher.match(r)), unreadable: (p) => reporter.unreadable(p), notice: (m) => reporter.notice(m) });
  reader.push(Buffer.from(log, 'latin1'));
  reader.end();
  reporter.finish();
  return { out, err };
}

test('--explain example', () => {
  expect(output({ explain: true }).err).toBe(blockAfter('`--explain` (stderr):'));
});

test('--summary example', () => {
  expect(output({ summary: true }).err).toContain(blockAfter('## `--summary`'));
});

test('--coverage example', () => {
  expect(output({ coverage: true }).err).toContain(blockAfter('## `--coverage`'));
});

test('--format json example', () => {
  expect(output({ format: 'json' }).out).toBe(blockAfter('## `--format json`'));
});

test('--format jsonl example', () => {
  expect(output({ format: 'jsonl' }).out).toBe(blockAfter('## `--format jsonl`'));
});

test('--suggest-scml example', () => {
  let text = '';
  output({ onSuggestions: (scml) => (text = scml) });
  expect(text).toBe(blockAfter('## `--suggest-scml FILE`'));
});
