/**
 * CLI bench: the whole built `sctrace` (start-up, cache hit, reading,
 * classifying with the Asterinas rules, --quiet output to /dev/null) on the
 * corpus, as a user runs it; and start-up time with a cache hit on a tiny
 * log and with the shipped Asterinas set (`--matchers asterinas`), next to
 * a bare `node` start. Compare MB/s with the reader section's
 * read+split limit.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Corpus } from './corpus';
import { ASTERINAS_RULES } from '../fixtures/paths';
import { best, line } from './report';
import type { BenchSection } from './section';

/** The repository root: this file runs as dist/tests/bench/cli-bench.js. */
const ROOT = path.join(__dirname, '..', '..', '..');

/** One child run of node; fails loudly on a non-zero status. */
function runNode(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status ?? r.signal}`);
}

export const cliBench: BenchSection = {
  name: 'sctrace CLI (child process, Asterinas rules, --quiet, output to /dev/null)',
  run(corpus: Corpus, runs: number, limit: number): void {
    const cli = path.join(ROOT, 'dist', 'cli', 'sctrace.js');
    const rules = ASTERINAS_RULES;
    const tiny = path.join(ROOT, 'examples', 'logs', 'ls.log');
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-bench-cache-'));
    const env = { ...process.env, XDG_CACHE_HOME: cache };
    try {
      const miss = best(1, () => runNode([cli, rules, '--quiet', '--input', tiny], env));
      const hit = best(runs * 2, () => runNode([cli, rules, '--quiet', '--input', tiny], env));
      const shipped = best(runs * 2, () => runNode([cli, '--matchers', 'asterinas', '--quiet', '--input', tiny], env));
      const bare = best(runs * 2, () => runNode(['-e', '0'], env));
      const whole = best(Math.max(1, runs - 2), () => runNode([cli, rules, '--quiet', '--input', corpus.path], env));
      console.log(`  start-up, cache miss (compiles ${path.basename(rules)})   ${miss.toFixed(0).padStart(6)} ms`);
      console.log(`  start-up, cache hit (tiny log)                 ${hit.toFixed(0).padStart(6)} ms`);
      console.log(`  start-up, --matchers asterinas (tiny log)      ${shipped.toFixed(0).padStart(6)} ms`);
      console.log(`  bare \`node -e 0\`                               ${bare.toFixed(0).padStart(6)} ms`);
      console.log(`  shipped set minus bare node                    ${(shipped - bare).toFixed(0).padStart(6)} ms  (target: at most 60 ms)`);
      console.log(line('whole CLI on the corpus', whole, corpus.bytes, corpus.lines, limit));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  },
};
