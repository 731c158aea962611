/** The text of `sctrace --help`. */
import { ABI_VERSION } from '../runtime/abi';
import { OUTPUT_FORMATS, OUTPUT_FORMAT_NAMES } from '../runtime/report/output-formats';

/** One line per output format, from the registry (runtime/report/output-formats.ts). */
function formatLines(): string {
  const width = Math.max(...OUTPUT_FORMAT_NAMES.map((n) => n.length));
  return OUTPUT_FORMAT_NAMES.map((name) => `${' '.repeat(27)}${name.padEnd(width)}  ${OUTPUT_FORMATS[name].summary}\n`).join('');
}

/** `shipped`: the lines listing the shipped rule sets (shipped-sets.ts shippedSetsHelp). */
export function sctraceHelp(version: string, shipped: string): string {
  return `sctrace ${version} - which system calls of a program does an OS not support?

Checks every call in an strace log against SCML rules (the calls an OS
supports) and reports the calls that match no rule.

Usage:
  sctrace <scml>... [options] --input <log>       check a log (offline)
  sctrace <scml>... [options] -- <prog> [args]...  run a program under strace (online)
  sctrace --matchers <module.js|set> [options] (--input <log> | -- <prog> [args]...)
  sctrace combine <report>... [options]            many apps' JSON reports -> one plan
                                                   (see sctrace combine --help)
  sctrace probe <rules> [options] -- <prog> [args]...  rerun the program with each gap
                                                   refused: which gaps matter?
                                                   (see sctrace probe --help)
  sctrace completion bash|zsh|fish                 a shell completion script (eval it)

  <scml> is an .scml file, a folder (searched for .scml files) or a glob.
  <set> is the name of a rule set shipped with sctrace, precompiled:
${shipped.trimEnd()}

Options:
  -i, --input <log>        strace log to check; repeat for several; "-" reads stdin.
                           A file named like app.log.1234 (strace -ff) gets pid 1234.
                           gzip-compressed logs (files or stdin) are read directly.
                           Make logs with: strace -yy -f -o <log> <prog> [args]...
  -q, --quiet              print only unsupported calls ("Unsupported syscall: <line>")
  -m, --matchers <file|set|package>  use a matcher module built by scmlc instead of
                           SCML files: a path (with a slash or a .js/.cjs ending, e.g.
                           ./myos.js), a shipped set by name, or an installed rule-set
                           package by name (@myos/sctrace-rules; see scmlc --package).
                           A bare name is never a file in the current folder
      --no-cache           compile the SCML afresh; do not read or write the cache
      --fail-on-unsupported  exit with status 3 when any call is unsupported
      --as-printed         match arguments exactly as strace printed them, like the
                           original sctrace. By default, calls are matched as the
                           kernel received them: strace's combined names are split
                           (FUTEX_WAKE_PRIVATE is FUTEX_WAKE|FUTEX_PRIVATE_FLAG) and
                           futex arguments strace leaves out match any rule; old
                           strace shapes ({SIG_IGN, [], 0}, PF_INET, "A or B" ioctls),
                           raw numbers (-X raw) and 32-bit names (mmap2, _llseek,
                           getuid32: judged as mmap, lseek, getuid) read as a current
                           x86_64 strace prints them; a call strace never finished
                           (<unfinished ...> never resumed, a cut line) is checked on
                           the arguments it printed and marked "(incomplete)";
                           --as-printed reports it unreadable
      --explain            under each unsupported line, why: the closest rule and what fails;
                           also a line for each call supported only as the kernel received it
      --summary            after the run (stderr): the log's architecture (i386, arm, x86_64),
                           gaps by syscall and reason, then totals
      --coverage           after the run (stderr): calls matched per rule, rules never matched,
                           how many x86_64 syscalls the rules name, syscalls seen without a rule,
                           and per flag argument the names strace prints that no rule mentions
      --format <fmt>       what goes to stdout (default: text; docs/output-formats.md):
${formatLines()}                           online, json and jsonl send the program's own stdout to stderr
      --suggest-scml <file>  write SCML that would make every unsupported call supported
      --label <name>       the app's name in the JSON report and the page (default: the
                           first log's file name without .log/.gz; online: the program)
      --html <file>        also write a self-contained HTML page for this app (gaps,
                           chart, sortable tables), alongside the usual output
  -j, --jobs <n>           threads that may read one log file; --jobs 1 uses one, and
                           never more than the CPUs (at least 2). Default: the number
                           of CPUs with --quiet, else one (replaying every call costs
                           more than it saves). Logs under 16 MiB, stdin and online
                           mode use one thread. The output is the same.
      --max-line <size>    longest log line read (default 16M; K, M, G: powers of 1024).
                           A longer line is reported unreadable by its first 256 bytes
                           and its length, and never held whole: memory stays bounded
  -h, --help               show this help
  -V, --version            show the version

Output:
  Supported calls go to stdout unchanged; unsupported calls go to stderr as
  "<line> (unsupported)" (red on a terminal; NO_COLOR and FORCE_COLOR are
  honoured). Lines that cannot be read: "Strace Parse Error: <line>" on stderr.

Examples:
  sctrace --matchers asterinas --input app.log    offline, against the shipped Asterinas rules
  sctrace rules/ --input app.log                  offline, all .scml files under rules/
  sctrace 'rules/**/*.scml' --quiet -- ls -la /   online: trace "ls -la /" as it runs
  scmlc rules/ -o matchers.js                     compile once (see scmlc --help) ...
  sctrace --matchers matchers.js --input app.log  ... and check without the compiler
  sctrace -m asterinas -q --input app.log.gz      a compressed log (gzip, found by its bytes)
  cat app.log | sctrace rules/ -q --input -       read the log from stdin
  sctrace rules/ --format json --input ls.log > ls.json   one report per app ...
  sctrace combine reports/ --format md            ... and the plan for all of them

Exit status:
  0  the analysis ran (whatever it found)
  1  failure: bad SCML (reported as path:line:col), unreadable log or module,
     strace missing or failing, program not found, output that cannot be
     written (a full disk), an output file that is a symlink (not followed)
  2  wrong usage (unknown option, both or neither of --input and a program,
     --matchers naming no shipped set and no installed rule-set package; no argument at all)
  3  with --fail-on-unsupported: at least one call was unsupported
  130 sctrace probe: interrupted (Ctrl-C); no run is left going
  141 offline: whoever read the output went away (sctrace ... | head);
      reading stops, as for any filter killed by SIGPIPE (also combine, --help)
  Online, sctrace otherwise exits with the program's own status (128+N when
  a signal N killed it).

Cache:
  Compiled SCML is kept in $XDG_CACHE_HOME/sctrace (default ~/.cache/sctrace),
  keyed by the compiler version and every SCML file's path and contents, so a
  second run with the same rules skips the compiler. Keeps the 16 most recently
  used rule sets; compiler warnings are shown again on every run. Safe to delete.
  Used only when the folder and each entry are yours and writable by no one else,
  and each folder above it (and link on the way) is yours or root's and writable
  by no one else, sticky folders like /tmp aside (else one warning, and the SCML
  is compiled afresh); links to entries are never followed.

Matcher modules use ABI ${ABI_VERSION}; a module built for another ABI is refused, and so
is a damaged one (its IR is checked in full on load): one line names the fault.
`;
}

