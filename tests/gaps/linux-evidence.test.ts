/**
 * Evidence already in the log: a gap all of whose calls failed on the traced
 * Linux too, with an errno meaning "not supported", after which the thread
 * went on making calls, is marked failedOnLinux and (ENOSYS only, for a
 * syscall with no rule) counts as tolerated in the verdict.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonDocument } from '../../runtime/report/json-document';
import { validate } from './json-schema';
import { REPO, sctrace, useScratch } from '../e2e/helpers';

const scratch = useScratch();

const LOG = [
  // A flag value the rules refuse; the thread goes on: tolerated (failed on Linux too: EINVAL).
  '100 arch_prctl(0x3001 /* ARCH_??? */, 0x7ffd52b0f3a0) = -1 EINVAL (Invalid argument)',
  '100 brk(NULL) = 0x5618b3553000',
  // No rule, EINVAL: kept as evidence, but an OS without it says ENOSYS: still needed.
  '100 pkey_alloc(0, PKEY_DISABLE_ACCESS) = -1 EINVAL (Invalid argument)',
  '100 brk(NULL) = 0x5618b3553000',
  // No rule, ENOSYS, and on: tolerated.
  '100 landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) = -1 ENOSYS (Function not implemented)',
  '100 brk(NULL) = 0x5618b3553000',
  // Failed with a different kind of errno: no evidence.
  '100 fanotify_init(FAN_CLASS_NOTIF, O_RDONLY) = -1 EPERM (Operation not permitted)',
  '100 brk(NULL) = 0x5618b3553000',
  // Another thread going on does not count; this one ends right after.
  '101 membarrier(MEMBARRIER_CMD_QUERY, 0) = -1 ENOSYS (Function not implemented)',
  '100 brk(NULL) = 0x5618b3553000',
  '101 exit_group(1) = ?',
  '',
].join('\n');

function check(args: string[]): { out: string; err: string } {
  const log = path.join(scratch.dir, 'app.log');
  writeFileSync(log, LOG);
  const r = sctrace(['--matchers', 'asterinas', ...args, '--input', log], { env: scratch.env });
  expect(r.status).toBe(0);
  return { out: r.stdout.toString('utf8'), err: r.err };
}

test('the JSON report marks each gap that failed on Linux and went on, and the verdict counts them by kind', () => {
  const doc = JSON.parse(check(['--format', 'json']).out) as JsonDocument;
  const failed = Object.fromEntries(doc.blockers.map((b) => [b.id, b.failedOnLinux ?? null]));
  expect(failed).toEqual({
    'arch_prctl:integer-not-allowed:code:': ['EINVAL'],
    'pkey_alloc:no-rule::': ['EINVAL'],
    'landlock_create_ruleset:no-rule::': ['ENOSYS'],
    'fanotify_init:no-rule::': null,
    'membarrier:no-rule::': null,
  });
  expect(doc.verdict.tolerated.sort()).toEqual(['arch_prctl:integer-not-allowed:code:', 'landlock_create_ruleset:no-rule::']);
  expect(doc.verdict.status).toBe('blocked');
  const schema = JSON.parse(readFileSync(path.join(REPO, 'runtime', 'report', 'schema', 'report.schema.json'), 'utf8'));
  expect(validate(schema, doc)).toEqual([]);
});

test('--summary ends with the verdict, naming the errno', () => {
  const { err } = check(['--summary', '--quiet']);
  expect(err).toMatch(/\nVerdict: blocked: runs on an OS that refuses the 2 gaps it tolerates \(arch_prctl code: integers \(failed on Linux too: EINVAL\); landlock_create_ruleset: no rule \(failed on Linux too: ENOSYS\)\); needs 3: /);
});
