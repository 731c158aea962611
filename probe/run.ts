/**
 * One run of the program under strace, as probing needs it: strace writes
 * its log to a file, the program's stdout is digested and its stderr's last
 * line kept, and nothing is left running afterwards. Every run starts in the
 * same working directory with the same environment; each runs in its own
 * process group, which is killed on timeout or when the probe is interrupted.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as osConstants } from 'node:os';

export interface RunSettings {
  strace: string;
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Seconds per run; 0: no limit. */
  timeout: number;
}

export interface Outcome {
  /** Exit status, 128+N when signal N ended it. */
  status: number;
  /** sha256 of everything it wrote to stdout. */
  stdoutDigest: string;
  /** Its last non-empty stderr line (strace's own messages included), '' when none. */
  lastStderrLine: string;
  timedOut: boolean;
}

/** Process groups of the runs now going: killed when the probe is interrupted. */
const running = new Set<number>();

export function killRunning(): void {
  for (const pgid of running) killGroup(pgid);
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs `argv` in a process group of its own; resolves when it and its output have ended. */
export function runGroup(argv: string[], settings: Pick<RunSettings, 'cwd' | 'env' | 'timeout'>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: settings.cwd,
      env: settings.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pgid = child.pid;
    if (pgid !== undefined) running.add(pgid);
    const digest = createHash('sha256');
    let stderrTail = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => digest.update(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    const timer =
      settings.timeout > 0 && pgid !== undefined
        ? setTimeout(() => {
            timedOut = true;
            killGroup(pgid);
          }, settings.timeout * 1000)
        : null;
    child.on('error', (err) => {
      if (timer !== null) clearTimeout(timer);
      if (pgid !== undefined) running.delete(pgid);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      // Whatever the program left behind in its group (a daemon it started) goes too.
      if (pgid !== undefined) {
        killGroup(pgid);
        running.delete(pgid);
      }
      const status = signal !== null ? 128 + (osConstants.signals[signal] ?? 0) : (code ?? 1);
      const lines = stderrTail.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      resolve({ status, stdoutDigest: digest.digest('hex'), lastStderrLine: lines.at(-1) ?? '', timedOut });
    });
  });
}

/** How one run differs from a plain trace. */
export interface Tampering {
  /** strace `-e inject=` specs. */
  inject?: string[];
  /** More strace options (`-X verbose`). */
  straceOptions?: string[];
  /** A launcher the program is run through (under strace too): its argv, before the program's. */
  launcher?: string[];
}

/** The program under `strace -f -yy -o log`, tampered with as asked. */
export function traceRun(settings: RunSettings, log: string, tampering: Tampering = {}): Promise<Outcome> {
  const argv = [
    settings.strace,
    '-f',
    '-yy',
    ...(tampering.straceOptions ?? []),
    '-o',
    log,
    ...(tampering.inject ?? []).flatMap((spec) => ['-e', `inject=${spec}`]),
    '--',
    ...(tampering.launcher ?? []),
    ...settings.command,
  ];
  return runGroup(argv, settings);
}

/** A user's `--setup` or `--check` command, through /bin/sh. */
export function shellRun(command: string, settings: Pick<RunSettings, 'cwd' | 'env' | 'timeout'>): Promise<Outcome> {
  return runGroup(['/bin/sh', '-c', command], settings);
}
