/**
 * Running the built CLIs (dist/cli/*.js) as a user would, with a private
 * cache folder, and the test data in tests/fixtures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');
export const SCTRACE = path.join(REPO, 'dist', 'cli', 'sctrace.js');
export const SCMLC = path.join(REPO, 'dist', 'cli', 'scmlc.js');
export { ASTERINAS_RULES as ASTERINAS, FIXTURE_LOGS as LOGS } from '../fixtures/paths';
export const EXAMPLE_RULES = path.join(REPO, 'examples', 'rules');
export const EXAMPLE_LOG = path.join(REPO, 'examples', 'logs', 'ls.log');

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Raw bytes, compared exactly. */
  stdout: Buffer;
  stderr: Buffer;
  /** Latin1 views of the bytes, for matching. */
  out: string;
  err: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: Buffer | string;
  cwd?: string;
  /** Extra node options placed before the script (e.g. `-r preload.js`). */
  nodeArgs?: string[];
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'sctrace-e2e-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment for a run: no colour unless asked, the given cache folder. */
export function testEnv(cacheHome: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome, ...extra };
  if (!('FORCE_COLOR' in extra)) delete env.FORCE_COLOR;
  if (!('NO_COLOR' in extra)) delete env.NO_COLOR;
  return env;
}

export function run(script: string, args: string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: options.env,
    input: options.input,
    cwd: options.cwd,
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    out: r.stdout.toString('latin1'),
    err: r.stderr.toString('latin1'),
  };
}

export function sctrace(args: string[], options: RunOptions = {}): RunResult {
  return run(SCTRACE, args, options);
}

export function scmlc(args: string[], options: RunOptions = {}): RunResult {
  return run(SCMLC, args, options);
}

/** Lines of a text, without the empty string after a final newline. */
export function lines(text: string): string[] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Names in a folder; none when it does not exist. */
export function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * For a test file: a temporary folder made before its tests and removed
 * after, and a run environment whose cache lives inside it. Read the fields
 * inside tests (they are set in beforeAll).
 */
export function useScratch(): { readonly dir: string; readonly env: NodeJS.ProcessEnv } {
  let tmp: ReturnType<typeof tempDir> | null = null;
  let env: NodeJS.ProcessEnv = {};
  beforeAll(() => {
    tmp = tempDir();
    env = testEnv(path.join(tmp.dir, 'cache'));
  });
  afterAll(() => tmp?.cleanup());
  return {
    get dir() {
      if (tmp === null) throw new Error('useScratch: read inside a test');
      return tmp.dir;
    },
    get env() {
      return env;
    },
  };
}
