/**
 * Online mode: run `strace -yy -f -o FIFO -- prog args...` and check its
 * output while the program runs.
 *
 * strace writes to a FIFO in a private temporary folder: strace opens it
 * close-on-exec, so the traced program does not inherit it (an extra
 * inherited pipe at fd 3 would shift every fd number in the trace). The
 * program keeps the terminal's stdin, stdout and stderr, and gets its
 * argument vector exactly as given (no shell).
 *
 * Ctrl-C reaches the whole foreground process group; strace (with -o and a
 * program) blocks it and the program decides, so sctrace ignores it and
 * reads the log to its end. SIGTERM or SIGHUP sent to sctrace alone is
 * passed on to the traced program (strace blocks those too), with the same
 * ending.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, mkdtempSync, openSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { StraceReader } from '../runtime/reader/index';
import type { ReaderSink } from '../runtime/record';
import { CliFailure } from './failure';
import { readStreamChunks } from './log-input';
import { findExecutable } from '../probe/find-executable';

export const STRACE_MISSING =
  'strace was not found on PATH; install it (Debian/Ubuntu: sudo apt-get install strace; Fedora/RHEL: sudo dnf install strace) or check a log offline with --input';

export const STRACE_FAILED_HINT =
  "see strace's message above. If it says 'Operation not permitted', this system does not allow ptrace: " +
  'run as root, set kernel.yama.ptrace_scope to 0, or give the container CAP_SYS_PTRACE (docker run --cap-add=SYS_PTRACE)';

/**
 * Trace `command`, sending what strace prints to `sink`; `flush` is called
 * after each chunk so that verdicts appear while the program runs.
 * Resolves to the program's exit status (128+N when killed by signal N) and
 * the number of lines strace printed.
 */
export interface TraceOptions {
  /** Calls strace never finished are unreadable (`--as-printed`) rather than incomplete calls. */
  asPrinted?: boolean;
  /** Longest line read (`--max-line`); undefined: the reader's default. */
  maxLine?: number;
  /**
   * Where the program's own standard output goes: `stdout` (shared with the
   * report, as the original sctrace does) or `stderr`, so that a JSON or
   * JSONL report on stdout stays one clean document.
   */
  programOutput?: 'stdout' | 'stderr';
}

export async function traceProgram(
  command: string[],
  sink: ReaderSink,
  flush: () => void,
  options: TraceOptions = {},
): Promise<{ status: number; lines: number }> {
  const { asPrinted = false, maxLine } = options;
  const strace = findExecutable('strace', process.env.PATH);
  if (strace.kind !== 'found') throw new CliFailure(STRACE_MISSING);
  const program = findExecutable(command[0], process.env.PATH);
  if (program.kind === 'missing') throw new CliFailure(`program not found: ${command[0]}`);
  if (program.kind === 'not-executable') throw new CliFailure(`cannot run ${command[0]}: permission denied`);
  const dir = mkdtempSync(join(tmpdir(), 'sctrace-'));
  const fifo = join(dir, 'strace.log');
  const ignoreInterrupt = (): void => {};
  const relay = new SignalRelay();
  try {
    makeFifo(fifo);
    process.on('SIGINT', ignoreInterrupt);
    relay.start();
    const tracer = spawn(strace.path, ['-yy', '-f', '-o', fifo, '--', ...command], { stdio: ['inherit', options.programOutput === 'stderr' ? 2 : 'inherit', 'inherit'] });
    const log = createReadStream(fifo, { highWaterMark: 1 << 20 });
    let logOpen = false;
    log.on('open', () => (logOpen = true));

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      tracer.on('error', (err) => reject(new CliFailure(`cannot run strace: ${err.message}`)));
      tracer.on('exit', (code, signal) => resolve({ code, signal }));
    });
    // If strace ends without ever opening the FIFO, our blocked open would wait forever: be its writer for a moment.
    const release = (): void => {
      if (!logOpen) releaseFifoReader(fifo, log);
    };
    exited.then(release, release);

    // The first call strace reports is the program's own execve: its pid is the program's.
    // Calls strace never finished get a verdict (incomplete), except --as-printed: reported unreadable.
    const reader = new StraceReader(relay.watching(sink), maxLine === undefined ? { incomplete: !asPrinted } : { incomplete: !asPrinted, maxLine });
    const reading = readStreamChunks(log, 'from strace', (chunk) => {
      reader.push(chunk);
      flush();
    });
    const [status, bytes] = await Promise.all([exited, reading]);
    reader.end();
    flush();

    const lines = reader.stats.lines;
    if (status.signal !== null) return { status: 128 + (osConstants.signals[status.signal] ?? 0), lines };
    const code = status.code ?? 1;
    if (code !== 0 && bytes === 0) throw new CliFailure(`strace failed (exit status ${code}) before the program started; ${STRACE_FAILED_HINT}`);
    return { status: code, lines };
  } finally {
    relay.stop();
    process.removeListener('SIGINT', ignoreInterrupt);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Passes SIGTERM/SIGHUP on to the traced program, once its pid is known from the log. */
class SignalRelay {
  private pid: number | null = null;
  private pendingSignal: NodeJS.Signals | null = null;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.pendingSignal = signal;
    this.deliver();
  };

  start(): void {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGHUP', this.onSignal);
  }

  stop(): void {
    process.removeListener('SIGTERM', this.onSignal);
    process.removeListener('SIGHUP', this.onSignal);
  }

  /** `sink`, noting the pid of the first call. */
  watching(sink: ReaderSink): ReaderSink {
    return {
      call: (record) => {
        if (this.pid === null && record.pid !== null) {
          this.pid = record.pid;
          this.deliver();
        }
        sink.call(record);
      },
      unreadable: (problem) => sink.unreadable(problem),
      notice: (message) => sink.notice(message),
    };
  }

  private deliver(): void {
    if (this.pid === null || this.pendingSignal === null) return;
    const signal = this.pendingSignal;
    this.pendingSignal = null;
    try {
      process.kill(this.pid, signal);
    } catch {
      // Already gone: strace will report its end.
    }
  }
}

function makeFifo(path: string): void {
  // mkfifo(1) from coreutils: Node has no mkfifo of its own. Look in the usual places too, whatever PATH says.
  const tool = findExecutable('mkfifo', `${process.env.PATH ?? ''}${delimiter}/usr/bin${delimiter}/bin`);
  const made =
    tool.kind === 'found' ? spawnSync(tool.path, ['-m', '600', path], { stdio: ['ignore', 'ignore', 'pipe'] }) : null;
  if (made === null || made.status !== 0) {
    const why = made === null ? 'mkfifo not found' : made.error ? made.error.message : String(made.stderr).trim();
    throw new CliFailure(`cannot create a pipe for strace's output (${why})`);
  }
}

/** Hold the FIFO open for writing until the blocked reader has opened it, so it then sees end-of-file. */
function releaseFifoReader(fifo: string, log: NodeJS.ReadableStream & { once(e: 'open', f: () => void): unknown }): void {
  let fd: number;
  try {
    // O_RDWR on a FIFO never blocks on Linux, and counts as a writer.
    fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  } catch {
    return;
  }
  log.once('open', () => closeSync(fd));
}