/** The text of `sctrace combine --help`. */
export function combineHelp(): string {
  return `sctrace combine - which gaps block the most apps, and in what order to close them

Usage:
  sctrace combine <report>... [--format text|md|html|json] [-o <file>] [--mixed-rule-sets] [--weights <file>]

  <report> is a JSON report (sctrace <rules> --format json --input app.log > app.json),
  a folder (searched for .json files), a glob ('reports/*.json'), or the JSON output
  of an earlier sctrace combine: combining is associative, so CI jobs can each
  combine some apps and one last job combines their outputs.

Options:
      --format <fmt>      text (default), md (GitHub Markdown tables), html (one
                          self-contained page: chart, sortable tables) or json
  -o, --output <file>     write there instead of stdout (a regular file is replaced
                          keeping its mode and links; /dev/null or a pipe is written
                          into; a symlink is refused, never followed)
      --mixed-rule-sets   combine reports checked against different rule sets
                          (refused otherwise: their gaps do not add up)
      --weights <file>    how much each app counts (e.g. installations from a
                          popularity contest): "<label> <weight>" per line, #
                          comments; apps not listed weigh 0. The plan then
                          ranks gaps by the weight of the apps they make run,
                          and the totals add the weighted completeness (the
                          share of the weight whose apps are all supported)
  -h, --help              show this help

It says, in every format:
  apps       per app: calls, unsupported calls, distinct gaps, blocked or not
  priority   each gap (a syscall with no rule; a flag, field, value kind or
             argument count no rule allows) with the apps it blocks, the calls
             affected, the rule file:line to edit and an example line
  plan       the gaps in the order that makes the most apps fully supported
             soonest (greedy), with the fully supported apps after each step
  totals     and the rule set the reports were checked against

Exit status:
  0  the reports were combined
  1  failure: a report that cannot be read or is not an sctrace report, two
     reports with the same label, reports made with different rule sets, output
     that cannot be written (a full disk)
  2  wrong usage (unknown option or format, no report given)
  141 whoever read the output went away (sctrace combine ... | head)
`;
}

