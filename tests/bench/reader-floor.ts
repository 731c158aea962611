/**
 * The reader floor: the least any strace reader must do per line, and
 * nothing more: find the line end, read the pid, cut the syscall name, find
 * the first `=` after it, and hand a record to a sink. No prefixes other
 * than a pid, no unfinished/resumed pairs, no result check, no CRLF, no
 * colour. It is not a reader (it is wrong on many lines); it measures how
 * close to the split limit a reader can come in Node on this machine.
 */
import { forEachWindow } from './limit';

interface FloorRecord {
  window: string;
  start: number;
  end: number;
  name: string;
  pid: number;
  line: number;
  eq: number;
}

/** Returns the number of lines seen; `sink` gets one record per line. */
export function readerFloor(file: string, sink: (r: FloorRecord) => void): number {
  let lineNo = 0;
  forEachWindow(file, (w) => {
    for (let p = 0, nl = w.indexOf('\n'); nl !== -1; p = nl + 1, nl = w.indexOf('\n', p)) {
      lineNo++;
      let q = p;
      let c = w.charCodeAt(q);
      let pid = 0;
      while (c >= 48 && c <= 57) { pid = pid * 10 + c - 48; c = w.charCodeAt(++q); }
      if (c === 32) c = w.charCodeAt(++q);
      const ns = q;
      while (((c = w.charCodeAt(++q)) >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57));
      sink({ window: w, start: p, end: nl, name: w.slice(ns, q), pid, line: lineNo, eq: w.indexOf('=', q) });
    }
  });
  return lineNo;
}
