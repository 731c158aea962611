/**
 * The reports say when the kernel view decided (docs/behaviour.md section 5), and
 * what x86_64 Linux says about syscalls without rules: --explain, --summary
 * and --coverage on a small log, by the built CLI, in both modes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASTERINAS, sctrace, tempDir, testEnv } from '../e2e/helpers';

const LOG = [
  '100 futex(0x7f00, FUTEX_WAKE_PRIVATE, 1) = 0',
  '100 futex(0x7f04, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY) = 0',
  '100 futex(0x7f08, FUTEX_WAIT, 0, NULL) = 0',
  '100 rseq(0x7fa4192e2060, 0x20, 0, 0x53053053) = 0',
  '100 socketcall(1, 0x7ffd1000) = 3',
  '',
].join('\n');
const FUTEX = 'rules/asterinas/inter-process-communication/futex.scml'.split('/').join(path.sep);

let tmp: ReturnType<typeof tempDir>;
let log: string;
beforeAll(() => {
  tmp = tempDir();
  log = path.join(tmp.dir, 'app.log');
  fs.writeFileSync(log, LOG);
});
afterAll(() => tmp.cleanup());

const run = (...extra: string[]) => sctrace([ASTERINAS, '--input', log, ...extra], { env: testEnv(tmp.dir) });

test('--explain says when the kernel view decided, on stderr with the line number; stdout keeps only the lines', () => {
  const r = run('--explain');
  expect(r.status).toBe(0);
  expect(r.out).toBe(LOG.split('\n').slice(0, 3).join('\n') + '\n');
  const notes = r.err.split('\n').filter((l) => l.includes('as the kernel received it'));
  expect(notes).toEqual([
    expect.stringMatching(/^ {4}line 1: futex: supported as the kernel received it: FUTEX_WAKE_PRIVATE is FUTEX_WAKE\|FUTEX_PRIVATE_FLAG \(rule .*futex\.scml:19; --as-printed: unsupported\)$/),
    expect.stringMatching(
      /^ {4}line 2: futex: supported as the kernel received it: FUTEX_WAIT_BITSET_PRIVATE\|FUTEX_CLOCK_REALTIME is FUTEX_WAIT_BITSET\|FUTEX_PRIVATE_FLAG\|FUTEX_CLOCK_REALTIME; strace left out 1 of the 6 kernel arguments: unused \(rule .*futex\.scml:12; --as-printed: unsupported\)$/,
    ),
  ]);
  expect(notes.every((n) => n.includes(FUTEX.split(path.sep).pop() as string))).toBe(true);
  // Without a rule: the x86_64 number, or that x86_64 Linux has no such syscall.
  expect(r.err).toContain('    rseq: no rule for this syscall (x86_64 syscall 334)\n');
  expect(r.err).toContain('    socketcall: no rule for this syscall, and x86_64 Linux has no system call of this name\n');
});

test('--summary counts the calls the kernel view decided; --as-printed reports them unsupported instead', () => {
  const r = run('--summary');
  expect(r.err).toContain('\n2 of the supported calls are supported as the kernel received them, not as strace printed them');
  const printed = run('--summary', '--as-printed', '--explain');
  expect(printed.err).not.toContain('as the kernel received them');
  expect(printed.err).not.toContain('as the kernel received it');
  expect(printed.err).toContain('100 futex(0x7f00, FUTEX_WAKE_PRIVATE, 1) = 0 (unsupported)\n');
});

test('--coverage: how many x86_64 syscalls the rules name, and the log\'s syscalls without a rule', () => {
  const r = run('--coverage');
  expect(r.err).toMatch(/\nThe rules name \d+ of the 384 x86_64 Linux syscalls\.\n/);
  expect(r.err).toContain('Syscalls in the log with no rule (2):\n        1  rseq (334)\n        1  socketcall (not an x86_64 syscall)\n');
});
