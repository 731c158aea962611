/** The gap reporter with in-memory sinks: explain lines, summary, coverage, JSON and JSONL against their schemas. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterpreter } from '../../runtime/interpret';
import type { IR } from '../../runtime/ir';
import { createTextReporter } from '../../runtime/output/text-reporter';
import type { CallRecord } from '../../runtime/record';
import { createGapReporter, type GapOptions } from '../../runtime/report/gap-reporter';
import type { TextSink } from '../../runtime/report/reporter';
import { validate } from './json-schema';
import { arr, asterinas, call, compile, flags, int, NULL, REPO, str, struct } from './helpers';

const MMAP = 'memory-management/mmap_and_munmap.scml';
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'runtime', 'report', 'schema', name), 'utf8'));

class MemorySink implements TextSink {
  text = '';
  readonly color = false;
  write(text: string): void {
    this.text += text;
  }
  flush(): void {}
  /** What a terminal would show: the latin1 chars are bytes, read as UTF-8. */
  utf8(): string {
    return Buffer.from(this.text, 'latin1').toString('utf8');
  }
}

function run(ir: IR, calls: CallRecord[], options: Partial<GapOptions>) {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const ctx = { ir, stdout, stderr };
  const full: GapOptions = { format: 'text', explain: false, summary: false, coverage: false, label: 'app', ...options };
  const reporter = createGapReporter(ctx, full, createTextReporter(ctx, { quiet: false }));
  const interpreter = createInterpreter(ir);
  for (const c of calls) reporter.call(c, interpreter.match(c));
  reporter.unreadable({ line: 6, text: '1000 read(3, \xe9', message: 'unterminated call' });
  reporter.finish();
  return { stdout, stderr };
}

const ir = asterinas(MMAP);
const deny = (line: number) =>
  call('mmap', [NULL, int('8192'), flags('PROT_READ'), flags('MAP_PRIVATE', 'MAP_DENYWRITE'), int('3', '/lib/libc.so.6'), int('0')],
    `1000 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</lib/caf\xe9.so>, 0) = 0x7f00`, line);
const calls = () => [
  call('mmap', [NULL, int('8192'), flags('PROT_READ'), flags('MAP_PRIVATE', 'MAP_ANONYMOUS'), int('-1'), int('0')], '1000 mmap(ok) = 0x1', 1),
  deny(2),
  call('munmap', [int('0x7f'), int('8192')], '1000 munmap(0x7f, 8192) = 0', 3),
  deny(4),
  call('openat2', [flags('AT_FDCWD'), str('/etc'), NULL, int('24')], '1000 openat2(AT_FDCWD, "/etc", NULL, 24) = -1 ENOSYS', 5),
  call('munmap', [int('0x7f'), int('8192')], '1000 munmap(0x7f, 8192) = 0', 7),
];

test('--explain writes one indented reason line under each unsupported line', () => {
  const { stdout, stderr } = run(ir, calls(), { explain: true });
  expect(stdout.text).toBe('1000 mmap(ok) = 0x1\n1000 munmap(0x7f, 8192) = 0\n1000 munmap(0x7f, 8192) = 0\n');
  const deniedLine = '1000 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</lib/caf\xe9.so>, 0) = 0x7f00 (unsupported)\n';
  const reasonLine = `    mmap: flags: MAP_DENYWRITE not allowed (rule ${MMAP}:18)\n`;
  expect(stderr.text).toBe(
    deniedLine + reasonLine + deniedLine + reasonLine +
      '1000 openat2(AT_FDCWD, "/etc", NULL, 24) = -1 ENOSYS (unsupported)\n    openat2: no rule for this syscall (x86_64 syscall 437)\n' +
      'Strace Parse Error: 1000 read(3, \xe9\n',
  );
});

test('--summary: gaps by syscall and reason, sorted by count, then totals', () => {
  const { stderr } = run(ir, calls(), { summary: true });
  const summary = stderr.text.slice(stderr.text.indexOf('\nUnsupported calls by syscall:'));
  expect(summary).toBe(
    [
      '',
      'Unsupported calls by syscall:',
      '  SYSCALL    CALLS   SHARE',
      '  mmap           2   66.7%',
      `            2  flag-not-allowed flags: MAP_DENYWRITE (2); first line 2; rule ${MMAP}:18`,
      '  openat2        1   33.3%',
      '            1  no-rule; first line 5; add a rule',
      'Totals: 7 lines, 6 calls, 3 supported, 3 unsupported, 1 unreadable line, 50.0% supported',
      'Verdict: blocked by 2 gaps: mmap flags: MAP_DENYWRITE; openat2: no rule',
      '',
    ].join('\n'),
  );
});

test('--coverage lists calls per rule and the rules no call matched', () => {
  const { stderr } = run(ir, calls(), { coverage: true });
  expect(stderr.text).toContain(`Rule coverage (calls matched first by each rule; 2 of 3 rules used):\n        2  ${MMAP}:34  munmap\n        1  ${MMAP}:18  mmap\nRules no call matched (1):\n  ${MMAP}:26  mmap\n`);
});

