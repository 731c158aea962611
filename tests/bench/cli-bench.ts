/**
 * CLI bench: the whole built `sctrace` (start-up, cache hit, reading,
 * classifying with the Asterinas rules, --quiet output to /dev/null) on the
 * corpus, as a user runs it; and start-up time with a cache hit on a tiny
 * log, next to a bare `node` start. Compare MB/s with the reader section's
 * read+split limit.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Corpus } from './corpus';
import { LOGS_DIR } from './corpus';
import { line } from './report';
import type { BenchSection } from './section';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Wall time of one child run, in ms; fails loudly on a non-zero status. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status ?? r.signal}`);
  return ms;
}

function bestOf(runs: number, fn: () => number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, fn());
  return min;
}

export const cliBench: BenchSection = {
  name: 'sctrace CLI (child process, Asterinas rules, --quiet, output to /dev/null)',
  run(corpus: Corpus, runs: number): void {
    const root = repoRoot();
    const cli = path.join(root, 'dist', 'cli', 'sctrace.js');
    const rules = path.join(LOGS_DIR, '..', 'reference', 'scml-asterinas');
    const tiny = path.join(root, 'examples', 'logs', 'ls.log');
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-bench-cache-'));
    const env = { ...process.env, XDG_CACHE_HOME: cache };
    try {
      const miss = timeRun([cli, rules, '--quiet', '--input', tiny], env);
      const hit = bestOf(runs * 2, () => timeRun([cli, rules, '--quiet', '--input', tiny], env));
      const bare = bestOf(runs * 2, () => timeRun(['-e', '0'], env));
      const whole = bestOf(Math.max(1, runs - 2), () => timeRun([cli, rules, '--quiet', '--input', corpus.path], env));
      console.log(`  start-up, cache miss (compiles ${path.basename(rules)})   ${miss.toFixed(0).padStart(6)} ms`);
      console.log(`  start-up, cache hit (tiny log)                 ${hit.toFixed(0).padStart(6)} ms`);
      console.log(`  bare \`node -e 0\`                               ${bare.toFixed(0).padStart(6)} ms`);
      console.log(line('whole CLI on the corpus', whole, corpus.bytes, corpus.lines));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  },
};
