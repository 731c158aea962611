/**
 * `sctrace` command line: the one place where options are declared, parsed
 * and checked. A new option goes into SPEC and SctraceOptions; the mode
 * rules (offline / online, rules from SCML or a module) live in parseSctraceArgs.
 */
import * as path from 'node:path';
import arg from 'arg';
import type { GapOptions } from '../runtime/report/gap-reporter';
import { OUTPUT_FORMAT_NAMES, isOutputFormat } from '../runtime/report/output-formats';
import { argError } from './arg-error';
import { DEFAULT_MAX_LINE_BYTES } from '../runtime/reader/line-splitter';

export const SPEC = {
  '--input': [String],
  '--quiet': Boolean,
  '--matchers': String,
  '--no-cache': Boolean,
  '--fail-on-unsupported': Boolean,
  '--as-printed': Boolean,
  '--explain': Boolean,
  '--summary': Boolean,
  '--coverage': Boolean,
  '--format': String,
  '--suggest-scml': String,
  '--jobs': String,
  '--label': String,
  '--html': String,
  '--max-line': String,
  '--help': Boolean,
  '--version': Boolean,
  '-i': '--input',
  '-q': '--quiet',
  '-m': '--matchers',
  '-j': '--jobs',
  '-h': '--help',
  '-V': '--version',
} satisfies arg.Spec;

export interface SctraceOptions {
  /** SCML files, folders or globs (empty when `matchers` is given). */
  scml: string[];
  /** A precompiled matcher module or a shipped set's name, instead of SCML. */
  matchers: string | null;
  /** Offline mode: logs to read (`-` is stdin). Empty in online mode. */
  inputs: string[];
  /** Online mode: the program and its arguments, exactly as given after `--`. Empty offline. */
  command: string[];
  quiet: boolean;
  noCache: boolean;
  failOnUnsupported: boolean;
  /** Match arguments exactly as strace printed them, like the original tool (docs/behaviour.md section 5). */
  asPrinted: boolean;
  /** Threads that may read one log (`--jobs`); undefined: not given, the run decides (runtime/parallel/plan.ts jobsFor). */
  jobs: number | undefined;
  /** Where-are-the-gaps outputs: --explain, --summary, --coverage, --format, --label. */
  gaps: Pick<GapOptions, 'format' | 'explain' | 'summary' | 'coverage' | 'label'>;
  /** `--suggest-scml FILE`: write suggested SCML there after the run. */
  suggestScml: string | null;
  /** `--html FILE`: also write this app's page there. */
  html: string | null;
  /** `--max-line`: longest log line read, in bytes; a longer one is reported by its first bytes and length. */
  maxLine: number;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  /** No argument at all: show how to use sctrace. */
  | { kind: 'usage' }
  | { kind: 'run'; options: SctraceOptions };

/** A mistake in how sctrace was called (exit status 2). */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The help that explains the usage: the command's own. */
  readonly help: string = 'sctrace --help';
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 1024) {
    throw new UsageError(`--jobs must be a whole number from 1 to 1024, not '${value}'`);
  }
  return Number(value);
}

function checkFormat(name: string): GapOptions['format'] {
  if (!isOutputFormat(name)) throw new UsageError(`--format must be one of ${OUTPUT_FORMAT_NAMES.join(', ')}`);
  return name;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

/** `--max-line`: bytes, with an optional K, M or G (powers of 1024). */
function parseMaxLine(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_LINE_BYTES;
  const m = /^([0-9]{1,10})([kmg]?)$/i.exec(value);
  const bytes = m === null ? NaN : Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()];
  if (!(bytes >= 64 && bytes <= 1 << 30)) {
    throw new UsageError(`--max-line must be a size from 64 bytes to 1G (e.g. 65536, 512K, 16M), not '${value}'`);
  }
  return bytes;
}

export function parseSctraceArgs(argv: string[]): ParsedArgs {
  // Everything after the first `--` is the program's own argument vector, untouched.
  const dashes = argv.indexOf('--');
  const ours = dashes < 0 ? argv : argv.slice(0, dashes);
  const command = dashes < 0 ? [] : argv.slice(dashes + 1);

  if (argv.length === 0) return { kind: 'usage' };
  let parsed: arg.Result<typeof SPEC>;
  try {
    parsed = arg(SPEC, { argv: ours });
  } catch (err) {
    throw argError(err, Object.keys(SPEC), UsageError);
  }
  if (parsed['--help']) return { kind: 'help' };
  if (parsed['--version']) return { kind: 'version' };

  const options: SctraceOptions = {
    scml: parsed._,
    matchers: parsed['--matchers'] ?? null,
    inputs: parsed['--input'] ?? [],
    command,
    quiet: parsed['--quiet'] ?? false,
    noCache: parsed['--no-cache'] ?? false,
    failOnUnsupported: parsed['--fail-on-unsupported'] ?? false,
    asPrinted: parsed['--as-printed'] ?? false,
    jobs: parseJobs(parsed['--jobs']),
    gaps: {
      format: checkFormat(parsed['--format'] ?? 'text'),
      explain: parsed['--explain'] ?? false,
      summary: parsed['--summary'] ?? false,
      coverage: parsed['--coverage'] ?? false,
      label: parsed['--label'] ?? defaultLabel(parsed['--input'] ?? [], command),
    },
    suggestScml: parsed['--suggest-scml'] ?? null,
    html: parsed['--html'] ?? null,
    maxLine: parseMaxLine(parsed['--max-line']),
  };

  if (options.gaps.label.trim() === '') throw new UsageError('--label needs a name');
  if (options.matchers !== null && options.scml.length > 0) {
    throw new UsageError('give either SCML paths or --matchers <module.js|set>, not both');
  }
  if (options.matchers === null && options.scml.length === 0) {
    throw new UsageError('no rules: give SCML files, folders or globs, or --matchers <module.js|set> (e.g. --matchers asterinas)');
  }
  if (dashes >= 0 && command.length === 0) throw new UsageError('no program after `--`');
  if (options.inputs.length > 0 && command.length > 0) {
    throw new UsageError('give either --input <log> (offline) or -- <program> (online), not both');
  }
  if (options.inputs.length === 0 && command.length === 0) {
    throw new UsageError('nothing to check: give --input <log> (offline) or -- <program> [args...] (online)');
  }
  return { kind: 'run', options };
}

/**
 * The app's name when --label is not given: the first log's file name
 * without `.gz`, a `-ff` pid suffix and `.log` (`ls.log.gz` -> `ls`); online,
 * the program's name.
 */
export function defaultLabel(inputs: string[], command: string[]): string {
  if (command.length > 0) return path.basename(command[0]);
  if (inputs.length === 0 || inputs[0] === '-') return 'standard input';
  const name = path.basename(inputs[0]).replace(/\.gz$/, '').replace(/\.log\.\d+$/, '.log').replace(/\.log$/, '');
  return name === '' ? path.basename(inputs[0]) : name;
}
