/**
 * Cutting a log file into byte ranges that start at line starts, found
 * lazily (one small read per cut), so that a log of any size is never held
 * in memory.
 */
import { readSync } from 'node:fs';
import type { ReadBytes } from './range-result';

const PROBE = 1 << 16;

export interface ByteRange {
  index: number;
  start: number;
  end: number;
}

/** The ranges of an open file of `size` bytes, each about `rangeBytes` long and ending just after a `\n` (or at the end). */
export function* lineRanges(fd: number, size: number, rangeBytes: number): Generator<ByteRange> {
  let start = 0;
  let index = 0;
  const probe = Buffer.allocUnsafe(PROBE);
  while (start < size) {
    const end = lineStartAtOrAfter(fd, start + Math.max(1, rangeBytes), size, probe);
    yield { index: index++, start, end };
    start = end;
  }
}

/** The first line start at or after `pos` (a position just after a `\n`), or `size`. */
function lineStartAtOrAfter(fd: number, pos: number, size: number, probe: Buffer): number {
  let at = pos - 1; // a line starts at pos when the byte before it is `\n`
  while (at < size) {
    const n = readSync(fd, probe, 0, Math.min(PROBE, size - at), at);
    if (n === 0) break;
    const nl = probe.subarray(0, n).indexOf(10);
    if (nl !== -1) return at + nl + 1;
    at += n;
  }
  return size;
}

/** Read bytes [start, end) of an open file in chunks of at most `chunk` bytes. */
export function readRange(fd: number, start: number, end: number, buf: Buffer, consume: (bytes: Buffer) => void): void {
  let at = start;
  while (at < end) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
    if (n === 0) break; // the file shrank while being read
    consume(buf.subarray(0, n));
    at += n;
  }
}

/**
 * The main thread's reads of an open log by offset (ParallelReplay reads
 * the bytes of the calls a range sent by their place): one buffer, grown
 * to the largest read and reused, so a run holds one range's bytes at most.
 */
export function rereader(fd: number): ReadBytes {
  let buf = Buffer.alloc(0);
  return (offset, length) => {
    if (buf.length < length) buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, offset + got);
      if (n === 0) throw new Error(`the log shrank while it was read (${length - got} bytes missing at ${offset + got})`);
      got += n;
    }
    return buf.subarray(0, length);
  };
}