/** The text of `sctrace probe --help`. */
export function probeHelp(): string {
  return `sctrace probe - which gaps does the program really need?

Usage:
  sctrace probe <scml>... [options] -- <prog> [args]...
  sctrace probe --matchers <module.js|set> [options] -- <prog> [args]...

Runs the program twice under strace (the baseline: its gaps, exit status and
a digest of its stdout), then once more per gap with that gap's calls refused
by strace's fault injection, and judges each rerun against the baseline:
  a syscall with no rule       two reruns: stub (every call fails with ENOSYS)
                               and fake (every call returns 0 without running)
  a flag, value, field or      one rerun: only the calls the rules refuse fail
  argument count no rule       with EINVAL. A flag of an integer argument: a
  allows                       seccomp filter on the argument's bits (installed
                               by python3, read from a baseline traced with
                               -X verbose): exact. Otherwise, or without
                               python3: strace's when= at the places the
                               baseline had them (counted per thread)
Every rerun's log is checked: each refused call must be one the rules refuse
for that gap, and each call of the gap must be refused ("exact").

THE PROGRAM RUNS 2 + (one per gap, two per syscall with no rule) TIMES, so its
side effects (files written, messages sent) repeat; the number of runs is
printed before the reruns start. Use --setup to reset what a run changes.
The seccomp filter sets no-new-privileges: a setuid program does not gain
its privileges in those reruns.

Verdicts:
  tolerated    the exit status (and stdout, when both baselines wrote the same;
               or --check) is as in the baseline
  fatal        it differs: the first difference (exit status, last stderr line)
  not reached  the rerun never made the call
  unstable     the baselines disagree, or the refusals did not line up
The REFUSED column says how many calls were refused: "refused all 3", or where
strace's when= could not pick exactly the refused calls, "refused 2 of 5" and
"also refused N other calls". The app's verdict counts a gap as tolerated only
when its stub or EINVAL rerun was tolerated and exact.

Options:
  -m, --matchers <file|set>  a matcher module or a shipped set, instead of SCML
      --no-cache         compile the SCML afresh
      --check <cmd>      run after each run (sh -c); exit status 0 means the run
                         worked. Judges instead of the exit status and stdout
                         (for a server: query it)
      --setup <cmd>      run before each run (sh -c), e.g. to reset files; a
                         failing setup stops the probe
      --timeout <secs>   stop a run (its whole process group) after this long;
                         a run that timed out is fatal. Default 0: no limit
      --format <fmt>     text (default: the table, then the app's verdict) or
                         json (the report of sctrace --format json, schema 3,
                         with "probe" and "verdict"; sctrace combine reads it)
      --html <file>      also write the app's page
      --label <name>     the app's name in the report (default: the program's)
  -h, --help             show this help

Every run starts in the current folder with the same environment; stdin is
/dev/null, stdout and stderr are captured. Ctrl-C stops the run going and the
probe; nothing is left running.

Example:
  sctrace probe --matchers asterinas --format json -- python3 -c 'print(1)' > python3.json
  sctrace combine python3.json sqlite3.json     tolerated gaps block no app

Exit status:
  0    the probe ran, whatever it found
  1    failure: bad SCML, strace missing or failing, program not found, --setup failed
  2    wrong usage
  130  interrupted (Ctrl-C)
`;
}

/** Bare `sctrace`: the help's usage part, and where the rest is. */
export function sctraceUsage(help: string): string {
  const end = help.indexOf('\nOptions:');
  return (end < 0 ? help : help.slice(0, end + 1)) + "Run 'sctrace --help' for the options, or 'man sctrace'.\n";
}
