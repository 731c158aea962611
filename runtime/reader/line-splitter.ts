/**
 * Bytes to lines, in bulk. Chunks of any size come in; out go "windows":
 * latin1 strings holding whole lines (each ending in `\n`, except a last
 * line without one at end()). One string per ~64 KiB keeps the per-line cost
 * to a substring, and bounds what a kept line retains. A line cut by a chunk
 * boundary is carried as bytes, so lines of any length (> 1 MiB) work.
 * latin1 maps each byte to one char, so bytes that are not UTF-8 survive.
 */

/** Target window size; a window always ends at a line end, so it may be longer. */
export const WINDOW_BYTES = 64 * 1024;

const ESC = 0x1b;
const NEWLINE = Buffer.from('\n');
/** ANSI escape sequences as `strace --color` writes them (CSI and two-char escapes). */
const ANSI = /\x1b(?:\[[0-9;?]*[ -\/]*[@-~]|[@-Z\\-_])/g;

export class LineSplitter {
  private carry: Buffer[] = [];

  constructor(private readonly onWindow: (window: string) => void) {}

  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    // One memchr per chunk; colour codes are rare, so only then the regex.
    const colour = buf.indexOf(ESC) !== -1;
    if (this.carry.length > 0) {
      const nl = buf.indexOf(10);
      if (nl === -1) {
        this.carry.push(Buffer.from(buf)); // copy: the caller may reuse its buffer
        return;
      }
      this.carry.push(buf.subarray(0, nl + 1));
      const joined = Buffer.concat(this.carry);
      this.carry = [];
      this.emit(joined, 0, joined.length, joined.indexOf(ESC) !== -1);
      start = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    let p = start;
    while (p <= last) {
      let stop = last + 1;
      if (stop - p > WINDOW_BYTES) {
        const nl = buf.lastIndexOf(10, p + WINDOW_BYTES);
        stop = (nl >= p ? nl : buf.indexOf(10, p + WINDOW_BYTES)) + 1;
      }
      this.emit(buf, p, stop, colour);
      p = stop;
    }
    if (p < buf.length) this.carry.push(Buffer.from(buf.subarray(p)));
  }

  /** Flush a last line that has no `\n` (given one, so that it is a line even if colour stripping empties it). */
  end(): void {
    if (this.carry.length === 0) return;
    this.carry.push(NEWLINE);
    const joined = Buffer.concat(this.carry);
    this.carry = [];
    this.emit(joined, 0, joined.length, joined.indexOf(ESC) !== -1);
  }

  private emit(buf: Buffer, start: number, end: number, colour: boolean): void {
    let window = buf.toString('latin1', start, end);
    if (colour && window.indexOf('\x1b') !== -1) window = window.replace(ANSI, '');
    this.onWindow(window);
  }
}
