/**
 * The local limit: the cost of reading the corpus and splitting it into
 * lines in Node, doing nothing else. Two ways; the faster one is the limit
 * every other figure is compared with.
 */
import * as fs from 'fs';
import type { Corpus } from './corpus';
import { best, line } from './report';

const CHUNK = 1 << 20;

/**
 * Read the file in 1 MiB chunks. `perChunk(buf, end)` looks at `buf[0, end)`
 * and returns how many bytes it used (whole lines); the rest is moved to the
 * front and completed by the next read. Shared by the bytes limit and the
 * bytes reader floor.
 */
export function forEachChunk(file: string, perChunk: (buf: Buffer, end: number) => number): void {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let carry = 0;
  let n: number;
  while ((n = fs.readSync(fd, buf, carry, CHUNK - carry, null)) > 0) {
    const end = carry + n;
    const used = perChunk(buf, end);
    buf.copy(buf, 0, used, end);
    carry = end - used;
  }
  fs.closeSync(fd);
}

/** Find every `\n` (Buffer#indexOf); no strings. */
function splitBytes(file: string): number {
  let lines = 0;
  forEachChunk(file, (buf, end) => {
    let p = 0;
    for (let nl = buf.indexOf(10, p); nl !== -1 && nl < end; nl = buf.indexOf(10, p)) { lines++; p = nl + 1; }
    return p;
  });
  return lines;
}

/**
 * Read 1 MiB chunks, decode 64 KiB windows (whole lines) as latin1 and hand
 * each window to `perWindow`. Shared by the string limit and the string reader floor.
 */
export function forEachWindow(file: string, perWindow: (w: string) => void): void {
  forEachChunk(file, (buf, end) => {
    const last = buf.lastIndexOf(10, end - 1);
    for (let ws = 0; ws <= last;) {
      let we = ws + 65536 >= last ? last : buf.lastIndexOf(10, ws + 65536);
      if (we < ws) we = last;
      perWindow(buf.toString('latin1', ws, we + 1));
      ws = we + 1;
    }
    return last + 1;
  });
}

/** Cut one string per line out of latin1 windows. */
function splitStrings(file: string): number {
  let lines = 0;
  let keep = 0;
  forEachWindow(file, (w) => {
    for (let p = 0, nl = w.indexOf('\n'); nl !== -1; p = nl + 1, nl = w.indexOf('\n', p)) {
      lines++;
      keep += w.slice(p, nl).length;
    }
  });
  return lines + (keep < 0 ? 1 : 0);
}

/** Measure and print both ways; returns the limit (the faster, in ms). */
export function measureLimit(corpus: Corpus, runs: number): number {
  const { path: file, bytes, lines } = corpus;
  const check = (what: string, got: number): void => {
    if (got !== lines) throw new Error(`${what}: counted ${got} lines, expected ${lines}`);
  };
  const limitBytes = best(runs, () => check('split bytes', splitBytes(file)));
  const limitStrings = best(runs, () => check('split strings', splitStrings(file)));
  console.log(line('limit: read + split lines (bytes, indexOf)', limitBytes, bytes, lines));
  console.log(line('limit: read + split lines (latin1 strings)', limitStrings, bytes, lines));
  return Math.min(limitBytes, limitStrings);
}
