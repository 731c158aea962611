/**
 * The reader floor: the least any strace reader must do per line, and
 * nothing more: find the line end, read the pid, get the syscall name, note
 * a `>` at the end (a possible `<unfinished ...>`), and hand a record to a
 * sink. No prefixes other than a pid, no unfinished/resumed pairs, no result
 * check, no CRLF, no colour. It is not a
 * reader (it is wrong on many lines); it measures how close to the split
 * limit a reader can come in Node on this machine, in two designs: on latin1
 * strings (ours), and on the bytes, where a name is looked up in a table
 * instead of cut out of the line.
 */
import { forEachChunk, forEachWindow } from './limit';

/** What both floors hand over per line (positions in the window or chunk it came from). */
interface FloorRecord {
  start: number;
  end: number;
  name: string;
  pid: number;
  line: number;
  unfinished: boolean;
}

/** The floor on latin1 windows. Returns the number of lines seen; `sink` gets one record per line. */
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
      sink({ start: p, end: nl, name: w.slice(ns, q), pid, line: lineNo, unfinished: w.charCodeAt(nl - 1) === 62 });
    }
  });
  return lineNo;
}

/** Syscall names seen so far, found by a hash of their bytes: no string is made for a known name. */
class NameTable {
  private readonly names: (string | null)[] = new Array<string | null>(4096).fill(null);
  private readonly bytes: (Buffer | null)[] = new Array<Buffer | null>(4096).fill(null);

  get(buf: Buffer, start: number, end: number, hash: number): string {
    for (let probe = 0, i = hash & 4095; ; probe++, i = (i + 1) & 4095) {
      const known = this.bytes[i];
      if (probe === 4096) return buf.toString('latin1', start, end); // full: more than 4096 names
      if (known === null) {
        const name = buf.toString('latin1', start, end);
        this.names[i] = name;
        this.bytes[i] = Buffer.from(name, 'latin1');
        return name;
      }
      if (known.length === end - start) {
        let k = 0;
        while (k < known.length && known[k] === buf[start + k]) k++;
        if (k === known.length) return this.names[i] as string;
      }
    }
  }
}

/** The floor on bytes: the same work, with the line end found by Buffer#indexOf. */
export function byteReaderFloor(file: string, sink: (r: FloorRecord) => void): number {
  const table = new NameTable();
  let lineNo = 0;
  forEachChunk(file, (buf, end) => {
    let p = 0;
    for (let nl = buf.indexOf(10, p); nl !== -1 && nl < end; nl = buf.indexOf(10, p)) {
      lineNo++;
      let q = p;
      let c = buf[q];
      let pid = 0;
      while (c >= 48 && c <= 57) { pid = pid * 10 + c - 48; c = buf[++q]; }
      if (c === 32) c = buf[++q];
      const ns = q;
      let hash = c;
      while (((c = buf[++q]) >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57)) hash = (hash * 31 + c) | 0;
      sink({ start: p, end: nl, name: table.get(buf, ns, q, hash), pid, line: lineNo, unfinished: buf[nl - 1] === 62 });
      p = nl + 1;
    }
    return p;
  });
  return lineNo;
}
