/**
 * `npm run bench`: builds (or reuses) a >= 200 MB corpus of real strace logs
 * under os.tmpdir() and runs each section. Add a section: import it and put
 * it in SECTIONS.
 * Options (env): BENCH_ONLY (run only the sections whose name contains this text, e.g. `--jobs`), BENCH_MB (corpus size, default 200), BENCH_RUNS (default 5, best is kept).
 */
import { buildCorpus } from './corpus';
import type { BenchSection } from './section';
import { measureLimit } from './limit';
import { readerBench } from './reader-bench';
import { matchingBench } from './matching-bench';
import { cliBench } from './cli-bench';
import { jobsBench } from './jobs-bench';

const SECTIONS: BenchSection[] = [
  readerBench,
  matchingBench,
  cliBench,
  jobsBench,
];

async function main(): Promise<void> {
  const mb = Number(process.env.BENCH_MB ?? 200);
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
  const corpus = buildCorpus(mb * 1e6);
  console.log(`corpus: ${corpus.path} (${(corpus.bytes / 1e6).toFixed(0)} MB, ${corpus.lines} lines), best of ${runs} runs, node ${process.version}`);
  console.log('\nlocal limit (read the corpus and split it into lines, nothing else)');
  const limit = measureLimit(corpus, runs);
  const only = process.env.BENCH_ONLY;
  for (const section of SECTIONS.filter((s) => only === undefined || s.name.includes(only))) {
    console.log(`\n${section.name}`);
    await section.run(corpus, runs, limit);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
