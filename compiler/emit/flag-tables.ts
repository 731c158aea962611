/**
 * Bit allocation for flag sets.
 *
 * A "site" is a syscall's argument position. All flag names that any rule
 * uses at a site become bits of that site's table, so the value there is
 * turned into a mask once per call and every rule is then one
 * `(mask & ~allowed) === 0` test. A flag pattern inside a struct or array is
 * tested once per value it meets, so it gets a table of its own names: the
 * same named struct then emits the same predicate wherever it is used.
 *
 * Bit 0: a symbol no rule at the site names, or a value that is not an
 * integer or a flag combination (never allowed). Bit 1: a nonzero integer or
 * a numeric part (allowed iff the pattern has `<INTEGER>`). Names from bit 2,
 * in sorted order. Up to 32 bits a mask is one number; above, an array of
 * 32-bit words.
 */
import type { FlagsPattern, IR } from '../../runtime/ir';

export const UNKNOWN_BIT = 0;
export const NUMERIC_BIT = 1;
const FIRST_NAME_BIT = 2;
export const WORD_BITS = 32;

/** Site keys: NUL-separated, never printed. */
export function topSite(syscall: string, position: number): string {
  return `${syscall}\u0000${position}`;
}

export class FlagTable {
  /** Bit index of each name. */
  readonly index = new Map<string, number>();
  readonly words: number;
  constructor(readonly names: readonly string[]) {
    names.forEach((n, i) => this.index.set(n, FIRST_NAME_BIT + i));
    this.words = Math.ceil((FIRST_NAME_BIT + names.length) / WORD_BITS);
  }
  get wide(): boolean {
    return this.words > 1;
  }
  /** The allowed mask of a pattern at this site, as 32-bit words (unsigned). */
  allowed(pattern: FlagsPattern): number[] {
    const words = new Array<number>(this.words).fill(0);
    const set = (bit: number) => {
      words[bit >>> 5] = (words[bit >>> 5] | (1 << (bit & 31))) >>> 0;
    };
    if (pattern.integer) set(NUMERIC_BIT);
    for (const name of pattern.names) {
      const bit = this.index.get(name);
      if (bit === undefined) throw new Error(`flag-tables: ${JSON.stringify(name)} was not collected`);
      set(bit);
    }
    return words;
  }
}

/** Collects the flag names used at every top-level site of an IR, then hands out one table per site. */
export class FlagTables {
  private readonly namesBySite = new Map<string, Set<string>>();
  private readonly tables = new Map<string, FlagTable>();

  constructor(ir: IR) {
    for (const rule of ir.rules) {
      rule.params.forEach((param, i) => {
        if (param.pattern.kind === 'flags') this.collect(param.pattern, topSite(rule.syscall, i));
      });
    }
    for (const [site, names] of this.namesBySite) {
      this.tables.set(site, new FlagTable([...names].sort(compareCodeUnits)));
    }
  }

  table(site: string): FlagTable {
    const table = this.tables.get(site);
    if (table === undefined) throw new Error('flag-tables: unknown site');
    return table;
  }

  private collect(pattern: FlagsPattern, site: string): void {
    let names = this.namesBySite.get(site);
    if (names === undefined) this.namesBySite.set(site, (names = new Set()));
    for (const n of pattern.names) names.add(n);
  }
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
