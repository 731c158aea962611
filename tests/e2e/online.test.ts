/**
 * Online mode with the real strace: the program runs with its argument
 * vector intact, its exit status becomes ours, and failures to start are
 * explained. Needs strace installed (CI installs it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_RULES, SCTRACE, lines, scmlc, sctrace, useScratch } from './helpers';

const scratch = useScratch();

test('/bin/true: its calls are classified, exit 0', () => {
  const r = sctrace([EXAMPLE_RULES, '--', '/bin/true'], { env: scratch.env });
  expect(r.status).toBe(0);
  // execve is covered by the example rules: it goes to stdout unchanged, with strace's pid prefix.
  expect(r.out).toMatch(/^\d+ +execve\("\/bin\/true", \["\/bin\/true"\], 0x[0-9a-f]+ \/\* \d+ vars \*\/\) = 0$/m);
  expect(r.out).toMatch(/^\d+ +exit_group\(0\) += \?$/m);
  for (const line of lines(r.err)) expect(line).toMatch(/ \(unsupported\)$/);
});

test('an argument with spaces and ; arrives as one argument', () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--', '/bin/echo', 'a b; echo injected', '$HOME'], { env: scratch.env });
  expect(r.status).toBe(0);
  // echo's own output (the terminal's stdout in real use) shows the arguments untouched.
  expect(r.out).toBe('a b; echo injected $HOME\n');
});

test('the traced program inherits no extra file descriptor', () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--', '/bin/ls', '/proc/self/fd'], { env: scratch.env });
  expect(r.status).toBe(0);
  // The same fds as when run directly (whatever this test runner passes on): nothing of sctrace's or strace's.
  const direct = spawnSync('/bin/ls', ['/proc/self/fd']);
  expect(lines(r.out).sort()).toEqual(lines(direct.stdout.toString()).sort());
});

test("the program's exit status becomes sctrace's", () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--', '/bin/sh', '-c', 'exit 7'], { env: scratch.env });
  expect(r.status).toBe(7);
});

test('a program killed by a signal gives 128+N', () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--', '/bin/sh', '-c', 'kill -TERM $$'], { env: scratch.env });
  expect(r.status).toBe(128 + 15);
});

test('--fail-on-unsupported wins over the program status', () => {
  const r = sctrace([EXAMPLE_RULES, '--quiet', '--fail-on-unsupported', '--', '/bin/sh', '-c', 'exit 0'], { env: scratch.env });
  expect(r.err).toContain('Unsupported syscall: ');
  expect(r.status).toBe(3);
});

test('a program that does not exist', () => {
  const r = sctrace([EXAMPLE_RULES, '--', 'no-such-program-here', 'x'], { env: scratch.env });
  expect(r.status).toBe(1);
  expect(r.out).toBe('');
  expect(lines(r.err)).toEqual(['sctrace: program not found: no-such-program-here']);
});

test('strace missing: says how to install it', () => {
  const emptyBin = path.join(scratch.dir, 'empty-bin');
  mkdirSync(emptyBin);
  const r = sctrace([EXAMPLE_RULES, '--', '/bin/true'], { env: { ...scratch.env, PATH: emptyBin } });
  expect(r.status).toBe(1);
  const errLines = lines(r.err);
  expect(errLines).toHaveLength(1);
  expect(errLines[0]).toMatch(/^sctrace: strace was not found/);
  expect(errLines[0]).toContain('apt-get install strace');
  expect(errLines[0]).toContain('dnf install strace');
});

test('strace failing to start (as when ptrace is not permitted) is explained', () => {
  const fakeBin = path.join(scratch.dir, 'fake-bin');
  mkdirSync(fakeBin);
  const fake = path.join(fakeBin, 'strace');
  writeFileSync(fake, '#!/bin/sh\necho "strace: ptrace(PTRACE_TRACEME, ...): Operation not permitted" >&2\nexit 1\n');
  chmodSync(fake, 0o755);
  const r = sctrace([EXAMPLE_RULES, '--', '/bin/true'], { env: { ...scratch.env, PATH: `${fakeBin}:${process.env.PATH}` } });
  expect(r.status).toBe(1);
  const errLines = lines(r.err);
  expect(errLines[0]).toContain('Operation not permitted');
  expect(errLines[1]).toMatch(/^sctrace: strace failed \(exit status 1\) before the program started; .*ptrace/);
});

test('Ctrl-C (SIGINT to the process group) stops the program; sctrace reports and exits 130', async () => {
  const child = spawn(process.execPath, [SCTRACE, EXAMPLE_RULES, '--quiet', '--', '/bin/sleep', '30'], {
    detached: true, // its own process group, as a terminal's foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
    env: scratch.env,
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
  // Wait until sleep is in its sleep call (its execve has been seen), then press "Ctrl-C".
  await new Promise((resolve) => setTimeout(resolve, 1000));
  process.kill(-child.pid!, 'SIGINT');
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  expect(signal).toBeNull();
  expect(code).toBe(130);
  // The interrupted sleep was still read from strace's output and reported.
  expect(err).toMatch(/Unsupported syscall: \d+ +clock_nanosleep\(.*Interrupted by signal/);
});

test('verdicts appear while the program still runs', async () => {
  const started = Date.now();
  const child = spawn(process.execPath, [SCTRACE, EXAMPLE_RULES, '--', '/bin/sleep', '2'], { stdio: ['ignore', 'pipe', 'pipe'], env: scratch.env });
  const closed = new Promise<number>((resolve) => child.on('close', () => resolve(Date.now() - started)));
  const firstVerdict = await new Promise<number>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (out.includes('execve("/bin/sleep"')) resolve(Date.now() - started);
    });
  });
  const end = await closed;
  expect(end).toBeGreaterThanOrEqual(2000);
  expect(firstVerdict).toBeLessThan(end - 1000);
});

test('SIGTERM to sctrace is passed on to the program; sctrace reports and exits 143', async () => {
  const child = spawn(process.execPath, [SCTRACE, EXAMPLE_RULES, '--quiet', '--', '/bin/sleep', '30'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: scratch.env,
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  child.kill('SIGTERM');
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  expect(signal).toBeNull();
  expect(code).toBe(128 + 15);
  expect(err).toMatch(/Unsupported syscall: \d+ +clock_nanosleep\(/);
});

test('a precompiled module works online too', () => {
  const module = path.join(scratch.dir, 'example.js');
  expect(scmlc([EXAMPLE_RULES, '-o', module], { env: scratch.env }).status).toBe(0);
  const r = sctrace(['--matchers', module, '--', '/bin/sh', '-c', 'exit 5'], { env: scratch.env });
  expect(r.status).toBe(5);
  expect(r.out).toMatch(/^\d+ +execve\("\/bin\/sh", \["\/bin\/sh", "-c", "exit 5"\]/m);
});

test('--format json counts every line strace printed, the exit line too', () => {
  const r = sctrace([EXAMPLE_RULES, '--format', 'json', '--', '/bin/true'], { env: scratch.env });
  expect(r.status).toBe(0);
  const doc = JSON.parse(r.out) as { totals: { lines: number; calls: number } };
  // strace ends with `+++ exited with 0 +++`, a line that is no call: more lines than calls.
  expect(doc.totals.calls).toBeGreaterThan(10);
  expect(doc.totals.lines).toBeGreaterThan(doc.totals.calls);
});

test.each(['json', 'jsonl'])('--format %s: the program writes to stderr, so stdout holds the report alone', (format) => {
  const r = sctrace([EXAMPLE_RULES, '--format', format, '--', '/bin/sh', '-c', 'echo from-the-program; echo to-stderr >&2'], { env: scratch.env });
  expect(r.status).toBe(0);
  for (const line of format === 'json' ? [r.out] : lines(r.out)) expect(() => JSON.parse(line)).not.toThrow();
  // (The report quotes the program's write calls, so only a line of its own would show a leak.)
  expect(lines(r.out)).not.toContain('from-the-program');
  expect(lines(r.err)).toEqual(expect.arrayContaining(['from-the-program', 'to-stderr']));
});

test('text format: the program shares stdout with the supported calls, as the original sctrace does', () => {
  const r = sctrace([EXAMPLE_RULES, '--', '/bin/sh', '-c', 'echo from-the-program'], { env: scratch.env });
  expect(r.status).toBe(0);
  expect(lines(r.out)).toContain('from-the-program');
});
