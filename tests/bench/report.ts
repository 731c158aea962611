/** Timing and printing helpers shared by bench sections. */

export interface Timing {
  ms: number;
}

/** Best of `runs` timings of fn (the first run also warms the JIT). */
export function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms < min) min = ms;
  }
  return min;
}

/** One result line: name, time, MB/s, lines/s and optionally % of a reference time. */
export function line(name: string, ms: number, bytes: number, lines: number, refMs?: number): string {
  const mbs = bytes / 1e6 / (ms / 1000);
  const lps = lines / (ms / 1000);
  const pct = refMs === undefined ? '' : `  ${((100 * refMs) / ms).toFixed(0).padStart(3)}% of limit`;
  return `  ${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms ${mbs.toFixed(0).padStart(6)} MB/s ${(lps / 1e6).toFixed(2).padStart(6)} M lines/s${pct}`;
}
