/**
 * Every report names the log's architecture and ABI (runtime/report/log-arch.ts),
 * from a real i386 log traced here (tests/fixtures/logs32), the repository's
 * x86_64 logs, and hand-written arm lines; the 32-bit calls judged as their
 * x86_64 counterparts and those with none are listed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogArchTally, logArchText, type LogArchitecture } from '../../runtime/report/log-arch';
import { StraceReader } from '../../runtime/reader/index';
import { FIXTURE_LOGS, REPO_ROOT } from '../fixtures/paths';

const SCTRACE = path.join(REPO_ROOT, 'dist', 'cli', 'sctrace.js');
const I386_LOG = path.join(REPO_ROOT, 'tests', 'fixtures', 'logs32', 'prog32_i386.log');

function archOf(text: string, asPrinted = false): LogArchitecture {
  const tally = new LogArchTally(asPrinted);
  const reader = new StraceReader({ call: (c) => tally.call(c.name), unreadable() {}, notice: (m) => tally.notice(m) });
  reader.push(Buffer.from(text, 'latin1'));
  reader.end();
  return tally.result();
}

function sctrace(args: string[]): { out: string; err: string; status: number | null } {
  const r = spawnSync(process.execPath, [SCTRACE, '--matchers', 'asterinas', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  return { out: r.stdout.toString('latin1'), err: r.stderr.toString('latin1'), status: r.status };
}

test('a real i386 log (strace said the process runs in 32 bit mode): its 32-bit calls judged as x86_64 ones', () => {
  const arch = archOf(fs.readFileSync(I386_LOG, 'latin1'));
  expect([arch.architecture, arch.abi, arch.rules]).toEqual(['i386', '32-bit (processes traced on x86_64)', 'x86_64']);
  expect(arch.mapped).toEqual([
    { from: 'mmap2', to: 'mmap', calls: 8 },
    { from: 'ugetrlimit', to: 'getrlimit', calls: 1 },
    { from: '_llseek', to: 'lseek', calls: 1 },
    { from: 'fcntl64', to: 'fcntl', calls: 1 },
    { from: 'getegid32', to: 'getegid', calls: 1 },
    { from: 'geteuid32', to: 'geteuid', calls: 1 },
    { from: 'getgid32', to: 'getgid', calls: 1 },
    { from: 'getuid32', to: 'getuid', calls: 1 },
  ]);
  expect(arch.noCounterpart).toEqual([]);
  // --as-printed keeps the names as printed: nothing is mapped.
  expect(archOf(fs.readFileSync(I386_LOG, 'latin1'), true).mapped).toEqual([]);
});

test('32-bit names alone: i386, arm, or either; 64-bit: x86_64 when a name only x86_64 has says so', () => {
  expect(archOf('1 set_thread_area({entry_number=-1}) = 0\n1 mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) = 0xf7f00000\n').architecture).toBe('i386');
  expect(archOf('1 set_tls(0xb6fff4c0) = 0\n1 fstat64(3, {st_mode=S_IFREG|0644, st_size=1}) = 0\n').architecture).toBe('arm');
  expect(archOf('1 fstat64(3, {st_mode=S_IFREG|0644, st_size=1}) = 0\n')).toMatchObject({ architecture: 'i386 / arm', abi: '32-bit' });
  expect(archOf(fs.readFileSync(path.join(FIXTURE_LOGS, 'ls.log'), 'latin1'))).toMatchObject({ architecture: 'x86_64', abi: '64-bit', mapped: [] });
  expect(archOf('1 openat(AT_FDCWD, "/x", O_RDONLY) = 3\n').architecture).toBe('x86_64 or arm64');
  expect(archOf('').architecture).toBe('unknown');
});

test('32-bit calls with no x86_64 counterpart are listed as such', () => {
  const arch = archOf('1 socketcall(1, [2, 1, 0]) = 3\n1 oldstat("/", 0xbf) = 0\n1 socketcall(1, [2, 1, 0]) = 3\n');
  expect(arch.noCounterpart).toEqual([{ syscall: 'socketcall', calls: 2 }, { syscall: 'oldstat', calls: 1 }]);
  expect(logArchText(arch)).toBe(
    'Log: i386 / arm, 32-bit ABI; the rules describe x86_64\n  3 calls with no x86_64 counterpart: socketcall (2), oldstat (1)\n',
  );
});

test('sctrace names the architecture in --summary, --coverage, JSON and JSONL', () => {
  const summary = sctrace(['--input', I386_LOG, '--summary', '--quiet']);
  expect(summary.err).toContain('Log: i386, 32-bit (processes traced on x86_64) ABI; the rules describe x86_64\n  15 calls judged as their x86_64 counterparts: mmap2 as mmap (8),');
  expect(summary.err).toContain('sctrace: note: process ');
  expect(sctrace(['--input', I386_LOG, '--coverage', '--quiet']).err).toContain('Log: i386, ');
  const doc = JSON.parse(sctrace(['--input', I386_LOG, '--format', 'json']).out);
  expect(doc.log).toMatchObject({ architecture: 'i386', rules: 'x86_64' });
  expect(doc.log.mapped[0]).toEqual({ from: 'mmap2', to: 'mmap', calls: 8 });
  const lines = sctrace(['--input', I386_LOG, '--format', 'jsonl']).out.trimEnd().split('\n');
  expect(JSON.parse(lines[lines.length - 1]).log).toEqual(doc.log);
  // Judged as their x86_64 counterparts, 4 calls are unsupported for a flag; as printed all 15 have no rule (+ 3 others).
  expect(doc.totals.unsupported).toBe(7);
  expect(JSON.parse(sctrace(['--input', I386_LOG, '--format', 'json', '--as-printed']).out).totals.unsupported).toBe(18);
});
