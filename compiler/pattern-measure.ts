/**
 * How big a resolved pattern is, struct rules written out: its `{` / `[`
 * levels (MAX_NESTING holds for them) and how many patterns it expands to
 * (MAX_EXPANDED_PATTERNS). Struct rules are shared between the patterns that
 * name them, so each one's figures are kept (memo) and a deep chain costs
 * linear time.
 */
import type { Pattern, StructAlternative } from '../runtime/ir';

/**
 * Patterns a rule's parameters may expand to, struct rules written out: a
 * struct rule named twice in one that is itself named twice... doubles at
 * each step, and the emitter and the duplicate check write every copy out
 * (18 steps took 5 minutes and 4 GB). Real rules expand to a few dozen.
 */
export const MAX_EXPANDED_PATTERNS = 4096;

export class PatternMeasure {
  /** Levels of each struct rule's alternatives. */
  private readonly structDepth = new WeakMap<StructAlternative[], number>();
  /** Patterns each struct rule's alternatives expand to (capped just above MAX_EXPANDED_PATTERNS). */
  private readonly structSize = new WeakMap<StructAlternative[], number>();

  /** `{` / `[` levels of a resolved pattern (bounded by MAX_NESTING + 1: deeper ones were cut). */
  depth(pattern: Pattern): number {
    if (pattern.kind === 'array') return 1 + Math.max(0, ...pattern.elements.map((e) => this.depth(e)));
    if (pattern.kind !== 'struct') return 0;
    const known = this.structDepth.get(pattern.alternatives);
    if (known !== undefined) return known;
    let deepest = 0;
    for (const alt of pattern.alternatives) for (const f of alt.fields) deepest = Math.max(deepest, this.depth(f.pattern));
    this.structDepth.set(pattern.alternatives, 1 + deepest);
    return 1 + deepest;
  }

  /** Patterns in `pattern` with struct rules written out; counting stops just above MAX_EXPANDED_PATTERNS. */
  size(pattern: Pattern): number {
    const cap = MAX_EXPANDED_PATTERNS + 1;
    if (pattern.kind === 'array') return Math.min(cap, pattern.elements.reduce((n, e) => n + this.size(e), 1));
    if (pattern.kind !== 'struct') return 1;
    const known = this.structSize.get(pattern.alternatives);
    if (known !== undefined) return known;
    let n = 1;
    for (const alt of pattern.alternatives) for (const f of alt.fields) n = Math.min(cap, n + this.size(f.pattern));
    this.structSize.set(pattern.alternatives, n);
    return n;
  }
}
