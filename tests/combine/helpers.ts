/** Test helpers for tests/combine: reports written by the built CLI, and hand-made app reports. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_LOGS } from '../fixtures/paths';

export { ASTERINAS_RULES as ASTERINAS } from '../fixtures/paths';
export const REPO = path.join(__dirname, '..', '..');
export const SCTRACE = path.join(REPO, 'dist', 'cli', 'sctrace.js');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Run {
  status: number | null;
  out: string;
  err: string;
}

/** Runs the built sctrace with a private cache; output read as UTF-8 (JSON, combine output). */
export function sctrace(args: string[], cacheHome: string, cwd?: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [SCTRACE, ...args], { env, cwd, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

/** The test apps: one real log per program (tests/fixtures/logs/*.log, not the variants of one program). */
export function appLogs(): string[] {
  return fs
    .readdirSync(FIXTURE_LOGS)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => path.join(FIXTURE_LOGS, f));
}

export interface FakeGap {
  syscall: string;
  kind: string;
  path: string;
  value: string | null;
  calls: number;
  rules: { file: string; line: number; calls: number }[];
  example: { line: number; text: string };
}

/** An app report as `sctrace --format json` writes one, with only what combine reads filled in. */
/** `tolerated`: ids of gaps the app was seen to tolerate (a report of sctrace probe says so in its verdict). */
export function appReport(label: string, gaps: FakeGap[], ruleSet: unknown = null, calls = 100, tolerated: string[] = []): string {
  const unsupported = gaps.reduce((n, g) => Math.max(n, g.calls), 0);
  return JSON.stringify({
    schema: 2,
    label,
    ...(ruleSet === null ? {} : { ruleSet }),
    totals: { lines: calls, calls, supported: calls - unsupported, unsupported, unreadable: 0, percentSupported: 0 },
    gaps: [],
    coverage: { rules: [], unmatched: 0 },
    unreadable: [],
    notices: [],
    blockers: gaps.map((g) => ({ id: gapIdOf(g), ...g })),
    ...(tolerated.length === 0 ? {} : { verdict: { status: 'blocked', needs: gaps.map(gapIdOf).filter((id) => !tolerated.includes(id)), tolerated } }),
  });
}

export function gapIdOf(g: FakeGap): string {
  return `${g.syscall}:${g.kind}:${g.path}:${g.value ?? ''}`;
}

export function ruleSet(id: string, label = `rules ${id}`): object {
  return { label, os: null, version: null, source: null, rules: 3, syscalls: 2, sources: [{ path: 'a.scml', sha256: id.repeat(64).slice(0, 64) }], id };
}