test('--format json: one document, valid against the schema, counts that add up, UTF-8 text', () => {
  const { stdout, stderr } = run(ir, calls(), { format: 'json' });
  expect(stderr.text).toBe('');
  const doc = JSON.parse(stdout.utf8());
  expect(validate(schema('report.schema.json'), doc)).toEqual([]);
  expect(doc.totals).toEqual({ lines: 7, calls: 6, supported: 3, unsupported: 3, unreadable: 1, percentSupported: 50 });
  expect(doc.gaps.map((g: { syscall: string }) => g.syscall)).toEqual(['mmap', 'openat2']);
  const gapSum = doc.gaps.reduce((n: number, g: { count: number }) => n + g.count, 0);
  expect(gapSum).toBe(doc.totals.unsupported);
  const coverageSum = doc.coverage.rules.reduce((n: number, r: { count: number }) => n + r.count, 0);
  expect(coverageSum).toBe(doc.totals.supported);
  expect(doc.coverage.unmatched).toBe(1);
  const reason = doc.gaps[0].reasons[0];
  expect(reason).toMatchObject({ kind: 'flag-not-allowed', path: 'flags', values: ['MAP_DENYWRITE'], count: 2, rule: { file: MMAP, line: 18 } });
  // The latin1 byte 0xE9 of the log is the character é in the JSON.
  expect(reason.examples[0]).toEqual({ line: 2, text: '1000 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</lib/café.so>, 0) = 0x7f00' });
  expect(doc.unreadable).toEqual([{ line: 6, text: '1000 read(3, é', message: 'unterminated call' }]);
});

test('--format jsonl: one valid object per call, in order, totals last', () => {
  const { stdout } = run(ir, calls(), { format: 'jsonl' });
  const lines = stdout.utf8().trimEnd().split('\n').map((l) => JSON.parse(l));
  const callSchema = schema('call.schema.json');
  for (const object of lines) expect(validate(callSchema, object)).toEqual([]);
  expect(lines.map((o) => o.type)).toEqual(['call', 'call', 'call', 'call', 'call', 'call', 'unreadable', 'totals']);
  expect(lines[1]).toMatchObject({ line: 2, syscall: 'mmap', supported: false, rule: { file: MMAP, line: 18 }, reason: { kind: 'flag-not-allowed', values: ['MAP_DENYWRITE'] } });
  expect(lines[2]).toMatchObject({ supported: true, rule: { file: MMAP, line: 34 }, reason: null });
  expect(lines[7]).toMatchObject({ type: 'totals', calls: 6, unsupported: 3 });
});

test('--suggest-scml hands over the suggested SCML and the calls it covers', () => {
  let text = '';
  let count = -1;
  run(ir, calls(), { onSuggestions: (scml, n) => ((text = scml), (count = n)) });
  expect(text).toContain('\nopenat2(arg0, arg1, arg2, arg3);\n');
  expect(text).toContain('MAP_DENYWRITE');
  expect(count).toBe(3);
});

test('the schema validator rejects what the schema forbids', () => {
  const report = schema('report.schema.json');
  const good = JSON.parse(run(ir, calls(), { format: 'json' }).stdout.utf8());
  expect(validate(report, { ...good, extra: 1 })).toEqual(['$: unexpected property extra']);
  expect(validate(report, { ...good, totals: { ...good.totals, calls: -1 } })).toEqual(['$.totals.calls: -1 < 0']);
  const badKind = structuredClone(good);
  badKind.gaps[0].reasons[0].kind = 'bogus';
  expect(validate(report, badKind)).toEqual(['$.gaps[0].reasons[0].kind: "bogus" not in enum']);
});

test('without a line count from the caller, lines are counted over logs whose numbering restarts', () => {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const ctx = { ir, stdout, stderr };
  const silent = { call() {}, unreadable() {}, notice() {}, finish() {} };
  const reporter = createGapReporter(ctx, { format: 'json', explain: false, summary: false, coverage: false, label: 'app', lineCount: () => null }, silent);
  const munmap = (line: number) => call('munmap', [int('0x7f'), int('8192')], 'munmap(0x7f, 8192) = 0', line);
  // First log: 5 lines; second log: 3 lines.
  for (const line of [1, 2, 5, 1, 3]) reporter.call(munmap(line), 2);
  reporter.finish();
  expect(JSON.parse(stdout.text).totals).toMatchObject({ lines: 8, calls: 5, supported: 5 });
});

test('a run without unsupported calls suggests an empty file that still compiles', () => {
  let text = '';
  run(ir, [], { onSuggestions: (scml) => (text = scml) });
  expect(text).toBe('// SCML suggested by sctrace: 0 rules for 0 unsupported calls.\n// Add this file to the rules; review each rule before keeping it.\n\n');
  expect(compile([['none.scml', text]]).rules).toEqual([]);
});

test('reasons at different array indices are one gap in the summary and JSON', () => {
  const pollIr = asterinas('file-descriptor-and-io-control/poll_and_ppoll.scml');
  const fd = (events: string) => struct([['fd', int('3')], ['events', int(events)]]);
  const polls = [
    call('poll', [arr(fd('0x100000')), int('1'), int('0')], 'poll([{fd=3, events=0x100000}], 1, 0) = 0', 1),
    call('poll', [arr(struct([['fd', int('3')], ['events', flags('POLLIN')]]), fd('0x400000')), int('2'), int('0')], 'poll(...) = 0', 2),
  ];
  const doc = JSON.parse(run(pollIr, polls, { format: 'json' }).stdout.text);
  expect(doc.gaps).toHaveLength(1);
  expect(doc.gaps[0].reasons).toEqual([
    expect.objectContaining({ kind: 'integer-not-allowed', path: 'fds[].events', values: ['0x100000', '0x400000'], count: 2 }),
  ]);
});
