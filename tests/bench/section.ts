import type { Corpus } from './corpus';

/** One part of `npm run bench`; bench.ts runs every section in its list. */
export interface BenchSection {
  name: string;
  /** `limit`: ms to read and split the corpus into lines (limit.ts), for "% of limit". */
  run(corpus: Corpus, runs: number, limit: number): void | Promise<void>;
}
