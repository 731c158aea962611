/**
 * JSON for latin1 sinks. Line text is latin1 (one char per byte). In JSON, a
 * string whose bytes are valid UTF-8 becomes the text they encode (`café`,
 * not `cafÃ©`); one with bytes that are not UTF-8 keeps one character per
 * byte (byte 0xff is U+00FF), so nothing is lost. The sink writes one char
 * per byte, so the JSON's UTF-8 bytes are handed over as a latin1 string.
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A string of bytes (chars U+0000..U+00FF) as the UTF-8 text it encodes,
 * when it is valid UTF-8 with some byte over 0x7f; else unchanged. A string
 * with a char above U+00FF is text already (a label from the command line).
 */
export function utf8Text(text: string): string {
  if (!/[\x80-\xff]/.test(text) || /[^\x00-\xff]/.test(text)) return text;
  try {
    return strictUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}

/** A JSON.stringify replacer applying utf8Text to every string. */
export function utf8Strings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? utf8Text(value) : value;
}

/** A copy of a JSON-shaped value with utf8Text applied to every string (the page shows what the JSON says). */
export function utf8Values<T>(value: T): T {
  if (typeof value === 'string') return utf8Text(value) as T;
  if (Array.isArray(value)) return value.map((v) => utf8Values(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, utf8Values(v)])) as T;
  }
  return value;
}

export function jsonForSink(value: unknown, indent?: number): string {
  let json = JSON.stringify(value, null, indent);
  // Fast path: pure ASCII needs no decoding nor re-encoding.
  if (!/[^\x00-\x7f]/.test(json)) return json;
  json = JSON.stringify(value, utf8Strings, indent);
  return Buffer.from(json, 'utf8').toString('latin1');
}
