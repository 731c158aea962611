/** `sctrace combine` (default format): aligned plain-text tables for a terminal. */
import { rulePlaces, ruleSetText, ruleToEdit, supportedText, statusText, totalsText, type CombinedReport } from './analyze';

type Align = 'left' | 'right';

/** Columns padded to the widest cell; the last column is not padded. */
function table(head: string[], align: Align[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    '  ' +
    cells
      .map((c, i) => (i === cells.length - 1 && align[i] === 'left' ? c : align[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd() +
    '\n';
  return line(head) + rows.map(line).join('');
}

export function renderText(report: CombinedReport): string {
  const { totals } = report;
  let out = `sctrace combine: ${totals.apps} app${totals.apps === 1 ? '' : 's'}\n`;
  out += `Rule set: ${ruleSetText(report)}${report.mixed ? ' (mixed: apps were checked against different rule sets)' : ''}\n`;

  out += `\nApps (${totals.supportedApps} fully supported, ${totals.blockedApps} blocked):\n`;
  out += table(
    ['APP', 'CALLS', 'UNSUPPORTED', 'GAPS', 'STATUS'],
    ['left', 'right', 'right', 'right', 'left'],
    report.apps.map((a) => [a.label, String(a.calls), String(a.unsupported), String(a.gaps), statusText(a)]),
  );

  out += `\nPriority table (${report.gaps.length} gaps, most apps blocked first):\n`;
  if (report.gaps.length === 0) out += '  No gaps: every app is fully supported.\n';
  else {
    // With probe results, a column says how many apps tolerate each gap (they are not counted in APPS).
    const place = rulePlaces(report);
    const tolerating = (g: (typeof report.gaps)[number]): string[] => (report.probed ? [String(g.tolerating)] : []);
    const rows = report.gaps.map((g, i) => [String(i + 1), g.title, g.gap.kind, String(g.apps), ...tolerating(g), String(g.calls), ruleToEdit(g, place)]);
    const head = ['#', 'GAP', 'KIND', 'APPS', ...(report.probed ? ['TOLERATED BY'] : []), 'CALLS', 'RULE TO EDIT'];
    const align: Align[] = ['right', 'left', 'left', 'right', ...(report.probed ? (['right'] as Align[]) : []), 'right', 'left'];
    const lines = table(head, align, rows).split('\n');
    out += lines[0] + '\n';
    report.gaps.forEach((g, i) => {
      out += lines[i + 1] + '\n';
      out += `       e.g. ${g.gap.example.app}:${g.gap.example.line}: ${g.gap.example.text}\n`;
    });
  }

  if (report.toleratedGaps.length > 0) {
    out += `\nTolerated by every app that runs into them (they block none):\n`;
    out += report.toleratedGaps.map((g) => `  ${g.title} (${g.tolerating} app${g.tolerating === 1 ? '' : 's'})\n`).join('');
  }

  out += '\nPlan (close the gaps in this order; fully supported apps after each step):\n';
  if (report.plan.length === 0) out += '  Nothing to do.\n';
  else {
    out += table(
      ['STEP', 'CLOSE', 'SUPPORTED', 'NOW RUNS'],
      ['right', 'left', 'right', 'left'],
      report.plan.map((s) => [String(s.step), s.gap.title, supportedText(s, totals, '/'), s.unblocks.join(', ')]),
    );
  }
  out += `\nTotals: ${totalsText(totals)}\n`;
  return out;
}
