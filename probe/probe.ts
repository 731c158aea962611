/**
 * `sctrace probe`: does a gap matter? Two baseline runs under strace learn
 * the app's gaps and what it does (exit status, a digest of its stdout);
 * then one rerun per gap refuses the gap's calls with strace's fault
 * injection (stub and fake for a syscall with no rule, EINVAL for the rest:
 * injection.ts), and each rerun is judged against the baseline (verdict.ts).
 * In the manner of Loupe (ASPLOS 2024), with the rules' flag-, field- and
 * count-level gaps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatcherModule } from '../runtime/abi';
import type { ProbeResult, ProbeSection } from '../runtime/report/app-verdict';
import { withProbe, type JsonDocument } from '../runtime/report/json-document';
import { rerunsFor, type Rerun } from './injection';
import { observe, type ObserveOptions, type Observation } from './observe';
import { shellRun, traceRun, type Outcome, type RunSettings, type Tampering } from './run';
import { seccompRefusal } from './seccomp';
import { judge, type Reference } from './verdict';

export interface ProbeOptions extends RunSettings {
  label: string;
  /** python3, to run the seccomp launcher that refuses flag gaps exactly; null: strace's when= instead. */
  python3: string | null;
  /** Run after each run; exit 0 means the run worked. */
  check: string | null;
  /** Run before each run. */
  setup: string | null;
}

export interface ProbeEvents {
  /** After the first baseline: how many runs the probe makes in all. */
  planned(runs: number, gaps: number): void;
  /** Before each run (1-based); `runs` is null until the first baseline has counted the gaps. */
  running(run: number, runs: number | null, what: string): void;
}

/** A probe that cannot go on (strace failing, a --setup that fails): reported as is. */
export class ProbeFailure extends Error {
  override name = 'ProbeFailure';
}

const BASELINES = 2;

export async function probe(matcher: MatcherModule, options: ProbeOptions, events: ProbeEvents): Promise<JsonDocument> {
  const dir = mkdtempSync(join(tmpdir(), 'sctrace-probe-'));
  let count = 0;
  let runs: number | null = null;
  /** One run: --setup, the program under strace, --check; then its log read against the rules. */
  const once = async (what: string, tampering: Tampering, observing: ObserveOptions = {}): Promise<{ outcome: Outcome; seen: Observation; check: number | null }> => {
    count++;
    events.running(count, runs, what);
    if (options.setup !== null) {
      const setup = await shellRun(options.setup, options);
      if (setup.status !== 0) throw new ProbeFailure(`--setup failed (status ${setup.status}) before run ${count}${tail(setup)}`);
    }
    const log = join(dir, `run-${count}.log`);
    const outcome = await traceRun(options, log, tampering);
    let seen: Observation;
    try {
      seen = observe(matcher, log, options.label, observing);
    } catch (err) {
      throw new ProbeFailure(`strace wrote no log (exit status ${outcome.status})${tail(outcome)}: ${(err as Error).message}`);
    }
    if (seen.calls.length === 0) throw new ProbeFailure(`strace traced no call (exit status ${outcome.status})${tail(outcome)}`);
    rmSync(log, { force: true });
    const check = options.check === null ? null : (await shellRun(options.check, options)).status;
    return { outcome, seen, check };
  };
  try {
    const first = await once('baseline 1', {});
    const blockers = first.seen.document.blockers;
    runs = BASELINES + blockers.reduce((n, g) => n + (g.kind === 'no-rule' ? 2 : 1), 0);
    events.planned(runs, blockers.length);
    // The second baseline spells flags with their values too (-X verbose): a seccomp filter needs the bits.
    const second = await once('baseline 2', { straceOptions: ['-X', 'verbose'] });
    const reference = referenceOf(first, second, options.check !== null);
    const reruns: Rerun[] = blockers.flatMap((gap) =>
      rerunsFor(gap, first.seen.calls, options.python3 === null ? null : seccompRefusal(matcher.ir, gap, second.seen.calls), options.python3),
    );
    const results: ProbeResult[] = [];
    for (const rerun of reruns) {
      const run = await once(`${rerun.mode} ${rerun.inject}`, rerun.tampering, rerun.observing);
      results.push(judge(rerun, run.outcome, run.seen.calls, reference, run.check));
    }
    const section: ProbeSection = {
      command: options.command,
      runs,
      check: options.check,
      setup: options.setup,
      timeout: options.timeout,
      baseline: {
        statuses: [first.outcome.status, second.outcome.status],
        outputCompared: reference.stdoutDigest !== null,
        note: reference.unstable ?? referenceNote(reference),
      },
      results,
    };
    return withProbe(first.seen.document, section);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Run = { outcome: Outcome; check: number | null };

function referenceOf(a: Run, b: Run, byCheck: boolean): Reference {
  let unstable: string | null = null;
  if (byCheck && (a.check !== 0 || b.check !== 0)) unstable = `--check fails on the baseline (status ${a.check}, ${b.check}): nothing to compare with`;
  else if (!byCheck && a.outcome.status !== b.outcome.status) {
    unstable = `the two baselines ended differently (exit status ${a.outcome.status}, ${b.outcome.status}): give --check to judge the runs`;
  }
  const sameOutput = a.outcome.stdoutDigest === b.outcome.stdoutDigest;
  return { status: a.outcome.status, stdoutDigest: sameOutput ? a.outcome.stdoutDigest : null, byCheck, unstable };
}

function referenceNote(ref: Reference): string {
  if (ref.byCheck) return 'judged by --check';
  if (ref.stdoutDigest === null) return `the two baselines wrote different stdout: judged by exit status alone (${ref.status})`;
  return `judged by exit status (${ref.status}) and stdout`;
}

function tail(outcome: Outcome): string {
  return outcome.lastStderrLine === '' ? '' : `; last stderr line: ${outcome.lastStderrLine}`;
}
