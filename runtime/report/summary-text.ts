/**
 * `--summary`: the table of gaps and the totals, as text for stderr.
 * ASCII only, so it reads the same on any terminal.
 */
import { appVerdict, verdictText } from './app-verdict';
import { noRuleToEdit } from './app-gaps';
import { plural } from './words';
import { GapTally, percent } from './gap-tally';

const MAX_VALUES_SHOWN = 8;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

export interface Totals {
  lines: number;
  calls: number;
  supported: number;
  unsupported: number;
  unreadable: number;
}

export function totalsOf(tally: GapTally, lines: number): Totals {
  return {
    lines: Math.max(lines, tally.lastLine),
    calls: tally.calls,
    supported: tally.supported,
    unsupported: tally.unsupported,
    unreadable: tally.unreadableCount,
  };
}

export function totalsText(t: Totals): string {
  return (
    `Totals: ${plural(t.lines, 'line')}, ${plural(t.calls, 'call')}, ${t.supported} supported, ${t.unsupported} unsupported, ` +
    `${plural(t.unreadable, 'unreadable line')}, ${percent(t.supported, t.calls)}% supported\n`
  );
}

/** `place`: where a rule is for people (rule-set.ts rulePlace); by default its file and line. */
export function summaryText(tally: GapTally, lines: number, place: (file: string, line: number) => string = (file, line) => `${file}:${line}`): string {
  const gaps = tally.sortedGaps();
  let out = '\n';
  if (gaps.length === 0) {
    out += 'No unsupported calls.\n';
  } else {
    const width = Math.max(7, ...gaps.map(({ gap }) => gap.syscall.length));
    out += `Unsupported calls by syscall:\n  ${pad('SYSCALL', width)}  ${padLeft('CALLS', 7)}  ${padLeft('SHARE', 6)}\n`;
    for (const { gap, reasons } of gaps) {
      const share = `${percent(gap.count, tally.unsupported)}%`;
      out += `  ${pad(gap.syscall, width)}  ${padLeft(String(gap.count), 7)}  ${padLeft(share, 6)}\n`;
      for (const group of reasons) {
        const values = GapTally.sortedValues(group);
        const shown = values.slice(0, MAX_VALUES_SHOWN).map(([v, n]) => `${v} (${n})`);
        if (values.length > MAX_VALUES_SHOWN) shown.push(`... ${values.length - MAX_VALUES_SHOWN} more`);
        const where = group.path === '' ? '' : ` ${group.path}`;
        const what = shown.length === 0 ? '' : `: ${shown.join(', ')}`;
        const rule = group.rule === null ? noRuleToEdit(group.kind) : `rule ${place(group.rule.file, group.rule.line)}`;
        out += `      ${padLeft(String(group.count), 7)}  ${group.kind}${where}${what}; first line ${group.firstLine}; ${rule}\n`;
      }
    }
  }
  out += totalsText(totalsOf(tally, lines));
  if (tally.kernelViewDecided > 0) {
    const n = tally.kernelViewDecided;
    out +=
      (n === 1 ? '1 supported call is supported as the kernel received it, not as strace printed it' : `${n} of the supported calls are supported as the kernel received them, not as strace printed them`) +
      ` (--as-printed counts ${n === 1 ? 'it' : 'them'} unsupported; --explain says why)\n`;
  }
  const blockers = tally.blockers();
  return out + verdictText(appVerdict(blockers, null), blockers);
}
