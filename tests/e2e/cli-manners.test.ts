/**
 * The command line meets people's habits: "did you mean" for a misspelt
 * option, usage on a bare `sctrace`, `combine`'s mistakes pointing to its own
 * help, and output files checked before any work is done.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_LOG, EXAMPLE_RULES, sctrace, useScratch } from './helpers';

const scratch = useScratch();

test('a misspelt option gets a "did you mean", in sctrace and in combine', () => {
  const r = sctrace(['--matchers', 'asterinas', '--imput', EXAMPLE_LOG], { env: scratch.env });
  expect(r.status).toBe(2);
  expect(r.err).toBe("sctrace: unknown or unexpected option: --imput; did you mean '--input'?\nTry 'sctrace --help' for more information.\n");
  const c = sctrace(['combine', 'x.json', '--fromat', 'md'], { env: scratch.env });
  expect(c.status).toBe(2);
  expect(c.err).toBe("sctrace: unknown or unexpected option: --fromat; did you mean '--format'?\nTry 'sctrace combine --help' for more information.\n");
  const far = sctrace(['--matchers', 'asterinas', '--zzzzzz'], { env: scratch.env });
  expect(far.err).not.toContain('did you mean');
});

test('bare sctrace prints the usage (status 2), not an error', () => {
  const r = sctrace([], { env: scratch.env });
  expect(r.status).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^sctrace \S+ - which system calls/);
  expect(r.err).toContain('\nUsage:\n  sctrace <scml>... [options] --input <log>');
  expect(r.err).not.toContain('Options:');
  expect(r.err).toMatch(/Run 'sctrace --help' for the options, or 'man sctrace'\.\n$/);
});

test("combine's usage errors point to sctrace combine --help", () => {
  const r = sctrace(['combine'], { env: scratch.env });
  expect(r.status).toBe(2);
  expect(r.err).toBe("sctrace: combine: no reports given (JSON files, folders or globs)\nTry 'sctrace combine --help' for more information.\n");
  const f = sctrace(['combine', 'x.json', '--format', 'xml'], { env: scratch.env });
  expect(f.err).toContain("Try 'sctrace combine --help'");
});

test('--html and --suggest-scml to a missing folder fail before the rules are even compiled', () => {
  // SCML with an error: had the rules been compiled first, that error would be the message.
  const broken = path.join(scratch.dir, 'broken');
  mkdirSync(broken);
  writeFileSync(path.join(broken, 'bad.scml'), 'openat(;\n');
  const page = path.join(scratch.dir, 'no', 'such', 'dir', 'x.html');
  const r = sctrace([broken, '--no-cache', '--input', EXAMPLE_LOG, '--html', page], { env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toBe(`sctrace: cannot write the HTML page to ${page}: no such file or directory\n`);
  const folder = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG, '--suggest-scml', scratch.dir], { env: scratch.env });
  expect(folder.status).toBe(1);
  expect(folder.err).toBe(`sctrace: cannot write suggested SCML to ${scratch.dir}: is a directory\n`);
});

test('combine -o to a missing folder fails before any report is read, and creates nothing', () => {
  const out = path.join(scratch.dir, 'missing', 'plan.md');
  const r = sctrace(['combine', path.join(scratch.dir, 'no-such-report.json'), '-o', out], { env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.err).toBe(`sctrace: cannot write the combined report to ${out}: no such file or directory\n`);
  expect(readdirSync(scratch.dir)).not.toContain('missing');
});
