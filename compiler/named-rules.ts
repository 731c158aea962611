/**
 * Named rules (bitflags and struct rules) resolved once each, with cycles
 * and over-long chains of references reported instead of recursed into.
 */
import type { Span } from './ast';

/** Named rules resolved inside one another at most (a chain `a = <b>; b = <c>; ...`): the resolver recurses along it. */
export const MAX_REFERENCE_CHAIN = 256;

/**
 * Named rules resolved once each: a result is cached by name, and a reference
 * back to a name still being resolved is a cycle, reported once and cached as
 * null (an error), instead of recursing forever.
 */
export class NamedRuleCache<T> {
  private readonly results = new Map<string, T | null>();
  private readonly stack: string[] = [];

  constructor(
    private readonly cycleMessage: string,
    private readonly report: (span: Span, message: string) => void,
  ) {}

  /** `reportAt`: where a cycle through `name` is reported. */
  resolve(name: string, reportAt: Span, compute: () => T | null): T | null {
    const cached = this.results.get(name);
    if (cached !== undefined) return cached;
    const cycleAt = this.stack.indexOf(name);
    if (cycleAt >= 0) {
      this.report(reportAt, `${this.cycleMessage}: ${[...this.stack.slice(cycleAt), name].join(' -> ')}`);
      this.results.set(name, null);
      return null;
    }
    if (this.stack.length >= MAX_REFERENCE_CHAIN) {
      this.report(reportAt, `named rules refer to one another more than ${MAX_REFERENCE_CHAIN} deep (${this.stack[0]} -> ... -> ${name})`);
      this.results.set(name, null);
      return null;
    }
    this.stack.push(name);
    const result = compute();
    this.stack.pop();
    // A cycle found below already cached null for this name: keep that.
    if (!this.results.has(name)) this.results.set(name, result);
    return this.results.get(name) ?? null;
  }
}
