/**
 * `sctrace probe <rules> [options] -- prog args`: reruns the program with
 * each gap refused (probe/) and says which gaps it tolerates. This file reads
 * the command line, tells the user how many runs are coming, stops the runs
 * on Ctrl-C, and writes the output.
 */
import arg from 'arg';
import { ProbeFailure, probe } from '../probe/probe';
import { findExecutable } from '../probe/find-executable';
import { probeRows, probeText } from '../probe/render-text';
import { killRunning } from '../probe/run';
import type { JsonDocument } from '../runtime/report/json-document';
import { jsonForSink } from '../runtime/report/json-text';
import type { TextSink } from '../runtime/report/reporter';
import { CliFailure } from './failure';
import { obtainMatcher } from './matchers';
import { STRACE_FAILED_HINT, STRACE_MISSING } from './online';
import { checkOutputFiles, writeOutputFile } from './output-files';
import { renderAppPage } from './reporters';
import { UsageError, defaultLabel } from './sctrace-options';

export const SPEC = {
  '--matchers': String,
  '--no-cache': Boolean,
  '--check': String,
  '--setup': String,
  '--timeout': String,
  '--format': String,
  '--html': String,
  '--label': String,
  '--help': Boolean,
  '-m': '--matchers',
  '-h': '--help',
} satisfies arg.Spec;

export const PROBE_FORMATS = ['text', 'json'] as const;

export interface ProbeCliOptions {
  scml: string[];
  matchers: string | null;
  noCache: boolean;
  command: string[];
  check: string | null;
  setup: string | null;
  timeout: number;
  format: (typeof PROBE_FORMATS)[number];
  html: string | null;
  label: string;
}

/** Exit status when Ctrl-C (SIGINT) stopped the probe: 128 + 2, as a shell shows it. */
export const EXIT_INTERRUPTED = 130;

export function parseProbeArgs(argv: string[]): { kind: 'help' } | { kind: 'run'; options: ProbeCliOptions } {
  const dashes = argv.indexOf('--');
  const command = dashes < 0 ? [] : argv.slice(dashes + 1);
  let parsed: arg.Result<typeof SPEC>;
  try {
    parsed = arg(SPEC, { argv: dashes < 0 ? argv : argv.slice(0, dashes) });
  } catch (err) {
    if (err instanceof arg.ArgError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed['--help']) return { kind: 'help' };
  const format = parsed['--format'] ?? 'text';
  if (!(PROBE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${PROBE_FORMATS.join(', ')}`);
  const timeoutText = parsed['--timeout'] ?? '0';
  const timeout = Number(timeoutText);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(timeoutText) || !Number.isFinite(timeout)) {
    throw new UsageError(`--timeout must be a number of seconds (0: none), not '${timeoutText}'`);
  }
  const options: ProbeCliOptions = {
    scml: parsed._,
    matchers: parsed['--matchers'] ?? null,
    noCache: parsed['--no-cache'] ?? false,
    command,
    check: parsed['--check'] ?? null,
    setup: parsed['--setup'] ?? null,
    timeout,
    format: format as ProbeCliOptions['format'],
    html: parsed['--html'] ?? null,
    label: parsed['--label'] ?? defaultLabel([], command),
  };
  if (options.matchers !== null && options.scml.length > 0) throw new UsageError('give either SCML paths or --matchers <module.js|set>, not both');
  if (options.matchers === null && options.scml.length === 0) {
    throw new UsageError('no rules: give SCML files, folders or globs, or --matchers <module.js|set> (e.g. --matchers asterinas)');
  }
  if (command.length === 0) throw new UsageError('probe: give the program to run after `--` (sctrace probe <rules> -- prog args)');
  if (options.label.trim() === '') throw new UsageError('--label needs a name');
  return { kind: 'run', options };
}

/** Runs the probe; progress goes to stderr, the table or the JSON report to stdout. Returns the exit status. */
export async function runProbe(options: ProbeCliOptions, stdout: TextSink, stderr: TextSink): Promise<number> {
  const strace = findExecutable('strace', process.env.PATH);
  if (strace.kind !== 'found') throw new CliFailure(STRACE_MISSING);
  const program = findExecutable(options.command[0], process.env.PATH);
  if (program.kind === 'missing') throw new CliFailure(`program not found: ${options.command[0]}`);
  if (program.kind === 'not-executable') throw new CliFailure(`cannot run ${options.command[0]}: permission denied`);
  // The page is written after many runs: find out now if it cannot be.
  const html = options.html === null ? null : { path: options.html, what: 'the HTML page' };
  if (html !== null) checkOutputFiles([html]);
  const matcher = obtainMatcher(options, stderr);
  // The seccomp launcher that refuses flag gaps exactly runs on python3; without it, strace's when= does what it can.
  const python3 = findExecutable('python3', process.env.PATH);
  if (python3.kind !== 'found') {
    stderr.write('sctrace probe: python3 not found: flag gaps are refused with strace\'s when=, which may miss some of their calls or refuse others (the REFUSED column says)\n');
  }
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    killRunning();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  let document: JsonDocument;
  try {
    document = await probe(
      matcher,
      { strace: strace.path, python3: python3.kind === 'found' ? python3.path : null, command: options.command, cwd: process.cwd(), env: process.env, timeout: options.timeout, label: options.label, check: options.check, setup: options.setup },
      {
        planned(runs, gaps) {
          stderr.write(
            `sctrace probe: ${gaps} gap${gaps === 1 ? '' : 's'}: ${runs} runs of the program in all (2 baselines, ${runs - 2} rerun${runs === 3 ? '' : 's'}); ` +
              `each run repeats its side effects\n`,
          );
          stderr.flush();
        },
        running(run, runs, what) {
          if (interrupted) throw new CliFailure('interrupted; no run is left going', EXIT_INTERRUPTED);
          stderr.write(`sctrace probe: run ${run}${runs === null ? '' : `/${runs}`}: ${what}\n`);
          stderr.flush();
        },
      },
    );
  } catch (err) {
    // strace tracing nothing is mostly ptrace being refused: say what to do, as online mode does.
    if (err instanceof ProbeFailure) throw new CliFailure(err.message.startsWith('strace') ? `${err.message}; ${STRACE_FAILED_HINT}` : err.message);
    throw err;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    process.removeListener('SIGTERM', onInterrupt);
  }
  if (interrupted) throw new CliFailure('interrupted; no run is left going', EXIT_INTERRUPTED);
  if (html !== null) writeOutputFile(html, renderAppPage(document, html.path, { note: document.probe?.baseline.note ?? '', rows: probeRows(document) }));
  // The sinks write one char per byte (latin1): the table may quote the program's UTF-8 stderr.
  stdout.write(options.format === 'json' ? jsonForSink(document, 2) + '\n' : Buffer.from(probeText(document), 'utf8').toString('latin1'));
  return 0;
}
