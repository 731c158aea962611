/** Drive a StraceReader from a stream, a file, or a `-ff` file name. */
import * as fs from 'fs';
import type { ReaderSink } from '../record';
import { StraceReader } from './strace-reader';
import type { ReaderOptions, ReaderStats } from './call-pairs';

/** Read size for files: large reads keep the per-chunk cost negligible. */
const FILE_CHUNK = 1 << 20;

/** Read a whole byte stream; resolves with the stats after end(). Strings are taken as latin1. */
export async function readStream(stream: NodeJS.ReadableStream, sink: ReaderSink, options?: ReaderOptions): Promise<ReaderStats> {
  const reader = new StraceReader(sink, options);
  for await (const chunk of stream) {
    reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Uint8Array));
  }
  reader.end();
  return reader.stats;
}

/** Read a file synchronously in 1 MiB chunks (the fast path for `--input FILE`). */
export function readFileSync(path: string, sink: ReaderSink, options?: ReaderOptions): ReaderStats {
  const reader = new StraceReader(sink, options);
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(FILE_CHUNK);
    let n: number;
    // The splitter copies what it carries over, so one buffer can be reused.
    while ((n = fs.readSync(fd, buf, 0, FILE_CHUNK, null)) > 0) reader.push(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  reader.end();
  return reader.stats;
}

/** The pid in a `strace -ff -o app.log` file name: `app.log.1234` -> 1234; null when there is none. */
export function pidFromFfSuffix(path: string): number | null {
  const m = /\.([0-9]+)$/.exec(path);
  if (m === null) return null;
  const pid = Number(m[1]);
  return Number.isSafeInteger(pid) ? pid : null;
}
