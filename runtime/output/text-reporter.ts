/**
 * The original tool's text output (docs/behaviour.md section 4):
 * - default: supported calls on stdout unchanged; unsupported calls on
 *   stderr followed by ` (unsupported)`, red when stderr may take colour;
 * - quiet: only `Unsupported syscall: <line>` on stderr;
 * - both: `Strace Parse Error: <line>` on stderr for unreadable lines;
 *   a call strace never finished has ` (incomplete)` after its line;
 * - every line ends as it did in the log: `\r\n` for a CRLF line.
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
  const tag = stderr.color ? ` ${RED}(unsupported)${RESET}` : ' (unsupported)';
  // A call strace never finished (record.ts `incomplete`) says so after its line.
  const line = (record: CallRecord): string => (record.incomplete === true ? record.text + INCOMPLETE : record.text);
  // Each line goes out with the end it had in the log: `\r\n` or `\n` (record.ts `crlf`).
  const end = (x: { crlf?: boolean }): string => (x.crlf === true ? '\r\n' : '\n');
  const call = options.quiet
    ? (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write('Unsupported syscall: ' + line(record) + end(record));
      }
    : (record: CallRecord, ruleId: number): void => {
        if (ruleId < 0) stderr.write(line(record) + tag + end(record));
        else stdout.write(line(record) + end(record));
      };
  return {
    skipsSupported: options.quiet,
    call,
    unreadable(problem: Problem): void {
      stderr.write('Strace Parse Error: ' + problem.text + end(problem));
    },
    notice(message: string): void {
      stderr.write('sctrace: note: ' + message + '\n');
    },
    finish(): void {},
  };
}
