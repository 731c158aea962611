/**
 * Reading a log in large chunks and handing them to a consumer (the strace
 * reader). Files are read synchronously (the fastest path); stdin and the
 * online pipe arrive as a stream. The reader copies any partial last line
 * it carries over, so one file buffer serves every read. A `stop` signal,
 * when given, is checked after each chunk: reading ends there.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CliFailure, describeIoError } from './failure';

const CHUNK = 1 << 20;

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

/** strace escapes every unprintable byte, so a NUL means this is not an strace log. */
export function checkLooksLikeText(chunk: Buffer, label: string): void {
  if (chunk.indexOf(0) >= 0) {
    throw new CliFailure(`${label} is not an strace log (it holds binary data); make one with: strace -yy -f -o LOG <program>`);
  }
}
