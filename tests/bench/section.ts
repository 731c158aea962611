import type { Corpus } from './corpus';

/** One part of `npm run bench`; bench.ts runs every section in its list. */
export interface BenchSection {
  name: string;
  run(corpus: Corpus, runs: number): void | Promise<void>;
}
