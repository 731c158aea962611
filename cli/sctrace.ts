#!/usr/bin/env node
/**
 * sctrace: check the system calls in an strace log (offline) or of a running
 * program (online) against SCML rules. This file wires the pieces together
 * and maps outcomes to exit statuses; each piece lives in its own module.
 */
import { availableParallelism } from 'node:os';
import { COMPILER_VERSION } from '../compiler/version';
import { createClassifier } from '../runtime/classify';
import { matcherFor } from '../runtime/match/kernel-call';
import { ModuleFailure, matcherOrigin } from '../runtime/load-module';
import { OutputError, standardSinks, type FdSink } from '../runtime/output/fd-sink';
import type { TextSink } from '../runtime/report/reporter';
import { Progress, progressSink, progressWanted } from './progress';
import { CliFailure, describeIoError } from './failure';
import { loadRuleSet } from '../lib/rule-set';
import type * as CombineCli from './combine';
import type * as ProbeCli from './probe';
import { jobsFor } from '../runtime/parallel/plan';
import { checkLogs } from './offline';
import { traceProgram } from './online';
import { checkOutputFiles } from './output-files';
import { createReporter, runOutputFiles } from './reporters';
import { combineHelp, probeHelp, sctraceHelp, sctraceUsage } from './sctrace-help';
import { shippedSets, shippedSetsHelp } from './shipped-sets';
import { loadMatcherModule } from '../runtime/load-module';
import { UsageError, parseSctraceArgs, type SctraceOptions } from './sctrace-options';

/**
 * Exit statuses (also documented in --help and README). `interrupted`:
 * `sctrace probe` stopped by Ctrl-C (cli/probe.ts EXIT_INTERRUPTED). `brokenPipe`: an
 * offline run stopped because nobody read its output any more; 128 + SIGPIPE,
 * what the shell shows for any filter that SIGPIPE killed.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, unsupported: 3, interrupted: 130, brokenPipe: 141 } as const;

/**
 * The stream whose reader going away ends an offline run: the one with the
 * per-call output. That is stderr with --quiet (text format: all it prints),
 * stdout otherwise (supported calls, JSONL records, the JSON document). The
 * other stream alone is not worth reading the rest of the log for.
 */
function mainOutput(options: SctraceOptions, stdout: FdSink, stderr: FdSink): FdSink {
  return options.quiet && options.gaps.format === 'text' ? stderr : stdout;
}

export async function main(argv: string[]): Promise<number> {
  const { stdout, stderr } = standardSinks();
  // A progress line (offline, on a terminal) is cleared before anything else is said.
  const state: RunState = { progress: null };
  let status: number;
  try {
    status = await run(argv, stdout, stderr, state);
    state.progress?.clear();
    // Output that fails only now (a full disk) fails the run like any other.
    stdout.flush();
    stderr.flush();
  } catch (err) {
    state.progress?.clear();
    status = failure(err, stderr);
  }
  try {
    stdout.flush();
    stderr.flush();
  } catch {
    // stderr itself cannot be written (a full disk): there is nowhere left to say so; the status says it.
  }
  return status;
}

