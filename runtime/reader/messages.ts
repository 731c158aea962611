/**
 * strace's own messages, as every version wrote them, and the summary table
 * of `-c`/`-C`: lines that carry nothing to check. Only lines that fail the
 * reader's fast path get here.
 *
 * Wording, from strace's source (strace.c, count.c) across versions:
 * - up to 4.x, on stderr without a prefix: `Process 4711 attached - interrupt
 *   to quit`, `Process 4711 attached with 3 threads - interrupt to quit` (-p),
 *   `Process 4711 attached` (a child under -f), `Process 4711 detached`,
 *   `Process 4711 resumed (parent 4710 ready)`, `Process 4711 suspended`;
 *   later 4.x drop ` - interrupt to quit`;
 * - since then through error_msg(), so prefixed with the program name:
 *   `strace: Process 4711 attached`, `strace: Process 4711 attached with 3
 *   threads`, `strace: Process 4711 detached`, and any other `strace: ...`.
 * - the -c/-C summary (count.c): a header of column names (`% time     seconds
 *   usecs/call     calls    errors syscall`; `-U` picks others: shortest,
 *   longest, wall-total, ...), a rule of dashes, rows of numbers and a syscall
 *   name, a second rule, the `total` row; before each further personality's
 *   table `System call usage summary for 32 bit mode:`.
 * Written to a terminal, a message can land inside a call's line (it is
 * printed while strace's line is half done): embeddedMessage finds it.
 */

/** strace's line when a traced process switches ABI (src/syscall.c update_personality): `[ Process PID=N runs in 32 bit mode. ]`. */
const PERSONALITY_LINE = /\[ Process PID=([0-9]+) runs in (.+) mode\. \]$/;

/** The notice a reader gives for a personality line: the log mixes ABIs (runtime/report/log-arch.ts reads it back). */
export const PERSONALITY_NOTICE = /^process ([0-9]+) runs in (.+) mode \(strace\)/;

/** The notice for a line that is strace's personality line, else null. */
export function personalityNotice(line: string): string | null {
  const m = PERSONALITY_LINE.exec(line);
  return m === null ? null : `process ${m[1]} runs in ${m[2]} mode (strace)`;
}

/** `Process N <verb>` as old strace versions printed it (and as `strace: ` messages continue). */
const OLD_MESSAGE = /^Process [0-9]+ (?:attached|detached|resumed|suspended)\b/;
/** A message starting inside a line: `strace: ` (any), or an old-style `Process N attached/detached`. */
const EMBEDDED = /strace: |Process [0-9]+ (?:attached|detached)\b/;

/** Is the line `t[p, n)` (prefix already stepped over) one of strace's messages? */
export function isMessage(t: string, p: number, n: number): boolean {
  if (t.startsWith('strace: ', p)) return true;
  return t.startsWith('Process ', p) && OLD_MESSAGE.test(t.slice(p, n));
}

/** Index (> s) where a message starts inside the line `t[s, n)`, or -1. */
export function embeddedMessage(t: string, s: number, n: number): number {
  const line = t.slice(s + 1, n);
  const m = EMBEDDED.exec(line);
  return m === null ? -1 : s + 1 + m.index;
}

/** Column names of the summary header (count.c), `% time` split in two. */
const HEADER_WORDS = new Set([
  '%', 'time', 'seconds', 'usecs/call', 'calls', 'errors', 'syscall', 'shortest', 'longest',
  'wall-total', 'wall-min', 'wall-max', 'wall-avg',
]);
const RULE = /^ *-+(?: +-+)* *$/;
const NUMBER = /^[0-9]+(?:\.[0-9]+)?$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PERSONALITY = /^System call usage summary for .+ mode:$/;

/** What a line of the summary table is: its header, a rule, a row; null for anything else. */
export type SummaryLine = 'header' | 'rule' | 'row' | null;

/**
 * Classify `t[s, n)` as part of a `-c` summary table. Rows are only rows
 * inside a table (`inTable`: the previous line was a header, rule or row),
 * so program output such as `12 apples` elsewhere stays what it was.
 */
export function summaryLine(t: string, s: number, n: number, inTable: boolean): SummaryLine {
  const line = t.slice(s, n);
  if (RULE.test(line)) return inTable ? 'rule' : null;
  const words = line.trim().split(/ +/);
  if (words.includes('syscall') && words.every((w) => HEADER_WORDS.has(w))) return 'header';
  if (PERSONALITY.test(line)) return 'header';
  if (!inTable) return null;
  let names = 0;
  let numbers = 0;
  for (const w of words) {
    if (NUMBER.test(w)) numbers++;
    else if (NAME.test(w)) names++;
    else return null;
  }
  return names === 1 && numbers > 0 ? 'row' : null;
}
