/**
 * The original tool's text output (docs/behaviour.md section 4):
 * - default: supported calls on stdout unchanged; unsupported calls on
 *   stderr followed by ` (unsupported)`, red when stderr may take colour;
 * - quiet: only `Unsupported syscall: <line>` on stderr;
 * - both: `Strace Parse Error: <line>` on stderr for unreadable lines;
 *   a call strace never finished has ` (incomplete)` after its line.
 */
import type { CallRecord, Problem } from '../record';
import type { ReportContext, Reporter } from '../report/reporter';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';
const INCOMPLETE = ' (incomplete)';

export interface TextReporterOptions {
  quiet: boolean;
}

export function createTextReporter(ctx: ReportContext, options: TextReporterOptions): Reporter {
  const { stdout, stderr } = ctx;
  const tag = stderr.color ? ` ${RED}(unsupported)${RESET}\n` : ' (unsupported)\n';
  // A call strace never finished (record.ts `incomplete`) says so after its line.
  const line = (record: CallRecord): string => (record.incomplete === true ? record.text + INCOMPLETE : record.text);
  const call = options.quiet
    ? (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write('Unsupported syscall: ' + line(record) + '\n');
      }
    : (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write(line(record) + tag);
        else stdout.write(line(record) + '\n');
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
