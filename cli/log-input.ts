/**
 * Reading a log in large chunks and handing them to a consumer (the strace
 * reader). Files are read synchronously (the fastest path); stdin and the
 * online pipe arrive as a stream. The reader copies any partial last line
 * it carries over, so one file buffer serves every read. A `stop` signal,
 * when given, is checked after each chunk: reading ends there.
 *
 * A log that starts with gzip's magic bytes (1f 8b) is decompressed on the
 * fly with node:zlib, whatever its name: people keep traces compressed.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { type Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Classifier } from '../runtime/classify';
import type { CallRecord, Problem } from '../runtime/record';
import { CliFailure, describeIoError } from './failure';

/** The first two bytes of every gzip stream (RFC 1952). */
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export function isGzip(start: Buffer): boolean {
  return start.length >= 2 && start[0] === GZIP_MAGIC[0] && start[1] === GZIP_MAGIC[1];
}

export const CHUNK = 1 << 20;

export interface ChunkConsumer {
  /** Called with each chunk in order; `first` is true for the first non-empty chunk. */
  (chunk: Buffer, first: boolean): void;
}

/** Open a log file now, so that a bad path fails before any output. */
export function openLog(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    throw new CliFailure(`cannot read log ${path}: ${describeIoError(err)}`);
  }
}

/** Read an open file to its end (or until `stop`); returns the number of bytes read. Closes the fd. */
export function readFileChunks(fd: number, path: string, consume: ChunkConsumer, stop?: AbortSignal): number {
  let total = 0;
  const buf = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (err) {
        throw new CliFailure(`cannot read log ${path}: ${describeIoError(err)}`);
      }
      if (n === 0) return total;
      consume(buf.subarray(0, n), total === 0);
      total += n;
      if (stop?.aborted) return total;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a log file to its end: synchronously when it is plain text, through
 * gunzip when it starts with gzip's magic bytes (or, for a file that cannot
 * be read at an offset such as a named pipe, as a stream that is sniffed).
 */
export async function readLogFile(fd: number, path: string, consume: ChunkConsumer, stop?: AbortSignal): Promise<number> {
  const start = Buffer.alloc(2);
  let peeked: number;
  try {
    peeked = readSync(fd, start, 0, 2, 0); // at offset 0: the file position does not move
  } catch {
    peeked = -1;
  }
  if (peeked >= 0 && !isGzip(start.subarray(0, peeked))) return readFileChunks(fd, path, consume, stop);
  const file = createReadStream('', { fd, autoClose: true, highWaterMark: CHUNK });
  return readStreamChunks(await gunzipIfCompressed(file, path), path, consume, stop);
}

/**
 * The stream's bytes, decompressed when they start with gzip's magic bytes:
 * the first bytes are peeked and put back. Errors of the source come out of
 * the returned stream.
 */
export async function gunzipIfCompressed(stream: Readable, label: string): Promise<Readable> {
  let start: Buffer;
  try {
    start = await peek(stream, GZIP_MAGIC.length);
  } catch (err) {
    throw new CliFailure(`cannot read log ${label}: ${describeIoError(err)}`);
  }
  if (!isGzip(start)) return stream;
  return pipeline(stream, createGunzip({ chunkSize: CHUNK }), () => {
    // Errors reach the reader through the gunzip stream's 'error' event.
  });
}

/** Up to `n` first bytes of a stream (fewer only at its end), put back for the next reader. */
function peek(stream: Readable, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (bytes: Buffer): void => {
      stream.off('readable', onReadable).off('end', onEnd).off('error', onError);
      if (bytes.length > 0) stream.unshift(bytes);
      resolve(bytes);
    };
    const onReadable = (): void => {
      const bytes = stream.read(n) as Buffer | null;
      if (bytes !== null) done(bytes);
    };
    // Fewer than n bytes in all: read(n) gave nothing, read() gives what there is.
    const onEnd = (): void => done((stream.read() as Buffer | null) ?? Buffer.alloc(0));
    const onError = (err: Error): void => {
      stream.off('readable', onReadable).off('end', onEnd);
      reject(err);
    };
    stream.on('readable', onReadable).on('end', onEnd).on('error', onError);
  });
}

/** Read a stream to its end (or until `stop`); resolves to the number of bytes read. */
export function readStreamChunks(
  stream: Readable,
  label: string,
  consume: ChunkConsumer,
  stop?: AbortSignal,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      if (chunk.length === 0) return;
      try {
        consume(chunk, total === 0);
      } catch (err) {
        stream.destroy();
        reject(err);
        return;
      }
      total += chunk.length;
      if (stop?.aborted) {
        // Close our end: a writer upstream (`cat log | sctrace`) then meets EPIPE in turn.
        stream.destroy();
        resolve(total);
      }
    });
    stream.on('end', () => resolve(total));
    stream.on('error', (err) => reject(new CliFailure(`cannot read log ${label}: ${describeIoError(err)}`)));
  });
}

/** Problems held back at most (chars of their lines) while no line of a log has read as a call. */
const HOLD_CHARS = 1 << 20;

/**
 * A log is refused as "not an strace log" only when none of it reads: its
 * problems are held back until its first call, then handed on in order (a
 * damaged log, binary bytes inside, keeps every other line's verdict). At the
 * end, `finish` refuses a log with problems and no call at all. Held
 * problems are bounded (HOLD_CHARS); past that they are handed on. Calls
 * matched in worker threads (verdict, supportedUnseen) count too, so that a
 * log read with any --jobs gets the same answer.
 */
export class NotALogGate implements Classifier {
  private held: Problem[] | null = [];
  private heldChars = 0;
  private calls = 0;
  private problems = 0;

  constructor(private readonly sink: Classifier, private readonly label: string) {}

  call(record: CallRecord): void {
    this.calls++;
    if (this.held !== null) this.release();
    this.sink.call(record);
  }

  verdict(record: CallRecord, ruleId: number): void {
    this.calls++;
    if (this.held !== null) this.release();
    this.sink.verdict(record, ruleId);
  }

  supportedUnseen(count: number): void {
    this.calls += count;
    if (count > 0 && this.held !== null) this.release();
    this.sink.supportedUnseen(count);
  }

  get callCount(): number {
    return this.sink.callCount;
  }

  get unsupportedCount(): number {
    return this.sink.unsupportedCount;
  }

  get unreadableCount(): number {
    return this.sink.unreadableCount;
  }

  unreadable(problem: Problem): void {
    this.problems++;
    if (this.held === null) {
      this.sink.unreadable(problem);
      return;
    }
    this.held.push(problem);
    this.heldChars += problem.text.length;
    if (this.heldChars > HOLD_CHARS) this.release();
  }

  notice(message: string): void {
    this.sink.notice(message);
  }

  /** After the log's last line: throws when nothing of it read as strace output; else hands on what is held. */
  finish(): void {
    if (this.calls === 0 && this.problems > 0) {
      throw new CliFailure(`${this.label} is not an strace log (none of its lines reads as strace output); make one with: strace -yy -f -o LOG <program>`);
    }
    if (this.held !== null) this.release();
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const p of held) this.sink.unreadable(p);
  }
}
