/**
 * A verdict memo: logs repeat the same calls (`futex(0x..., FUTEX_WAKE_PRIVATE, 1)`,
 * `mmap(NULL, N, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3</x>, 0)`) and a
 * call's verdict depends only on its name, its argument count and the
 * values at the positions its syscall's rules can read (read-positions.ts);
 * each value is decoded from its text alone. So a verdict, once found, is
 * kept under the text of those positions and a later call with the same
 * text skips decoding, the kernel view and the matcher.
 *
 * Only calls that can give such a key are memoized (whole lines read by
 * the reader: runtime/reader/call-record.ts `verdictKey`; not a call cut
 * short, whose unprinted positions change the verdict), and only syscalls
 * judged position by position: not a 32-bit name whose kernel view takes
 * arguments from other positions (kernel-call.ts `judgedInPlace`).
 *
 * Exact by construction, and checked: tests/property/verdict-memo.test.ts
 * compares memoized verdicts with the matcher's own on every fixture log
 * and on random calls.
 */
import type { CallView } from '../abi';
import { ownCopy } from '../values/own-copy';

/** A call that can name the texts deciding its verdict (StraceCall). */
interface KeyedCall extends CallView {
  verdictParts(positions: readonly number[], maxLength: number, out: string[]): number;
}

/** Longer texts are not kept: long values (paths, structs with addresses) are rarely repeated. */
const MAX_KEY = 160;
/** Verdicts kept before the memo starts over (bounded memory whatever the log). */
const MAX_ENTRIES = 8192;

/** Verdicts by argument count, then by the text of each read position in turn. */
type Level = Map<string | number, Level | number>;

/**
 * `match` with its verdicts remembered. `positions`: syscall → the positions
 * whose text decides its verdict; a syscall absent from it is always matched.
 */
export function memoizeVerdicts(match: (call: CallView) => number, positions: ReadonlyMap<string, readonly number[]>): (call: CallView) => number {
  const memos = new Map<string, { positions: readonly number[]; verdicts: Level }>();
  for (const [name, at] of positions) memos.set(name, { positions: at, verdicts: new Map() });
  let entries = 0;
  // Nested maps keyed by slices of the line: no key string is built (a joined key cost more than the match it saved).
  const parts: string[] = [];
  return (call) => {
    const memo = memos.get(call.name);
    const partsOf = (call as Partial<KeyedCall>).verdictParts;
    if (memo === undefined || partsOf === undefined) return match(call);
    const count = partsOf.call(call, memo.positions, MAX_KEY, parts);
    if (count < 0) return match(call);
    // Keys in turn: the count, then parts[0], parts[1]...; the last one leads to the verdict.
    let level = memo.verdicts;
    let found = level.get(count);
    let j = 0;
    while (found !== undefined && j < parts.length) {
      level = found as Level;
      found = level.get(parts[j++]);
    }
    if (found !== undefined) return found as number;
    const id = match(call);
    if (++entries > MAX_ENTRIES) {
      for (const m of memos.values()) m.verdicts.clear();
      entries = 0;
      return id; // kept from the next call with this text on
    }
    // Missing from key j on (j = 0: the count): a level for each key but the last, which holds the verdict.
    let key: string | number = j === 0 ? count : ownCopy(parts[j - 1]);
    for (; j < parts.length; j++) {
      const next: Level = new Map();
      level.set(key, next);
      level = next;
      key = ownCopy(parts[j]);
    }
    level.set(key, id);
    return id;
  };
}
