#!/usr/bin/env node
/**
 * scmlc: compile SCML rules into a matcher module (or just check them).
 * Argument parsing, file discovery, output and exit codes; the compiling is
 * compiler/index.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import arg from 'arg';
import { writeAtomically } from './write-atomically';
import { describeIoError } from './failure';
import { OutputError, standardSinks, type FdSink } from '../runtime/output/fd-sink';
import { COMPILER_VERSION } from '../compiler/version';
import type { MatcherTarget } from '../runtime/abi';
import { type CompilerInput, analyze } from '../compiler/analyze';
import { formatDiagnostics } from '../compiler/diagnostics';
import { discoverScml } from '../compiler/discover';
import { compatibilityTable } from '../compiler/table/model';
import { renderTableHtml } from '../compiler/table/render-html';
import { renderTableMarkdown } from '../compiler/table/render-markdown';
import type { IR } from '../runtime/ir';
import { PACKAGE_MODULE, packagePaths, writeRuleSetPackage } from './rule-set-package';
import { isPackageName } from './rule-set-packages';

/** The emitter pulls in TypeScript (slow to load); only a run that writes a module needs it. */
function loadCompile(): (typeof import('../compiler/index'))['compile'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../compiler/index') as typeof import('../compiler/index')).compile;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export const HELP = `scmlc ${COMPILER_VERSION} - compile SCML rules into a matcher module for sctrace

Usage:
  scmlc <file|dir|glob>... -o <out.js|out.ts>   compile into a matcher module
  scmlc <file|dir|glob>... --check              check only; write nothing
  scmlc <file|dir|glob>... --table md|html [-o <file>]
                                                 the compatibility table (stdout or <file>)
  scmlc <file|dir|glob>... --package <dir> --name <npm-name> --os <name> [--os-version <v>] [--source <url>]
                                                 write a ready-to-publish rule-set package

Operands:
  file   an SCML file (any extension)
  dir    a directory, searched recursively for *.scml
  glob   a pattern such as 'rules/**/*.scml' (quote it so the shell leaves it alone)
  All files are compiled together, sorted by path. Named bitflags and struct
  rules are visible only in their own file; syscall rules from all files are
  pooled (a call is supported when it matches any rule with its name).

Options:
  -o, --output <file>  where to write the module; the extension picks the format:
                       .js or .cjs = CommonJS JavaScript, .ts or .cts = TypeScript,
                       .json = the resolved rules as IR (JSON) instead of a module
  --check              report errors and warnings only
  --warnings-as-errors treat warnings as errors (exit 1, nothing written): for CI
  --table md|html      instead of a module, write the rule set's compatibility table:
                       per x86_64 syscall (by number) supported or not, the rules'
                       file:line, and per flag argument the names the rules allow and
                       the names strace prints that they never mention. md = Markdown,
                       html = one self-contained page; to stdout, or to -o <file>
  --os <name>          stamp the module with the OS it describes (exported as
                       \`target\`; sctrace's reports name it): e.g. --os Asterinas
  --os-version <v>     with --os: the OS release or commit, e.g. 1.2 or 604948581
  --source <url>       with --os: where the rules come from (URL and commit)
  --package <dir>      write an npm package of the rule set into <dir>: matchers.js,
                       the SCML under rules/, package.json (with "sctrace":
                       {"matchers", "abi"}), a README and a LICENSE placeholder to
                       fill. Needs --name and --os. Once installed (npm install),
                       \`sctrace --matchers <npm-name>\` finds it.
  --name <npm-name>    with --package: the package's name, e.g. @myos/sctrace-rules
  -q, --quiet          do not print warnings or the summary line
  -h, --help           show this help
  -V, --version        show the compiler version

Examples:
  scmlc rules/ -o matchers.js
  scmlc --check 'rules/**/*.scml'
  scmlc open.scml net/ -o matchers.ts
  scmlc rules/ -o rules.json          (inspect how the rules were resolved)
  scmlc rules/ --table html -o compat.html
  scmlc rules/ -o myos-1.2.js --os MyOS --os-version 1.2 --source https://example.org/myos/rules
  scmlc rules/ --package pkg --name @myos/sctrace-rules --os MyOS --os-version 1.2
  sctrace --matchers matchers.js --input app.log

Diagnostics go to stderr as path:line:column: error|warning: message, with
the source line and a caret under the spot. Besides errors, scmlc warns about
rules that cannot match on x86_64 Linux: a syscall name it does not have (with
a "did you mean"), or a parameter count that strace never prints for that
syscall (only where strace's decoder prints a fixed count; list in
linux/fixed-print-counts.ts), and a flag name strace never prints for that
argument: a misspelling (in none of strace's tables, with a "did you mean"),
a name of another argument's table (O_CLOEXEC in mmap's flags, naming the
table it belongs to), or a name strace prints by another spelling (O_ASYNC,
printed FASYNC). Names come from strace's own tables (linux/strace-names.ts).

Exit status:
  0  success (warnings may have been printed)
  1  an error: in the SCML, an operand that names no file, or the output cannot be written
     (also stdout or stderr: a full disk); with --warnings-as-errors, also any warning
  2  usage error: unknown option, no operand, neither -o nor --check (nor --table),
     unknown output extension, unknown --table format
`;

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

export const SPEC = {
  '--output': String,
  '--check': Boolean,
  '--warnings-as-errors': Boolean,
  '--quiet': Boolean,
  '--os': String,
  '--os-version': String,
  '--source': String,
  '--table': String,
  '--package': String,
  '--name': String,
  '--help': Boolean,
  '--version': Boolean,
  '-o': '--output',
  '-q': '--quiet',
  '-h': '--help',
  '-V': '--version',
} as const;

type OutputFormat = 'js' | 'ts' | 'ir';

function formatOf(output: string): OutputFormat | null {
  const ext = path.extname(output).toLowerCase();
  if (ext === '.js' || ext === '.cjs') return 'js';
  if (ext === '.ts' || ext === '.cts') return 'ts';
  if (ext === '.json') return 'ir';
  return null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Run scmlc with `argv` (without node and script); returns the exit status. */
export function main(argv: string[], io: Io): number {
  const usage = (message: string): number => {
    io.stderr.write(`scmlc: ${message}\nTry 'scmlc --help' for more information.\n`);
    return EXIT_USAGE;
  };
  let options: arg.Result<typeof SPEC>;
  try {
    options = arg(SPEC, { argv });
  } catch (err) {
    return usage((err as Error).message);
  }
  if (options['--help']) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options['--version']) {
    io.stdout.write(`scmlc ${COMPILER_VERSION}\n`);
    return EXIT_OK;
  }
  const operands = options._;
  const packageDir = options['--package'];
  if (packageDir !== undefined) {
    if (options['--output'] !== undefined || options['--check'] === true) return usage('--package writes its own module: do not combine it with -o or --check');
    if (options['--name'] === undefined || !isPackageName(options['--name'])) return usage('--package needs --name <npm-name>, e.g. --name @myos/sctrace-rules');
    if (options['--os'] === undefined) return usage('--package needs --os <name>: the package says which OS its rules describe');
  } else if (options['--name'] !== undefined) {
    return usage('--name names the package of --package <dir>');
  }
  const output = packageDir === undefined ? options['--output'] : path.join(packageDir, PACKAGE_MODULE);
  const check = options['--check'] === true;
  const quiet = options['--quiet'] === true;
  if (operands.length === 0) return usage('no SCML file, directory or glob given');
  const tableFormat = options['--table'];
  if (tableFormat !== undefined && tableFormat !== 'md' && tableFormat !== 'html') return usage(`--table takes md or html, not '${tableFormat}'`);
  if (tableFormat !== undefined && (check || options['--os'] !== undefined)) return usage('--table writes a table, not a module: do not combine it with --check or --os');
  if (check && output !== undefined) return usage('--check writes nothing; do not combine it with -o');
  if (!check && output === undefined && tableFormat === undefined) return usage('say where to write the module with -o <out.js|out.ts>, or use --check');
  const osName = options['--os'];
  if (osName === undefined && (options['--os-version'] !== undefined || options['--source'] !== undefined)) {
    return usage('--os-version and --source describe an OS: give --os <name> too');
  }
  if (osName !== undefined && (check || output === undefined || formatOf(output) === 'ir')) {
    return usage('--os stamps a matcher module: use it with -o <out.js|out.ts>');
  }
  if (osName !== undefined && osName.trim() === '') return usage('--os needs a name');
  const target: MatcherTarget | null =
    osName === undefined
      ? null
      : { os: osName, version: options['--os-version'] ?? null, source: options['--source'] ?? null };
  const format = output === undefined || tableFormat !== undefined ? null : formatOf(output);
  if (output !== undefined && format === null && tableFormat === undefined) {
    return usage(`cannot tell the output format from '${output}': use a .js, .ts or .json extension`);
  }

  const found = discoverScml(operands, io.cwd);
  for (const message of found.errors) io.stderr.write(`scmlc: error: ${message}\n`);
  if (found.errors.length > 0) return EXIT_ERRORS;

  const inputs: CompilerInput[] = [];
  // In a package, the rules are named by their path inside it.
  const names = packageDir === undefined ? found.files : packagePaths(found.files.map((f) => path.resolve(io.cwd, f)));
  for (const [i, file] of found.files.entries()) {
    try {
      inputs.push({ path: names[i], bytes: readFileSync(path.resolve(io.cwd, file)) });
    } catch (err) {
      io.stderr.write(`scmlc: error: cannot read '${file}': ${(err as Error).message}\n`);
      return EXIT_ERRORS;
    }
  }

  const result =
    format === 'js' || format === 'ts' ? loadCompile()(inputs, { format, target }) : { ...analyze(inputs), code: null };
  // Diagnostics name the files as the user gave them, also when the module names them by their place in a package.
  const given = new Map(names.map((name, i) => [name, found.files[i]]));
  result.diagnostics = result.diagnostics.map((d) => ({ ...d, file: given.get(d.file) ?? d.file }));
  const shown = quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  io.stderr.write(formatDiagnostics(shown));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (errors > 0 || result.ir === null) {
    io.stderr.write(`scmlc: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; nothing written\n`);
    return EXIT_ERRORS;
  }
  if (warnings > 0 && options['--warnings-as-errors'] === true) {
    // Printed even with --quiet: the run fails because of them.
    if (quiet) io.stderr.write(formatDiagnostics(result.diagnostics));
    io.stderr.write(`scmlc: ${plural(warnings, 'warning')}, treated as errors (--warnings-as-errors); nothing written\n`);
    return EXIT_ERRORS;
  }
  const stats = `${plural(inputs.length, 'file')}, ${plural(result.ir.rules.length, 'rule')} for ${plural(result.ir.syscalls.length, 'syscall')}, ${plural(warnings, 'warning')}`;
  if (tableFormat !== undefined) return writeTable(result.ir, tableFormat, output, io, quiet ? null : stats);
  const text = format === 'ir' ? JSON.stringify(result.ir, null, 2) + '\n' : result.code;
  if (packageDir !== undefined && text !== null && target !== null) {
    try {
      writeRuleSetPackage({
        dir: path.resolve(io.cwd, packageDir),
        name: options['--name'] as string,
        target,
        files: inputs.map((f) => ({ path: f.path, bytes: Buffer.from(f.bytes) })),
        code: text,
        rules: result.ir.rules.length,
        syscalls: result.ir.syscalls.length,
        compiler: `scmlc ${COMPILER_VERSION}`,
      });
    } catch (err) {
      io.stderr.write(`scmlc: error: cannot write the package in '${packageDir}': ${(err as Error).message}\n`);
      return EXIT_ERRORS;
    }
    if (!quiet) io.stderr.write(`scmlc: wrote package ${options['--name']} in ${packageDir} (${stats}); fill in its LICENSE before publishing\n`);
  } else if (output !== undefined && text !== null) {
    try {
      writeAtomically(path.resolve(io.cwd, output), text);
    } catch (err) {
      io.stderr.write(`scmlc: error: cannot write '${output}': ${describeIoError(err)}\n`);
      return EXIT_ERRORS;
    }
    if (!quiet) io.stderr.write(`scmlc: wrote ${output} (${stats})\n`);
  } else if (!quiet) {
    io.stderr.write(`scmlc: ok (${stats})\n`);
  }
  return EXIT_OK;
}

/** --table: the compatibility table to stdout or to `output`. */
function writeTable(ir: IR, tableFormat: 'md' | 'html', output: string | undefined, io: Io, stats: string | null): number {
  const table = compatibilityTable(ir);
  const text = tableFormat === 'md' ? renderTableMarkdown(table) : renderTableHtml(table);
  if (output === undefined) {
    io.stdout.write(text);
    return EXIT_OK;
  }
  try {
    writeAtomically(path.resolve(io.cwd, output), text);
  } catch (err) {
    io.stderr.write(`scmlc: error: cannot write '${output}': ${(err as Error).message}\n`);
    return EXIT_ERRORS;
  }
  if (stats !== null) io.stderr.write(`scmlc: wrote ${output} (${stats})\n`);
  return EXIT_OK;
}

/**
 * Run with the process's stdout and stderr, written synchronously: a write
 * that fails (ENOSPC, EIO) is one line and exit status 1, never a stack
 * trace; a reader that went away (EPIPE) only drops the output.
 */
function runWithStdio(argv: string[]): number {
  const { stdout, stderr } = standardSinks();
  // The sinks write one char per byte: hand over UTF-8 bytes.
  const utf8 = (sink: FdSink) => ({ write: (text: string) => sink.write(Buffer.from(text, 'utf8').toString('latin1')) });
  try {
    const status = main(argv, { stdout: utf8(stdout), stderr: utf8(stderr), cwd: process.cwd() });
    stdout.flush();
    stderr.flush();
    return status;
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    try {
      stderr.write(`scmlc: error: cannot write ${err.stream}: ${describeIoError(err)}\n`);
      stderr.flush();
    } catch {
      // stderr failed too: the status still tells.
    }
    return EXIT_ERRORS;
  }
}

if (require.main === module) {
  process.exitCode = runWithStdio(process.argv.slice(2));
}
