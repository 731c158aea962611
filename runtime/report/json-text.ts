/**
 * JSON for latin1 sinks. Line text is latin1 (one char per byte); in JSON it
 * becomes the same characters encoded as UTF-8. The sink writes one char per
 * byte, so the UTF-8 bytes are handed over as a latin1 string.
 */
export function jsonForSink(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  // Fast path: pure ASCII needs no re-encoding.
  return /[^\x00-\x7f]/.test(json) ? Buffer.from(json, 'utf8').toString('latin1') : json;
}
