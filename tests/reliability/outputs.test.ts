/**
 * Output files and full disks (issue: `combine -o /dev/null` as root made
 * /dev/null a regular file; a symlink, a 0600 mode and hard links were lost;
 * ENOSPC on stdout gave a stack trace).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, linkSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_LOG, EXAMPLE_RULES, SCMLC, SCTRACE, scmlc, sctrace, useScratch } from '../e2e/helpers';

const scratch = useScratch();
const HAS_DEV_FULL = existsSync('/dev/full');

/** A folder with one JSON report in it. */
function reports(): string {
  const dir = path.join(scratch.dir, 'reports');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    const r = sctrace(['-m', 'asterinas', '--format', 'json', '--input', EXAMPLE_LOG], { env: scratch.env });
    writeFileSync(path.join(dir, 'ls.json'), r.stdout);
  }
  return dir;
}

/** Run a command with its stdout on /dev/full. */
function runToFull(args: string[], command: 'sctrace' | 'scmlc' = 'sctrace'): { status: number | null; err: string } {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [command === 'sctrace' ? SCTRACE : SCMLC, ...args], { env: scratch.env, stdio: ['ignore', full, 'pipe'] });
    return { status: r.status, err: r.stderr.toString('latin1') };
  } finally {
    closeSync(full);
  }
}

/** One line on stderr, no stack trace. */
function oneClearLine(err: string, text: string): void {
  expect(err).toContain(text);
  expect(err).not.toMatch(/\n\s+at /);
  expect(err).not.toContain('internal error');
}

describe('output files', () => {
  test('a character device as -o is written into, never replaced', () => {
    const r = sctrace(['combine', reports(), '-o', '/dev/null'], { env: scratch.env });
    expect(r.status).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test.each([
    ['combine -o', (out: string) => sctrace(['combine', reports(), '-o', out], { env: scratch.env })],
    ['scmlc -o', (out: string) => scmlc([EXAMPLE_RULES, '-o', out], { env: scratch.env })],
    ['--html', (out: string) => sctrace(['-m', 'asterinas', '--html', out, '--input', EXAMPLE_LOG], { env: scratch.env })],
    ['--suggest-scml', (out: string) => sctrace(['-m', 'asterinas', '--suggest-scml', out, '--input', EXAMPLE_LOG], { env: scratch.env })],
  ])('%s: a symlink is neither followed nor replaced (exit 1, before any output)', (what, runIt) => {
    const target = path.join(scratch.dir, `target-${what.replace(/\W/g, '')}.js`);
    const link = path.join(scratch.dir, `link-${what.replace(/\W/g, '')}.js`);
    symlinkSync(target, link);
    const r = runIt(link);
    expect(r.status).toBe(1);
    oneClearLine(r.err, 'is a symbolic link; it is neither followed nor replaced');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(target)).toBe(false);
    expect(r.out).toBe('');
  });

  test('an existing file keeps its mode and its hard links', () => {
    const out = path.join(scratch.dir, 'plan.txt');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect(sctrace(['combine', reports(), '-o', out], { env: scratch.env }).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const other = path.join(scratch.dir, 'plan-link.txt');
    linkSync(out, other);
    expect(sctrace(['combine', reports(), '--format', 'md', '-o', out], { env: scratch.env }).status).toBe(0);
    const text = readFileSync(other, 'utf8');
    expect(text).toContain('|');
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(statSync(out).nlink).toBe(2);
  });
});

(HAS_DEV_FULL ? describe : describe.skip)('a full disk (/dev/full): one clear line, exit 1', () => {
  const log = ['--input', EXAMPLE_LOG];
  test.each([
    ['text', ['-m', 'asterinas', ...log], 'standard output'],
    ['json', ['-m', 'asterinas', '--format', 'json', ...log], 'standard output'],
    ['--help', ['--help'], 'standard output'],
    ['combine', ['combine', '@reports'], 'standard output'],
    ['combine --help', ['combine', '--help'], 'standard output'],
  ])('sctrace %s > /dev/full', (_what, args, stream) => {
    const argv = args.map((a) => (a === '@reports' ? reports() : a));
    const full = runToFull(argv);
    expect(full.status).toBe(1);
    oneClearLine(full.err, `sctrace: cannot write ${stream}: no space left on device`);
  });

  test.each([
    ['--html', 'the HTML page'],
    ['--suggest-scml', 'suggested SCML'],
  ])('sctrace %s /dev/full', (option, what) => {
    const r = sctrace(['-m', 'asterinas', option, '/dev/full', '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    oneClearLine(r.err, `sctrace: cannot write ${what} to /dev/full: no space left on device`);
  });

  test('online (needs strace): the program runs to its end, then one line and exit 1', () => {
    const r = runToFull(['-m', 'asterinas', '--', 'sh', '-c', 'sleep 0.3; echo program-ended >&2']);
    expect(r.status).toBe(1);
    expect(r.err).toContain('program-ended\n');
    expect(r.err.indexOf('program-ended')).toBeLessThan(r.err.indexOf('sctrace: cannot write standard output'));
    oneClearLine(r.err, 'sctrace: cannot write standard output: no space left on device');
  });

  test('combine -o /dev/full, scmlc --help > /dev/full', () => {
    const c = sctrace(['combine', reports(), '-o', '/dev/full'], { env: scratch.env });
    expect(c.status).toBe(1);
    oneClearLine(c.err, 'sctrace: cannot write the combined report to /dev/full: no space left on device');
    const s = runToFull(['--help'], 'scmlc');
    expect(s.status).toBe(1);
    oneClearLine(s.err, 'scmlc: error: cannot write standard output: no space left on device');
  });
});
