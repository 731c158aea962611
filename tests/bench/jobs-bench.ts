/**
 * `--jobs` against the original: the whole built `sctrace --quiet` with the
 * Asterinas rules, with --jobs 1 and --jobs 2, and (when it exists beside
 * the checkout, ../shared/reference/bin/sctrace-rs: for benchmarks only)
 * the original Rust tool, on the same corpus in the same run, alternating,
 * median of 3, with each run's peak RSS. The corpus is built from the test
 * logs the original can read to the end (it panics on some); the logs left
 * out are named. Output goes to /dev/null.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ASTERINAS_RULES } from '../fixtures/paths';
import { buildCorpus, listLogs, type Corpus } from './corpus';
import type { BenchSection } from './section';

const ROOT = path.join(__dirname, '..', '..', '..');
/** The original tool, beside the checkout; SCTRACE_RS names another copy. */
const ORIGINAL = process.env.SCTRACE_RS ?? path.join(ROOT, '..', 'shared', 'reference', 'bin', 'sctrace-rs');
const TIME = '/usr/bin/time';
const ROUNDS = 3;

interface Run {
  ms: number;
  /** Peak resident set in MB, or null when /usr/bin/time is missing. */
  rssMb: number | null;
}

interface Tool {
  name: string;
  argv: string[];
}

/** One run of argv with output to /dev/null: wall time, and peak RSS via /usr/bin/time -f %M when there. */
function measure(argv: string[], env: NodeJS.ProcessEnv): Run {
  const timed = fs.existsSync(TIME);
  const out = path.join(os.tmpdir(), `sctrace-bench-time-${process.pid}`);
  const cmd = timed ? [TIME, '-f', '%M', '-o', out, ...argv] : argv;
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { env, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ').slice(0, 200)}: exit ${r.status ?? r.signal}`);
  const rssMb = timed ? Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024 : null;
  return { ms, rssMb };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function scmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...scmlFiles(p));
    else if (e.name.endsWith('.scml')) out.push(p);
  }
  return out.sort();
}

/** The test logs the original reads to the end (exit 0). */
function logsTheOriginalReads(rules: string[]): { ok: string[]; left: string[] } {
  const ok: string[] = [];
  const left: string[] = [];
  for (const log of listLogs()) {
    const r = spawnSync(ORIGINAL, [...rules, '--input', log, '--quiet'], { stdio: 'ignore' });
    (r.status === 0 ? ok : left).push(log);
  }
  return { ok, left };
}

export const jobsBench: BenchSection = {
  name: `--jobs: the whole CLI (--quiet, Asterinas rules, output to /dev/null), median of ${ROUNDS}, alternating`,
  run(corpus: Corpus): void {
    const cli = path.join(ROOT, 'dist', 'cli', 'sctrace.js');
    const rulesDir = ASTERINAS_RULES;
    const rules = scmlFiles(rulesDir);
    const hasOriginal = fs.existsSync(ORIGINAL);
    let used = corpus;
    if (hasOriginal) {
      const { ok, left } = logsTheOriginalReads(rules);
      if (left.length > 0) {
        console.log(`  left out (the original does not read them to the end): ${left.map((l) => path.basename(l)).join(', ')}`);
        used = buildCorpus(corpus.bytes, ok, 'original-reads');
      }
    } else {
      console.log(`  (no ${path.relative(ROOT, ORIGINAL)}: the original is not measured)`);
    }
    console.log(`  corpus: ${(used.bytes / 1e6).toFixed(0)} MB, ${used.lines} lines; ${os.availableParallelism()} CPUs; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'sctrace-bench-cache-'));
    const env = { ...process.env, XDG_CACHE_HOME: cache };
    const tools: Tool[] = [
      { name: 'sctrace --jobs 1', argv: [process.execPath, cli, rulesDir, '--quiet', '--jobs', '1', '--input', used.path] },
      { name: 'sctrace --jobs 2', argv: [process.execPath, cli, rulesDir, '--quiet', '--jobs', '2', '--input', used.path] },
    ];
    if (hasOriginal) tools.push({ name: 'original (sctrace-rs)', argv: [ORIGINAL, ...rules, '--input', used.path, '--quiet'] });
    try {
      measure(tools[0].argv, env); // fills the cache: later runs are cache hits
      const runs = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
      for (let round = 0; round < ROUNDS; round++) for (const t of tools) runs.get(t.name)?.push(measure(t.argv, env));
      const med = new Map<string, number>();
      for (const t of tools) {
        const rs = runs.get(t.name) ?? [];
        const ms = median(rs.map((r) => r.ms));
        med.set(t.name, ms);
        const rss = rs.every((r) => r.rssMb !== null) ? `${Math.max(...rs.map((r) => r.rssMb ?? 0)).toFixed(0)} MB peak RSS` : 'peak RSS n/a';
        console.log(`  ${t.name.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms ${(used.bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(5)} MB/s   ${rss}   (runs: ${rs.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
      }
      const ratio = (a: string, b: string): string => ((med.get(b) ?? NaN) / (med.get(a) ?? NaN)).toFixed(2);
      console.log(`  --jobs 2 vs --jobs 1: ${ratio('sctrace --jobs 2', 'sctrace --jobs 1')}x`);
      if (hasOriginal) {
        console.log(`  --jobs 1 vs original: ${ratio('sctrace --jobs 1', 'original (sctrace-rs)')}x the original's throughput`);
        console.log(`  --jobs 2 vs original: ${ratio('sctrace --jobs 2', 'original (sctrace-rs)')}x the original's throughput (target: 3x)`);
      }
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  },
};
