/**
 * The original tool's text output (reference/semantics.md section 4):
 * - default: supported calls on stdout unchanged; unsupported calls on
 *   stderr followed by ` (unsupported)`, red when stderr may take colour;
 * - quiet: only `Unsupported syscall: <line>` on stderr;
 * - both: `Strace Parse Error: <line>` on stderr for unreadable lines.
 */
import type { CallRecord, Problem } from '../record';
import type { ReportContext, Reporter } from '../report/reporter';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export interface TextReporterOptions {
  quiet: boolean;
}

export function createTextReporter(ctx: ReportContext, options: TextReporterOptions): Reporter {
  const { stdout, stderr } = ctx;
  const tag = stderr.color ? ` ${RED}(unsupported)${RESET}\n` : ' (unsupported)\n';
  const call = options.quiet
    ? (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write('Unsupported syscall: ' + record.text + '\n');
      }
    : (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write(record.text + tag);
        else stdout.write(record.text + '\n');
      };
  return {
    skipsSupported: options.quiet,
    call,
    unreadable(problem: Problem): void {
      stderr.write('Strace Parse Error: ' + problem.text + '\n');
    },
    notice(message: string): void {
      stderr.write('sctrace: note: ' + message + '\n');
    },
    finish(): void {},
  };
}
