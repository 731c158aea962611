/**
 * One traced call, decoded lazily. The reader only finds the name and where
 * the arguments start; the top-level argument split, the result and each
 * argument value are computed on first use and cached (the line text is
 * sliced on each use: few records are ever printed).
 *
 * A record points into the string its line was read from (`src`, a ~64 KiB
 * window of the log, or the joined text of an unfinished/resumed pair), so
 * building one costs no copy; keeping a record keeps that window alive.
 */
import type { Value } from '../abi';
import type { CallRecord } from '../record';
import { decodeArgCached } from '../values/decode-cache';
import { Bounds, splitTopLevel, skipSpaces, trimEnd } from '../values/scan';

const CH_EQ = 61;
const CH_LT = 60;
const CH_GT = 62;
const CH_RPAREN = 41;
const CH_CR = 13;

/** What `clone` gets at positions 0 and 3 (docs/behaviour.md section 3): any value. */
const UNCONSTRAINED: Value = Object.freeze({ kind: 'other', text: '' }) as Value;
/** `name()`: no arguments. */
const NO_ARGS: Slots = [];
/**
 * The split's scratch: its start/end pairs are copied into a call's own
 * slots of exact size (an array grown by push from empty was ~150 bytes a
 * call, a fifth of a run's garbage: sampling heap profiler).
 */
const scratch = new Bounds();

/**
 * A call's top-level arguments once split: for n arguments, start/end
 * pairs (indexes in `src`) at [0, 2n) and their values, decoded on first
 * use, at [2n, 3n). One array per call instead of two.
 */
type Slots = (number | Value | undefined)[];

export class StraceCall implements CallRecord {
  /** The arguments once split (Slots). */
  private slots: Slots | null = null;
  private resultText: string | null = null;

  constructor(
    /**
     * The string the call's text sits in, at [start, end): the reader's
     * window (or a joined pair's own text). Decoding works in place: no
     * copy or slice of the line (~5% of a run). Scans that may look past
     * `end` (indexOf, a sticky regex) stop at the next char they look for
     * and start from distinct chars, so a window costs linear time
     * (scan.ts; tests/reader/property.test.ts, hostile lines).
     */
    private readonly src: string,
    private readonly start: number,
    private readonly end: number,
    readonly name: string,
    readonly pid: number | null,
    readonly line: number,
    readonly endLine: number,
    /** Index in `src` just after the `(` that opens the arguments. */
    private readonly argsStart: number,
    /**
     * Index in `src` of the space before `= result`: as found when the line
     * was read, then (once split) the one right after the closing `)`.
     */
    private eqHint: number,
  ) {}

  /**
   * Where the call's text starts in `s` when it was read from `s`; else -1.
   * (`===` on strings compares their chars: a different string with the
   * same chars gives the same text, and the same string is a pointer check.)
   */
  startIn(s: string): number {
    return this.src === s ? this.start : -1;
  }

  /** The length of `text`, without making it. */
  get textLength(): number {
    return this.end - this.start;
  }

  /** Where the arguments start (just after the `(`), counted from the start of `text`. */
  get argsOffset(): number {
    return this.argsStart - this.start;
  }

  /** Where the ` = result` was found, counted from the start of `text` (a constructor argument for a copy). */
  get resultOffset(): number {
    return this.eqHint - this.start;
  }

  /** Sliced on each use, not kept: most records are never printed, and one field less is less garbage per call. */
  get text(): string {
    const s = this.src;
    return this.start === 0 && this.end === s.length ? s : s.slice(this.start, this.end);
  }

  /**
   * The line ended in `\r\n`: the reader leaves the `\r` in `src` just after
   * `end` (a window holds it; a joined pair's own text gets one appended).
   * Read only when the line is printed: nothing on the hot path.
   */
  get crlf(): boolean {
    return this.src.charCodeAt(this.end) === CH_CR;
  }

  /** Everything after ` = `, without a `-T` duration. */
  get result(): string {
    if (this.resultText === null) {
      if (this.slots === null) this.split();
      this.resultText = resultAt(this.src, this.eqHint, this.end);
    }
    return this.resultText;
  }

