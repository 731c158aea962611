/**
 * What a write-family call wrote, read back from how strace printed it: on a
 * terminal, a traced program's output is exactly those bytes, and it lands
 * right after the part of the line strace printed before the call ran
 * (heal.ts uses this to cut the output out again). Only lines that failed
 * the fast path get here.
 */
import { skipString } from '../values/scan';

/** Calls whose data is the quoted string right after the fd (`write(1, "hi\n", 3`). */
const DATA_AFTER_FD = new Set(['write', 'pwrite64', 'send', 'sendto']);
/** Calls whose data is the `iov_base="..."` strings, in order (`writev(1, [{iov_base="a", iov_len=1}, ...]`). */
const DATA_IN_IOVEC = new Set(['writev', 'pwritev', 'pwritev2']);

export interface WrittenData {
  /** The bytes as latin1 chars (escapes undone). */
  text: string;
  /** True when strace printed all of it (no `...` after a string). */
  complete: boolean;
  /** Index in the printed text just after the last data string (and its `...`). */
  after: number;
}

/**
 * The data of the call whose name is `t[nameStart, nameEnd)` and whose
 * arguments start at `argsStart` (after the `(`), looking no further than
 * `end`; null for other calls or when no data string was printed.
 */
export function writtenData(t: string, nameStart: number, nameEnd: number, argsStart: number, end: number): WrittenData | null {
  const name = t.slice(nameStart, nameEnd);
  if (DATA_AFTER_FD.has(name)) {
    const q = t.indexOf('"', argsStart);
    if (q === -1 || q >= end) return null;
    const close = skipString(t, q, end);
    if (close >= end && t.charCodeAt(end - 1) !== 34) return null;
    const dots = t.startsWith('...', close);
    return { text: unescape(t, q + 1, close - 1), complete: !dots, after: dots ? close + 3 : close };
  }
  if (DATA_IN_IOVEC.has(name)) {
    let text = '';
    let complete = true;
    let after = -1;
    for (let i = t.indexOf('iov_base="', argsStart); i !== -1 && i < end; i = t.indexOf('iov_base="', after)) {
      const q = i + 9;
      const close = skipString(t, q, end);
      text += unescape(t, q + 1, close - 1);
      if (t.startsWith('...', close)) { complete = false; after = close + 3; } else after = close;
    }
    return after === -1 ? null : { text, complete, after };
  }
  return null;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', '\\': '\\', '"': '"' };

/** strace's C-style escapes undone: `\n`, `\t`, `\\`, `\"`, octal `\0`-`\377`, hex `\x41` (-x). */
export function unescape(t: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = t[i];
    if (c !== '\\' || i + 1 >= end) { out += c; continue; }
    const d = t[++i];
    if (SIMPLE[d] !== undefined) { out += SIMPLE[d]; continue; }
    if (d === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(t.slice(i + 1, Math.min(end, i + 3)));
      if (hex !== null) { out += String.fromCharCode(parseInt(hex[0], 16)); i += hex[0].length; continue; }
    }
    const oct = /^[0-7]{1,3}/.exec(t.slice(i, Math.min(end, i + 3)));
    if (oct !== null) { out += String.fromCharCode(parseInt(oct[0], 8) & 0xff); i += oct[0].length - 1; continue; }
    out += d;
  }
  return out;
}
