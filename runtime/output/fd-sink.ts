/**
 * Buffered TextSink over a file descriptor. Text is latin1 (one char per
 * byte), so strace lines are written back exactly as read. Writes are
 * synchronous, which keeps ordering simple and makes `process.exit` safe
 * right after a flush.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { TextSink } from '../report/reporter';
import { colorEnabled } from './color';

/** Flush once this many chars are buffered: large writes, bounded memory. */
const FLUSH_AT = 1 << 16;

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Write errors that mean nobody reads this stream any more: EPIPE (a pipe
 * or socket closed by its reader), ECONNRESET (a socket its peer reset; the
 * first write after the reset gets this, later ones EPIPE).
 */
function isReaderGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ECONNRESET';
}

/** Write all of `bytes`, waiting out EAGAIN (a non-blocking pipe that is full). */
function writeAll(fd: number, bytes: Buffer): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
}

/**
 * A write to an output failed for another reason than its reader going away
 * (ENOSPC on a full disk, EIO, ...): nothing more can be written there. The
 * CLI reports it in one line (exit status 1); `code` is the errno name.
 */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    /** `standard output` or `standard error`. */
    readonly stream: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class FdSink implements TextSink {
  /** Set at the first write that failed (OutputError): later output is dropped. */
  private failed = false;
  /**
   * Online mode: a failed write is kept here instead of thrown, so that the
   * traced program (not ours to stop) runs on; the run reports it at the end.
   */
  deferErrors = false;
  deferred: OutputError | null = null;
  private pending = '';
  /** Aborted when the reader of this stream went away (EPIPE, ECONNRESET): later output is dropped. */
  private readonly readerGone = new AbortController();
  /** Another sink writing to the same file: flushed first so that lines keep their order. */
  private sibling: FdSink | null = null;

  constructor(
    private readonly fd: number,
    readonly color: boolean = colorEnabled(fd),
    /** What to call this output in an error message. */
    readonly label: string = `file descriptor ${fd}`,
  ) {}

  /** True once a flush met EPIPE or ECONNRESET: nobody reads this stream any more. */
  get closed(): boolean {
    return this.readerGone.signal.aborted;
  }

  /**
   * Aborted at the flush that meets EPIPE or ECONNRESET, so that a caller
   * can stop work whose only purpose was this output (as SIGPIPE would stop
   * a filter).
   */
  get closedSignal(): AbortSignal {
    return this.readerGone.signal;
  }

  write(text: string): void {
    if (this.closed || this.failed) return;
    if (this.sibling !== null && this.sibling.pending.length > 0) this.sibling.flush();
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending;
    this.pending = '';
    if (this.closed || this.failed) return;
    try {
      writeAll(this.fd, Buffer.from(text, 'latin1'));
    } catch (err) {
      if (isReaderGone(err)) {
        this.readerGone.abort();
        return;
      }
      this.failed = true;
      const e = err as NodeJS.ErrnoException;
      const failure = new OutputError(this.label, e.code ?? 'EIO', e.message);
      if (!this.deferErrors) throw failure;
      this.deferred = failure;
    }
  }

  /**
   * When `a` and `b` write to the same file (a terminal, or `2>&1`), make
   * each flush the other before writing, so interleaved lines stay in order.
   */
  static pairIfSameTarget(a: FdSink, b: FdSink): void {
    if (!sameFile(a.fd, b.fd)) return;
    a.sibling = b;
    b.sibling = a;
  }
}

function sameFile(fd1: number, fd2: number): boolean {
  try {
    const s1 = fstatSync(fd1);
    const s2 = fstatSync(fd2);
    return s1.dev === s2.dev && s1.ino === s2.ino;
  } catch {
    return false;
  }
}

/** stdout and stderr as buffered sinks, ordered against each other when they share a target. */
export function standardSinks(): { stdout: FdSink; stderr: FdSink } {
  const stdout = new FdSink(1, colorEnabled(1), 'standard output');
  const stderr = new FdSink(2, colorEnabled(2), 'standard error');
  FdSink.pairIfSameTarget(stdout, stderr);
  return { stdout, stderr };
}
