/**
 * Bit allocation for flag sets.
 *
 * A "site" is one place a flag pattern can look at: a syscall's argument
 * position, or a field/element path below it. All flag names that any rule
 * uses at a site become bits of that site's table, so the value at a
 * top-level position is turned into a mask once per call and every rule is
 * then one `(mask & ~allowed) === 0` test.
 *
 * Bit 0: a symbol no rule at the site names, or a value that is not an
 * integer or a flag combination (never allowed). Bit 1: a nonzero integer or
 * a numeric part (allowed iff the pattern has `<INTEGER>`). Names from bit 2,
 * in sorted order. Up to 32 bits a mask is one number; above, an array of
 * 32-bit words.
 */
import type { FlagsPattern, IR, Pattern } from '../../runtime/ir';

export const UNKNOWN_BIT = 0;
export const NUMERIC_BIT = 1;
const FIRST_NAME_BIT = 2;
export const WORD_BITS = 32;

/** Site keys: NUL-separated, never printed. */
export function topSite(syscall: string, position: number): string {
  return `${syscall}\u0000${position}`;
}
export function fieldSite(site: string, field: string): string {
  return `${site}\u0000.${field}`;
}
export function elementSite(site: string): string {
  return `${site}\u0000[]`;
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

/** Collects the flag names used at every site of an IR, then hands out one table per site. */
export class FlagTables {
  private readonly namesBySite = new Map<string, Set<string>>();
  private readonly tables = new Map<string, FlagTable>();

  constructor(ir: IR) {
    for (const rule of ir.rules) {
      rule.params.forEach((param, i) => this.visit(param.pattern, topSite(rule.syscall, i)));
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

  private visit(pattern: Pattern, site: string): void {
    switch (pattern.kind) {
      case 'flags': {
        let names = this.namesBySite.get(site);
        if (names === undefined) this.namesBySite.set(site, (names = new Set()));
        for (const n of pattern.names) names.add(n);
        return;
      }
      case 'struct':
        for (const alt of pattern.alternatives) {
          for (const field of alt.fields) this.visit(field.pattern, fieldSite(site, field.name));
        }
        return;
      case 'array':
        for (const el of pattern.elements) this.visit(el, elementSite(site));
        return;
      default:
        return;
    }
  }
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
