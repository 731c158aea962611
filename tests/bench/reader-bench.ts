/**
 * Reader bench: the strace reader alone, with and without decoding every
 * argument, next to the local limit (limit.ts) and the reader floor
 * (reader-floor.ts: the least any reader must do per line).
 */
import * as fs from 'fs';
import * as readline from 'readline';
import { readFileSync } from '../../runtime/reader/index';
import type { ReaderSink, CallRecord } from '../../runtime/record';
import type { Corpus } from './corpus';
import { best, line } from './report';
import { byteReaderFloor, readerFloor } from './reader-floor';
import type { BenchSection } from './section';

/** For context only: Node's own line reader (`readline`), doing nothing with the lines. */
async function readlineLines(file: string): Promise<number> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20, encoding: 'latin1' }), crlfDelay: Infinity });
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
  async run(corpus: Corpus, runs: number, limit: number): Promise<void> {
    const { path: file, bytes, lines } = corpus;
    const check = (what: string, got: number): void => {
      if (got !== lines) throw new Error(`${what}: counted ${got} lines, expected ${lines}`);
    };
    let seen = 0;
    const floor = best(runs, () => check('reader floor', readerFloor(file, (r) => { seen += r.name.length; })));
    const byteFloor = best(runs, () => check('byte reader floor', byteReaderFloor(file, (r) => { seen += r.name.length; })));
    const name = best(runs, () => check('reader', readFileSync(file, nameSink()).lines));
    const decode = best(Math.max(1, runs - 2), () => check('reader+decode', readFileSync(file, decodeSink()).lines));
    const rl = await bestAsync(Math.min(2, runs), async () => check('readline', await readlineLines(file)));
    if (seen === 0) throw new Error('reader floor: no names seen');
    console.log(line('floor on strings: line end, pid, name', floor, bytes, lines, limit));
    console.log(line('floor on bytes: line end, pid, name', byteFloor, bytes, lines, limit));
    console.log(line('reader alone (name of every call)', name, bytes, lines, limit));
    console.log(line('reader + decode every argument and result', decode, bytes, lines, limit));
    console.log(line('for context: node:readline, lines only', rl, bytes, lines, limit));
  },
};