/** The message and exit status of whatever ended a run early. */
function failure(err: unknown, stderr: FdSink): number {
  try {
    if (err instanceof UsageError) {
      stderr.write(`sctrace: ${err.message}\nTry '${err.help}' for more information.\n`);
      return EXIT.usage;
    }
    if (err instanceof CliFailure) {
      stderr.write(`sctrace: ${err.message}\n`);
      return err.status;
    }
    if (err instanceof ModuleFailure) {
      stderr.write(`sctrace: ${err.message}\n`);
      return EXIT.failure;
    }
    if (err instanceof OutputError) {
      stderr.write(`sctrace: cannot write ${err.stream}: ${describeIoError(err)}\n`);
      return EXIT.failure;
    }
    stderr.write(`sctrace: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  } catch {
    // stderr failed too; the status still tells.
  }
  return EXIT.failure;
}

/** What a run leaves for main to tidy up: the progress line, when one is drawn. */
interface RunState {
  progress: Progress | null;
}

async function run(argv: string[], stdout: FdSink, terminal: FdSink, state: RunState): Promise<number> {
  if (argv[0] === 'combine') return combineMain(argv.slice(1), stdout);
  if (argv[0] === 'probe') return probeMain(argv.slice(1), stdout, terminal);
  if (argv[0] === 'completion') return completionMain(argv.slice(1), stdout);
  const parsed = parseSctraceArgs(argv);
  if (parsed.kind === 'help') {
    stdout.write(sctraceHelp(COMPILER_VERSION, shippedSetsHelp(loadMatcherModule)));
    return finished(stdout);
  }
  if (parsed.kind === 'usage') {
    // Bare `sctrace`: how to use it, on stderr, as a usage mistake.
    terminal.write(sctraceUsage(sctraceHelp(COMPILER_VERSION, shippedSetsHelp(loadMatcherModule))));
    return EXIT.usage;
  }
  if (parsed.kind === 'version') {
    stdout.write(`sctrace ${COMPILER_VERSION}\n`);
    return finished(stdout);
  }
  const options = parsed.options;
  let stderr: TextSink = terminal;
  if (options.command.length === 0 && progressWanted(options.quiet, process.stderr.isTTY === true, process.env)) {
    state.progress = new Progress(terminal);
    stderr = progressSink(terminal, state.progress);
  }
  // Before the rules are compiled or a log read: a bad output path fails at once.
  checkOutputFiles(runOutputFiles(options));
  const matcher = loadRuleSet(options.matchers !== null ? { matchers: options.matchers } : { scml: options.scml, noCache: options.noCache }, stderr).module;
  let linesRead: number | null = null;
  const reporter = createReporter(
    options,
    { ir: matcher.ir, target: matcher.target ?? null, stdout, stderr, asPrinted: options.asPrinted },
    () => linesRead,
  );
  const classifier = createClassifier(matcherFor(matcher, options.asPrinted), reporter);
  let status: number = EXIT.ok;
  // Online, a closed output is only dropped: the traced program is not ours to stop.
  let output: FdSink | null = null;
  if (options.command.length > 0) {
    // A full disk, as a closed pipe, only drops output while the program runs; it is reported at the end.
    stdout.deferErrors = terminal.deferErrors = true;
    const traced = await traceProgram(options.command, classifier, () => {
      stdout.flush();
      stderr.flush();
    }, { asPrinted: options.asPrinted, maxLine: options.maxLine, programOutput: options.gaps.format === 'text' ? 'stdout' : 'stderr' });
    status = traced.status;
    linesRead = traced.lines;
    stdout.deferErrors = terminal.deferErrors = false;
    const failed = stdout.deferred ?? terminal.deferred;
    if (failed !== null) throw failed;
  } else {
    output = mainOutput(options, stdout, terminal);
    const needs = reporter.skipsSupported === true ? 'unsupported' : 'all';
    linesRead = await checkLogs(options.inputs, classifier, output.closedSignal, {
      jobs: jobsFor(options.jobs, needs, availableParallelism()),
      origin: matcherOrigin(matcher),
      needs,
      asPrinted: options.asPrinted,
      maxLine: options.maxLine,
    }, state.progress ?? undefined);
    state.progress?.clear();
  }
  // Nobody reads the output any more: end as SIGPIPE would end a filter, reporting nothing more.
  if (output?.closed) return EXIT.brokenPipe;
  reporter.finish();
  output?.flush();
  if (output?.closed) return EXIT.brokenPipe;
  if (options.failOnUnsupported && classifier.unsupportedCount > 0) return EXIT.unsupported;
  return status;
}

/** A run whose whole output is stdout: its status once written (141 when nobody read it). */
function finished(stdout: FdSink): number {
  stdout.flush();
  return stdout.closed ? EXIT.brokenPipe : EXIT.ok;
}

/** `sctrace combine ...`: no log is read and no rule compiled; the output is UTF-8 text. */
function combineMain(argv: string[], stdout: FdSink): number {
  // Required here: checking a log never loads combine/ or the file discovery it shares with the compiler.
  const { parseCombineArgs, runCombine, writeCombined } = require('./combine') as typeof CombineCli;
  const parsed = parseCombineArgs(argv);
  if (parsed.kind === 'help') {
    stdout.write(combineHelp());
    return finished(stdout);
  }
  const text = runCombine(parsed.options);
  // The sinks write one char per byte (latin1): hand over the UTF-8 bytes.
  writeCombined(parsed.options, text, { write: (t) => stdout.write(Buffer.from(t, 'utf8').toString('latin1')) });
  return finished(stdout);
}

/** `sctrace probe ...`: reruns the program once per gap; loaded only for this command. */
async function probeMain(argv: string[], stdout: FdSink, stderr: FdSink): Promise<number> {
  const { parseProbeArgs, runProbe } = require('./probe') as typeof ProbeCli;
  const parsed = parseProbeArgs(argv);
  if (parsed.kind === 'help') {
    stdout.write(probeHelp());
    return finished(stdout);
  }
  return runProbe(parsed.options, stdout, stderr);
}

/** `sctrace completion bash|zsh|fish`: the script on stdout. */
function completionMain(argv: string[], stdout: FdSink): number {
  // Required here: only this subcommand needs the option tables of every command.
  const { SHELLS, completionScript } = require('./completion') as typeof import('./completion');
  const shell = SHELLS.find((s) => s === argv[0]);
  if (shell === undefined || argv.length !== 1) {
    throw new UsageError(`completion needs one shell: ${SHELLS.join(', ')} (e.g. eval "$(sctrace completion bash)")`);
  }
  stdout.write(completionScript(shell, shippedSets().map((s) => s.name)));
  return finished(stdout);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((status) => process.exit(status));
}
