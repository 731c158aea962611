/**
 * A string as a double-quoted literal that is valid JSON and valid
 * JavaScript, on one line. JSON.stringify escapes quotes, backslashes and
 * control characters; U+2028 and U+2029 are valid raw in JSON but end a line
 * (and a `//` comment) in JavaScript, so they are escaped too. Used by the
 * emitter for every string it writes and by the cache for its warnings line.
 */
export function jsStringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}
