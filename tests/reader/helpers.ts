/** Test helpers: run the reader over text or bytes and collect plain snapshots. */
import * as fs from 'fs';
import * as path from 'path';
import { StraceReader, type ReaderOptions, type ReaderStats } from '../../runtime/reader/index';
import type { CallRecord, Problem } from '../../runtime/record';
import type { Value } from '../../runtime/abi';

import { FIXTURE_LOGS } from '../fixtures/paths';

export const LOGS = FIXTURE_LOGS;

/** Every log file under LOGS (recursive). */
export function allLogs(dir: string = LOGS): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...allLogs(p));
    else out.push(p);
  }
  return out.sort();
}

export interface Snapshot {
  name: string;
  pid: number | null;
  line: number;
  endLine: number;
  text: string;
  result: string;
  args: Value[];
}

export interface ReadResult {
  calls: Snapshot[];
  records: CallRecord[];
  problems: Problem[];
  notices: string[];
  stats: ReaderStats;
}

export function snapshot(r: CallRecord): Snapshot {
  const args: Value[] = [];
  const n = r.argCount();
  for (let i = 0; i < n; i++) args.push(r.arg(i));
  return { name: r.name, pid: r.pid, line: r.line, endLine: r.endLine, text: r.text, result: r.result, args };
}

/** Read `input` (text is taken as latin1 bytes), pushed in chunks of the given sizes (cycled). */
export function read(input: string | Buffer, options?: ReaderOptions, chunkSizes?: number[], decode = true): ReadResult {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const records: CallRecord[] = [];
  const problems: Problem[] = [];
  const notices: string[] = [];
  const reader = new StraceReader({
    call: (r) => records.push(r),
    unreadable: (p) => problems.push(p),
    notice: (m) => notices.push(m),
  }, options);
  if (chunkSizes === undefined || chunkSizes.length === 0) {
    reader.push(bytes);
  } else {
    let p = 0;
    for (let k = 0; p < bytes.length; k++) {
      const n = Math.max(1, chunkSizes[k % chunkSizes.length]);
      // Copy each chunk into a reused buffer: the reader must not keep references to it.
      const chunk = Buffer.from(bytes.subarray(p, p + n));
      reader.push(chunk);
      chunk.fill(0x41);
      p += n;
    }
  }
  reader.end();
  return { calls: decode ? records.map(snapshot) : [], records, problems, notices, stats: reader.stats };
}

/** The one call in `line`, failing when there is not exactly one. */
export function one(line: string, options?: ReaderOptions): Snapshot {
  const r = read(line + '\n', options);
  if (r.problems.length > 0) throw new Error(`problem: ${r.problems[0].message}: ${line}`);
  if (r.calls.length !== 1) throw new Error(`expected one call, got ${r.calls.length}: ${line}`);
  return r.calls[0];
}

export const int = (text: string, p?: string): Value => (p === undefined ? { kind: 'int', text } : { kind: 'int', text, path: p });
export const flags = (...parts: string[]): Value => ({ kind: 'flags', parts });
export const str = (text: string): Value => ({ kind: 'str', text });
export const other = (text: string): Value => ({ kind: 'other', text });

/** Compare two long lists: report the first differing element (fast on equal lists). */
export function expectSameList<T>(got: T[], want: T[]): void {
  const g = got.map((x) => JSON.stringify(x));
  const w = want.map((x) => JSON.stringify(x));
  const i = g.findIndex((x, k) => x !== w[k]);
  if (i !== -1) expect(got[i]).toEqual(want[i]);
  expect(g.length).toBe(w.length);
}
