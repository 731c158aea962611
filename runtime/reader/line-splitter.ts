/**
 * Bytes to lines, in bulk. Chunks of any size come in; out go "windows":
 * latin1 strings holding whole lines (each ending in `\n`, except a last
 * line without one at end()). One string per ~64 KiB keeps the per-line cost
 * to a substring, and bounds what a kept line retains. A line cut by a chunk
 * boundary is carried as bytes, so long lines (> 1 MiB) work.
 * latin1 maps each byte to one char, so bytes that are not UTF-8 survive.
 *
 * A line longer than `maxLine` bytes is never held whole: only its first
 * LINE_HEAD_BYTES are kept, its length counted, and it goes to `onOverlong`
 * instead of a window. Memory stays bounded for any input (`/dev/zero`, a
 * gzip bomb of zeros).
 */

/** Target window size; a window always ends at a line end, so it may be longer. */
export const WINDOW_BYTES = 64 * 1024;
/** Default longest line read (bytes, without its `\n`): far above strace's longest (`-s 65536` of escaped data is ~260 KiB). */
export const DEFAULT_MAX_LINE_BYTES = 16 << 20;
/** Bytes kept of a line over the limit, to show which line it was. */
export const LINE_HEAD_BYTES = 256;

const ESC = 0x1b;
const NEWLINE = Buffer.from('\n');
/** ANSI escape sequences as `strace --color` writes them (CSI and two-char escapes). */
const ANSI = /\x1b(?:\[[0-9;?]*[ -\/]*[@-~]|[@-Z\\-_])/g;

/** A line over the limit: its first bytes (latin1) and its length in bytes (without `\n`). */
export type OnOverlong = (head: string, bytes: number) => void;
/**
 * A window of whole lines, and where its first char was in the input (bytes
 * pushed before it): each char of the window is the input's byte at `at` plus
 * its index (but the `\n` given to a last line without one), or `at` is -1
 * when colour codes were removed. A parallel run uses this to send a call's
 * place instead of its text (runtime/parallel/).
 */
export type OnWindow = (window: string, at: number) => void;

export class LineSplitter {
  private carry: Buffer[] = [];
  private carried = 0;
  /** Bytes pushed before the current chunk. */
  private pushed = 0;
  /** Where the carried line starts in the input. */
  private carryAt = 0;
  /** The line being passed over, once it is longer than maxLine. */
  private overlong: { head: string; bytes: number } | null = null;

  constructor(
    private readonly onWindow: OnWindow,
    private readonly onOverlong: OnOverlong = () => {},
    private readonly maxLine: number = DEFAULT_MAX_LINE_BYTES,
  ) {}

  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.lines(buf);
    this.pushed += buf.length;
  }

  /** The lines of one chunk (`pushed`: the bytes before it). */
  private lines(buf: Buffer): void {
    let start = 0;
    if (this.carry.length > 0 || this.overlong !== null) {
      const nl = buf.indexOf(10);
      if (nl === -1) {
        this.grow(buf);
        return;
      }
      this.endCarried(buf.subarray(0, nl));
      start = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    // Whole lines [start, last]: one that is too long can only be there when the span exceeds the limit.
    let from = start;
    if (last + 1 - start > this.maxLine) {
      let p = start;
      while (p <= last) {
        // Lines wholly inside [p, p + maxLine] are short enough: jump past the last `\n` there.
        const nl = buf.lastIndexOf(10, p + this.maxLine);
        if (nl >= p) {
          p = nl + 1;
          continue;
        }
        const end = buf.indexOf(10, p);
        this.windows(buf, from, p);
        this.onOverlong(buf.toString('latin1', p, Math.min(end, p + LINE_HEAD_BYTES)), end - p);
        from = p = end + 1;
      }
    }
    this.windows(buf, from, last + 1);
    if (last + 1 < buf.length) {
      // A line starts here and goes on in a later chunk (nothing is carried: every earlier line ended).
      this.carryAt = this.pushed + last + 1;
      this.grow(buf.subarray(last + 1));
    }
  }

  /** Flush a last line that has no `\n` (given one, so that it is a line even if colour stripping empties it). */
  end(): void {
    if (this.carry.length > 0 || this.overlong !== null) this.endCarried(Buffer.alloc(0));
  }

  /** Part of a line that goes on in a later chunk: carried (copied: the caller may reuse its buffer), or counted once too long. */
  private grow(part: Buffer): void {
    const over = this.overlong;
    if (over !== null) {
      over.bytes += part.length;
      if (over.head.length < LINE_HEAD_BYTES) over.head += part.toString('latin1', 0, LINE_HEAD_BYTES - over.head.length);
    } else if (this.carried + part.length > this.maxLine) {
      const head = Buffer.concat([...this.carry, part.subarray(0, LINE_HEAD_BYTES)]).subarray(0, LINE_HEAD_BYTES);
      this.overlong = { head: head.toString('latin1'), bytes: this.carried + part.length };
      this.carry = [];
      this.carried = 0;
    } else {
      this.carry.push(Buffer.from(part));
      this.carried += part.length;
    }
  }

  /** The carried line ends with `tail` (its last bytes, without the `\n`). */
  private endCarried(tail: Buffer): void {
    if (this.overlong === null && this.carried + tail.length <= this.maxLine) {
      const joined = Buffer.concat([...this.carry, tail, NEWLINE]);
      this.carry = [];
      this.carried = 0;
      this.emit(joined, 0, joined.length, joined.indexOf(ESC) !== -1, this.carryAt);
      return;
    }
    this.grow(tail); // counted (it is, or now becomes, the line over the limit)
    const long = this.overlong as { head: string; bytes: number };
    this.overlong = null;
    this.onOverlong(long.head, long.bytes);
  }

  /** Whole lines [start, end) of `buf` as windows of about WINDOW_BYTES. */
  private windows(buf: Buffer, start: number, end: number): void {
    if (start >= end) return;
    // One memchr per span; colour codes are rare, so only then the regex.
    const esc = buf.indexOf(ESC, start);
    const colour = esc !== -1 && esc < end;
    let p = start;
    while (p < end) {
      let stop = end;
      if (stop - p > WINDOW_BYTES) {
        const nl = buf.lastIndexOf(10, p + WINDOW_BYTES);
        stop = (nl >= p ? nl : buf.indexOf(10, p + WINDOW_BYTES)) + 1;
      }
      this.emit(buf, p, stop, colour, this.pushed + p);
      p = stop;
    }
  }

  /** Bytes [start, end) of `buf` as a window; `at`: where `start` is in the input. */
  private emit(buf: Buffer, start: number, end: number, colour: boolean, at: number): void {
    let window = buf.toString('latin1', start, end);
    if (colour && window.indexOf('\x1b') !== -1) {
      window = window.replace(ANSI, '');
      at = -1;
    }
    this.onWindow(window, at);
  }
}
