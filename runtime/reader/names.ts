/**
 * Syscall names as strings without a new string per line: a small
 * direct-mapped cache from the name's chars in the window to one shared
 * string. A log names a few dozen syscalls millions of times; slicing each
 * was ~10% of the reader's garbage (sampling heap profiler). A miss (a new
 * name, or two names sharing a slot) slices as before.
 */

/** Slots (a power of two): far more than the syscalls of one log. */
const SIZE = 512;
/** Longer names are sliced (no syscall name is this long). */
const MAX_NAME = 32;

export class NameCache {
  private readonly names: string[] = new Array<string>(SIZE).fill('');

  /** `t.slice(s, e)`, the same string each time for the same chars. */
  get(t: string, s: number, e: number): string {
    const n = e - s;
    if (n > MAX_NAME) return t.slice(s, e);
    // The slot from the length and the first and last two chars: names that share them share a slot (rare; a miss).
    const slot = (n * 97 + t.charCodeAt(s) * 31 + t.charCodeAt(s + 1) * 7 + t.charCodeAt(e - 1) * 3 + t.charCodeAt(e - 2)) & (SIZE - 1);
    const name = this.names[slot];
    if (name.length === n) {
      let k = 0;
      while (k < n && name.charCodeAt(k) === t.charCodeAt(s + k)) k++;
      if (k === n) return name;
    }
    return (this.names[slot] = t.slice(s, e));
  }
}
