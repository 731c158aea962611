/**
 * A string's chars in a string of their own. A slice of a large string may
 * share its chars (V8 makes a "sliced string" from 13 chars on) and so keep
 * the whole of it alive: a cache key sliced from the reader's ~64 KiB window
 * would hold that window for as long as the entry lives.
 */
export function ownCopy(s: string): string {
  // Slicing a concatenation flattens it into a new string first: the slice holds only that copy.
  return (' ' + s).slice(1);
}
