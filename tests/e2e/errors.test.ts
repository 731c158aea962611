/**
 * Bad input and wrong usage through the built CLI: each case ends with its
 * documented exit status and one clear message on stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../../cli/sctrace';
import { EXAMPLE_LOG, EXAMPLE_RULES, LOGS, lines, readdirOrEmpty, sctrace, useScratch } from './helpers';

/** The same "random" bytes on every run (xorshift32), so a failure can be replayed. */
function randomBytes(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const scratch = useScratch();

/** Exactly one line on stderr, starting with `sctrace: ` and holding all of `parts`. */
function expectOneMessage(err: string, ...parts: string[]): void {
  const errLines = lines(err);
  expect(errLines).toHaveLength(1);
  expect(errLines[0]).toMatch(/^sctrace: /);
  for (const p of parts) expect(errLines[0]).toContain(p);
}

describe('usage errors exit 2', () => {
  test.each([
    ['both --input and a program', [EXAMPLE_RULES, '--input', EXAMPLE_LOG, '--', '/bin/true'], 'not both'],
    ['neither --input nor a program', [EXAMPLE_RULES], 'nothing to check'],
    ['no rules', ['--input', EXAMPLE_LOG], 'no rules'],
    ['rules and --matchers', [EXAMPLE_RULES, '--matchers', 'm.js', '--input', EXAMPLE_LOG], 'not both'],
    ['unknown option', [EXAMPLE_RULES, '--frobnicate', '--input', EXAMPLE_LOG], '--frobnicate'],
    ['nothing after --', [EXAMPLE_RULES, '--'], 'no program'],
  ])('%s', (_name, args, text) => {
    const r = sctrace(args, { env: scratch.env });
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    const errLines = lines(r.err);
    expect(errLines).toHaveLength(2);
    expect(errLines[0]).toMatch(/^sctrace: /);
    expect(errLines[0]).toContain(text);
    expect(errLines[1]).toContain('--help');
  });
});

describe('failures exit 1', () => {
  test('missing SCML file', () => {
    const r = sctrace([path.join(scratch.dir, 'nope.scml'), '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'nope.scml');
  });

  test('folder without .scml files', () => {
    const empty = path.join(scratch.dir, 'no-rules');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'readme.txt'), 'not rules');
    const r = sctrace([empty, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'no-rules', '.scml');
  });

  test('SCML syntax error is reported as path:line:col', () => {
    const bad = path.join(scratch.dir, 'bad.scml');
    writeFileSync(bad, 'read(fd, buf, count);\nopenat(dirfd, path, flags = O_RDONLY |);\n');
    const r = sctrace([bad, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^${escape(bad)}:2:\\d+: error: `, 'm'));
    expect(lines(r.err).pop()).toMatch(/^sctrace: SCML has 1 error; nothing was checked$/);
    // Nothing broken went into the cache.
    expect(readdirOrEmpty(path.join(scratch.dir, 'cache', 'sctrace'))).toEqual([]);
  });

  test('missing log', () => {
    const r = sctrace([EXAMPLE_RULES, '--input', path.join(scratch.dir, 'missing.log')], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'cannot read log', 'missing.log', 'no such file');
  });

  test('a missing second log fails before any output', () => {
    const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG, '--input', path.join(scratch.dir, 'missing.log')], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'missing.log');
  });

  test('a real log with binary garbage inside is read to its end; every other line keeps its verdict', () => {
    const log = readFileSync(path.join(LOGS, 'python3_subprocess.log'));
    // 2 KB of random bytes (a NUL among them) between two lines in the middle of the log.
    const at = log.indexOf(10, log.length >> 1) + 1;
    const junk = Buffer.concat([randomBytes(1024, 1), Buffer.from([0]), randomBytes(1023, 2)]);
    const damaged = path.join(scratch.dir, 'damaged.log');
    writeFileSync(damaged, Buffer.concat([log.subarray(0, at), junk, Buffer.from('\n'), log.subarray(at)]));
    const run = (file: string) => sctrace(['--matchers', 'asterinas', '--format', 'jsonl', '--input', file], { env: scratch.env });
    const want = run(path.join(LOGS, 'python3_subprocess.log'));
    const got = run(damaged);
    expect(got.status).toBe(0);
    const parse = (out: string) => lines(out).map((l) => JSON.parse(l) as { type: string; text?: string; supported?: boolean; rule?: unknown });
    const calls = (out: string) => parse(out).filter((o) => o.type === 'call').map((o) => [o.text, o.supported, o.rule]);
    expect(calls(got.out)).toEqual(calls(want.out));
    const junkLines = junk.toString('latin1').split('\n').length;
    const unreadable = parse(got.out).filter((o) => o.type === 'unreadable');
    expect(unreadable.length).toBeGreaterThan(0);
    expect(unreadable.length).toBeLessThanOrEqual(junkLines);
  });

  test('a log of random bytes', () => {
    const log = path.join(scratch.dir, 'random.log');
    writeFileSync(log, Buffer.concat([randomBytes(4096), Buffer.from([0])]));
    const r = sctrace([EXAMPLE_RULES, '--input', log], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'random.log', 'not an strace log');
  });

  test('--matchers file that is not a module', () => {
    const file = path.join(scratch.dir, 'not-a-module.js');
    writeFileSync(file, 'this is } not JavaScript');
    const r = sctrace(['--matchers', file, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expectOneMessage(r.err, 'not-a-module.js', 'not a loadable JavaScript module');
  });

  test('--matchers module that is not a matcher module', () => {
    const file = path.join(scratch.dir, 'other.js');
    writeFileSync(file, 'module.exports = { hello: 1 };');
    const r = sctrace(['--matchers', file, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expectOneMessage(r.err, 'other.js', 'not an sctrace matcher module');
  });

  test('--matchers module built for another ABI', () => {
    const file = path.join(scratch.dir, 'old-abi.js');
    writeFileSync(file, 'module.exports = { abi: 999, compiler: "scmlc 9.9.9", match() { return -1; }, hasRules() { return false; } };');
    const r = sctrace(['--matchers', file, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expectOneMessage(r.err, 'old-abi.js', 'ABI 999', 'scmlc 9.9.9');
  });

  test('--matchers file that does not exist', () => {
    const r = sctrace(['--matchers', path.join(scratch.dir, 'absent.js'), '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expectOneMessage(r.err, 'absent.js', 'no such file');
  });
});

describe('inputs that are fine', () => {
  test('an empty log: exit 0 with a note', () => {
    const log = path.join(scratch.dir, 'empty.log');
    writeFileSync(log, '');
    const r = sctrace([EXAMPLE_RULES, '--input', log], { env: scratch.env });
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
    expect(lines(r.err)).toEqual([`sctrace: note: ${log} is empty: no system calls to check`]);
  });

  test('--help teaches all three modes and the exit codes', () => {
    const r = sctrace(['--help'], { env: scratch.env });
    expect(r.status).toBe(0);
    expect(r.out).toContain('--input <log>');
    expect(r.out).toContain('-- <prog>');
    expect(r.out).toContain('--matchers');
    expect(r.out).toMatch(/Exit status:[\s\S]*\b0\b[\s\S]*\b1\b[\s\S]*\b2\b[\s\S]*\b3\b/);
  });

  test('every exit status the CLI can return is documented in --help and the README', () => {
    const help = sctrace(['--help'], { env: scratch.env }).out;
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const status of Object.values(EXIT)) {
      expect(help).toMatch(new RegExp(`^  ${status} `, 'm'));
      expect(readme).toMatch(new RegExp(`^\\| ${status} \\|`, 'm'));
    }
  });

  test('--version', () => {
    const r = sctrace(['--version'], { env: scratch.env });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^sctrace \d+\.\d+\.\d+\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
