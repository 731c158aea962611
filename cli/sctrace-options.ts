/**
 * `sctrace` command line: the one place where options are declared, parsed
 * and checked. A new option goes into SPEC and SctraceOptions; the mode
 * rules (offline / online, rules from SCML or a module) live in parseSctraceArgs.
 */
import arg from 'arg';

const SPEC = {
  '--input': [String],
  '--quiet': Boolean,
  '--matchers': String,
  '--no-cache': Boolean,
  '--fail-on-unsupported': Boolean,
  '--help': Boolean,
  '--version': Boolean,
  '-i': '--input',
  '-q': '--quiet',
  '-m': '--matchers',
  '-h': '--help',
  '-V': '--version',
} satisfies arg.Spec;

export interface SctraceOptions {
  /** SCML files, folders or globs (empty when `matchers` is given). */
  scml: string[];
  /** A precompiled matcher module, instead of SCML. */
  matchers: string | null;
  /** Offline mode: logs to read (`-` is stdin). Empty in online mode. */
  inputs: string[];
  /** Online mode: the program and its arguments, exactly as given after `--`. Empty offline. */
  command: string[];
  quiet: boolean;
  noCache: boolean;
  failOnUnsupported: boolean;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: SctraceOptions };

/** A mistake in how sctrace was called (exit status 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseSctraceArgs(argv: string[]): ParsedArgs {
  // Everything after the first `--` is the program's own argument vector, untouched.
  const dashes = argv.indexOf('--');
  const ours = dashes < 0 ? argv : argv.slice(0, dashes);
  const command = dashes < 0 ? [] : argv.slice(dashes + 1);

  let parsed: arg.Result<typeof SPEC>;
  try {
    parsed = arg(SPEC, { argv: ours });
  } catch (err) {
    if (err instanceof arg.ArgError) throw new UsageError(err.message);
    throw err;
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
  };

  if (options.matchers !== null && options.scml.length > 0) {
    throw new UsageError('give either SCML paths or --matchers <module.js>, not both');
  }
  if (options.matchers === null && options.scml.length === 0) {
    throw new UsageError('no rules: give SCML files, folders or globs, or --matchers <module.js>');
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
