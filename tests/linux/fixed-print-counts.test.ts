/**
 * linux/fixed-print-counts.ts is proven by two facts; this checks the one the
 * repository holds: every call of each listed syscall in the test logs (and
 * the probes recorded for syscalls no test program makes) has the listed
 * count, and there is at least one such call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXED_PRINT_COUNTS } from '../../linux/fixed-print-counts';
import { x86_64Syscall } from '../../linux/syscall-table';
import { printingRule } from '../../linux/printing';
import { StraceReader, pidFromFfSuffix } from '../../runtime/reader/index';
import { FIXTURE_LOGS, REPO_ROOT } from '../fixtures/paths';

function logFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? logFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** Argument counts of every call in the test logs, by syscall and log. */
function countsInLogs(): Map<string, { log: string; count: number }[]> {
  const out = new Map<string, { log: string; count: number }[]>();
  for (const log of [...logFiles(FIXTURE_LOGS), ...logFiles(path.join(REPO_ROOT, 'tests', 'fixtures', 'probes')).filter((f) => f.endsWith('.log'))]) {
    const pid = pidFromFfSuffix(log);
    const reader = new StraceReader(
      {
        call(r) {
          const list = out.get(r.name) ?? [];
          list.push({ log: path.basename(log), count: r.argCount() });
          out.set(r.name, list);
        },
        unreadable() {},
        notice() {},
      },
      pid === null ? {} : { pid },
    );
    reader.push(fs.readFileSync(log));
    reader.end();
  }
  return out;
}

const seen = countsInLogs();

test.each(FIXED_PRINT_COUNTS.map((e) => [e.syscall, e] as const))('%s: every call in the test logs has the listed count', (syscall, entry) => {
  expect(x86_64Syscall(syscall)).toBeDefined();
  // A syscall whose printing depends on an operation is never "fixed".
  expect(printingRule(syscall)).toBeUndefined();
  const calls = seen.get(syscall) ?? [];
  for (const c of calls) expect(c).toEqual({ log: c.log, count: entry.count });
  // Proven by a real line, not by the absence of one.
  expect(calls.length).toBeGreaterThan(0);
  for (const log of new Set(calls.map((c) => c.log))) expect(entry.logs).toContain(log);
});
