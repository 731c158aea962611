/**
 * The text output of docs/behaviour.md section 4, byte for byte: which stream
 * each verdict goes to, the `(unsupported)` tag and its colour, `--quiet`,
 * parse errors, stdin, and bytes that are not UTF-8.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_RULES, SCTRACE, sctrace, tempDir, testEnv } from './helpers';

const SUPPORTED_1 = Buffer.concat([
  Buffer.from('4242  read(3</tmp/caf'),
  Buffer.from([0xe9, 0xff]), // raw latin1 bytes in the path: must come back unchanged
  Buffer.from('>, "abc", 3) = 3'),
]);
const UNSUPPORTED = Buffer.from('4242  ioctl(1</dev/pts/0>, TCGETS, {c_iflag=ICRNL}) = 0');
const GARBAGE = Buffer.from('this is not a call');
const SUPPORTED_2 = Buffer.from('4242  close(3</tmp/x>) = 0');
const LOG = Buffer.concat([SUPPORTED_1, UNSUPPORTED, GARBAGE, SUPPORTED_2, Buffer.alloc(0)].flatMap((b) => [b, Buffer.from('\n')]));

const nl = Buffer.from('\n');
const cat = (...parts: (Buffer | string)[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

let tmp: ReturnType<typeof tempDir>;
let logFile: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  tmp = tempDir();
  logFile = path.join(tmp.dir, 'app.log');
  writeFileSync(logFile, LOG);
  env = testEnv(path.join(tmp.dir, 'cache'));
});
afterAll(() => tmp.cleanup());

test('default: supported to stdout unchanged, unsupported and parse errors to stderr', () => {
  const r = sctrace([EXAMPLE_RULES, '--input', logFile], { env });
  expect(r.status).toBe(0);
  expect(r.stdout).toEqual(cat(SUPPORTED_1, nl, SUPPORTED_2, nl));
  expect(r.stderr).toEqual(cat(UNSUPPORTED, ' (unsupported)\n', 'Strace Parse Error: ', GARBAGE, nl));
});

test('--quiet: only unsupported calls and parse errors', () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--input', logFile], { env });
  expect(r.status).toBe(0);
  expect(r.stdout.length).toBe(0);
  expect(r.stderr).toEqual(cat('Unsupported syscall: ', UNSUPPORTED, nl, 'Strace Parse Error: ', GARBAGE, nl));
});

test('FORCE_COLOR paints the tag red; NO_COLOR wins over it', () => {
  const red = sctrace([EXAMPLE_RULES, '--input', logFile], { env: testEnv(env.XDG_CACHE_HOME!, { FORCE_COLOR: '1' }) });
  expect(red.stderr).toEqual(cat(UNSUPPORTED, ' \x1b[31m(unsupported)\x1b[0m\n', 'Strace Parse Error: ', GARBAGE, nl));
  const plain = sctrace([EXAMPLE_RULES, '--input', logFile], {
    env: testEnv(env.XDG_CACHE_HOME!, { FORCE_COLOR: '1', NO_COLOR: '1' }),
  });
  expect(plain.stderr.includes('\x1b[')).toBe(false);
  const off = sctrace([EXAMPLE_RULES, '--input', logFile], { env: testEnv(env.XDG_CACHE_HOME!, { FORCE_COLOR: '0' }) });
  expect(off.stderr.includes('\x1b[')).toBe(false);
});

test('--input - reads stdin', () => {
  const r = sctrace([EXAMPLE_RULES, '--input', '-'], { env, input: LOG });
  expect(r.status).toBe(0);
  expect(r.stdout).toEqual(cat(SUPPORTED_1, nl, SUPPORTED_2, nl));
});

test('several inputs are checked in order', () => {
  const r = sctrace([EXAMPLE_RULES, '--input', logFile, '--input', logFile], { env });
  expect(r.stdout).toEqual(cat(SUPPORTED_1, nl, SUPPORTED_2, nl, SUPPORTED_1, nl, SUPPORTED_2, nl));
});

test('stdout and stderr into one file keep the log order', () => {
  const out = path.join(tmp.dir, 'both.txt');
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync(process.execPath, [SCTRACE, EXAMPLE_RULES, '--input', logFile], { env, stdio: ['ignore', fd, fd] });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  expect(readFileSync(out)).toEqual(
    cat(SUPPORTED_1, nl, UNSUPPORTED, ' (unsupported)\n', 'Strace Parse Error: ', GARBAGE, nl, SUPPORTED_2, nl),
  );
});

test('--fail-on-unsupported exits 3 when a call is unsupported, 0 when none is', () => {
  expect(sctrace([EXAMPLE_RULES, '--quiet', '--fail-on-unsupported', '--input', logFile], { env }).status).toBe(3);
  const clean = path.join(tmp.dir, 'clean.log');
  writeFileSync(clean, cat(SUPPORTED_2, nl));
  expect(sctrace([EXAMPLE_RULES, '--quiet', '--fail-on-unsupported', '--input', clean], { env }).status).toBe(0);
});

test('the example from the README runs', () => {
  const r = sctrace([EXAMPLE_RULES, '--input', path.join(EXAMPLE_RULES, '..', 'logs', 'ls.log')], { env });
  expect(r.status).toBe(0);
  expect(r.out).toContain('execve("/usr/bin/ls"');
  expect(r.err).toContain('ioctl(');
  expect(r.err).toContain(' (unsupported)');
});