  argCount(): number {
    const n = (this.slots ?? this.split()).length / 3;
    return this.name === 'clone' ? n + 2 : n;
  }

  arg(index: number): Value {
    let raw = index;
    if (this.name === 'clone') {
      if (index === 0 || index === 3) return UNCONSTRAINED;
      raw = index < 3 ? index - 1 : index - 2;
    }
    const slots = this.slots ?? this.split();
    const n = slots.length / 3;
    if (raw < 0 || raw >= n) return UNCONSTRAINED;
    const at = 2 * n + raw;
    return (slots[at] as Value | undefined) ??
      (slots[at] = decodeArgCached(this.src, slots[2 * raw] as number, slots[2 * raw + 1] as number));
  }

  /**
   * What decides a verdict that reads only `positions` (as judged, sorted):
   * the argument count (returned) and each position's text with the two
   * chars after it, all that decodeArg reads (values/decode-cache.ts), put
   * in `out` (slices of the line, no copy). Positions past the count, and
   * clone's inserted ones, have one fixed value: nothing to add. -1 when the
   * texts would pass `maxLength` chars (long values are rarely repeated).
   */
  verdictParts(positions: readonly number[], maxLength: number, out: string[]): number {
    const slots = this.slots ?? this.split();
    const n = slots.length / 3;
    const clone = this.name === 'clone';
    out.length = 0;
    let length = 0;
    for (const i of positions) {
      let raw = i;
      if (clone) {
        if (i === 0 || i === 3) continue;
        raw = i < 3 ? i - 1 : i - 2;
      }
      if (raw >= n) break;
      const s = slots[2 * raw] as number;
      const e = Math.min((slots[2 * raw + 1] as number) + 2, this.src.length);
      length += e - s;
      if (length > maxLength) return -1;
      out.push(this.src.slice(s, e));
    }
    return clone ? n + 2 : n;
  }

  /** Split the arguments at depth-0 commas up to the `)` that closes them; note the result after it. */
  private split(): Slots {
    const t = this.src;
    const out = scratch;
    out.size = 0;
    const close = splitTopLevel(t, this.argsStart, this.end, out, true);
    const eq = close === -1 ? -1 : skipSpaces(t, close + 1, this.end);
    if (eq !== -1 && t.charCodeAt(eq) === CH_EQ && t.charCodeAt(eq + 1) === 32) {
      // The result is cut only when asked for (most consumers never do).
      this.eqHint = eq - 1;
    } else {
      // Unbalanced text: the arguments end at the `)` before the ` = ` found when reading.
      out.size = 0;
      splitTopLevel(t, this.argsStart, this.eqHint, out, false);
      const last = out.size - 1;
      const e = trimEnd(t, out.at[last - 1], out.at[last]);
      if (t.charCodeAt(e - 1) === CH_RPAREN) out.at[last] = e - 1;
    }
    // `name()` has no arguments, not one empty argument.
    const m = out.size;
    const at = out.at;
    if (m === 2 && skipSpaces(t, at[0], at[1]) === at[1]) return (this.slots = NO_ARGS);
    const slots: Slots = new Array(m + (m >> 1));
    for (let i = 0; i < m; i++) slots[i] = at[i];
    return (this.slots = slots);
  }
}

/** The result after the ` = ` at `eq` (index of the space before `=`) up to `end`, `-T` duration removed. */
export function resultAt(t: string, eq: number, end: number): string {
  const start = skipSpaces(t, eq + 2, end);
  end = trimEnd(t, start, end);
  // `-T`: ` <0.000123>` at the very end.
  if (t.charCodeAt(end - 1) === CH_GT) {
    // Back to the `<`, within the result (lastIndexOf could run on into earlier lines of the window).
    let lt = end - 2;
    while (lt > start && t.charCodeAt(lt) !== CH_LT) lt--;
    if (lt > start && isDuration(t, lt + 1, end - 1)) end = trimEnd(t, start, lt);
  }
  return t.slice(start, end);
}

function isDuration(t: string, s: number, e: number): boolean {
  if (s >= e) return false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46)) return false;
  }
  return t.charCodeAt(s - 2) === 32 && t.charCodeAt(s - 1) === CH_LT;
}
