/**
 * Reader bench: the local limit (read the file and split it into lines in
 * Node, nothing else) against the strace reader alone, with and without
 * decoding every argument.
 */
import * as fs from 'fs';
import * as readline from 'readline';
import { readFileSync } from '../../runtime/reader/index';
import type { ReaderSink, CallRecord } from '../../runtime/record';
import type { Corpus } from './corpus';
import { best, line } from './report';
import type { BenchSection } from './section';

const CHUNK = 1 << 20;

/** Limit 1: read 1 MiB chunks and find every `\n` (Buffer#indexOf); no strings. */
function splitBytes(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  let carry = 0;
  let n: number;
  while ((n = fs.readSync(fd, buf, carry, CHUNK - carry, null)) > 0) {
    const end = carry + n;
    let p = 0;
    for (let nl = buf.indexOf(10, p); nl !== -1 && nl < end; nl = buf.indexOf(10, p)) { lines++; p = nl + 1; }
    buf.copy(buf, 0, p, end);
    carry = end - p;
  }
  fs.closeSync(fd);
  return lines;
}

/** Limit 2: read, decode 64 KiB windows as latin1, and cut one string per line. */
function splitStrings(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let lines = 0;
  let carry = 0;
  let n: number;
  let keep = 0;
  while ((n = fs.readSync(fd, buf, carry, CHUNK - carry, null)) > 0) {
    const end = carry + n;
    const last = buf.lastIndexOf(10, end - 1);
    for (let ws = 0; ws <= last;) {
      let we = ws + 65536 >= last ? last : buf.lastIndexOf(10, ws + 65536);
      if (we < ws) we = last;
      const w = buf.toString('latin1', ws, we + 1);
      ws = we + 1;
      for (let p = 0, nl = w.indexOf('\n'); nl !== -1; p = nl + 1, nl = w.indexOf('\n', p)) {
        lines++;
        keep += w.slice(p, nl).length;
      }
    }
    buf.copy(buf, 0, last + 1, end);
    carry = end - last - 1;
  }
  fs.closeSync(fd);
  return lines + (keep < 0 ? 1 : 0);
}

/** For context only: Node's own line reader (`readline`), doing nothing with the lines. */
async function readlineLines(file: string): Promise<number> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: CHUNK, encoding: 'latin1' }), crlfDelay: Infinity });
  let lines = 0;
  for await (const l of rl) lines += l.length >= 0 ? 1 : 0;
  return lines;
}

/** Best time of an async function over `runs` runs. */
async function bestAsync(runs: number, fn: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

/** A sink that does what every consumer does: looks at the name. */
function nameSink(): ReaderSink & { seen: number } {
  return {
    seen: 0,
    call(r: CallRecord) { this.seen += r.name.length; },
    unreadable() {},
    notice() {},
  };
}

/** A sink that decodes every argument of every call (the worst case for a matcher). */
function decodeSink(): ReaderSink & { seen: number } {
  return {
    seen: 0,
    call(r: CallRecord) {
      const n = r.argCount();
      for (let i = 0; i < n; i++) this.seen += r.arg(i).kind.length;
      this.seen += r.result.length;
    },
    unreadable() {},
    notice() {},
  };
}

export const readerBench: BenchSection = {
  name: 'strace reader',
  async run(corpus: Corpus, runs: number): Promise<void> {
    const { path: file, bytes, lines } = corpus;
    const check = (what: string, got: number): void => {
      if (got !== lines) throw new Error(`${what}: counted ${got} lines, expected ${lines}`);
    };
    const limitBytes = best(runs, () => check('split bytes', splitBytes(file)));
    const limitStrings = best(runs, () => check('split strings', splitStrings(file)));
    const limit = Math.min(limitBytes, limitStrings);
    const name = best(runs, () => check('reader', readFileSync(file, nameSink()).lines));
    const decode = best(Math.max(1, runs - 2), () => check('reader+decode', readFileSync(file, decodeSink()).lines));
    const rl = await bestAsync(Math.min(2, runs), async () => check('readline', await readlineLines(file)));
    console.log(line('limit: read + split lines (bytes, indexOf)', limitBytes, bytes, lines));
    console.log(line('limit: read + split lines (latin1 strings)', limitStrings, bytes, lines));
    console.log(line('reader alone (name of every call)', name, bytes, lines, limit));
    console.log(line('reader + decode every argument and result', decode, bytes, lines, limit));
    console.log(line('for context: node:readline, lines only', rl, bytes, lines, limit));
  },
};
