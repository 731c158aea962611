/**
 * `sctrace combine --format md`: GitHub-flavoured Markdown that pastes into
 * an issue as tables. Text from reports (labels, example lines) is untrusted
 * and goes into code spans: Markdown and HTML inside them are shown, not run.
 */
import { rulePlaces, ruleSetText, ruleToEditPlace, supportedText, statusText, totalsText, type CombinedReport, type RuleToEdit } from './analyze';

/**
 * A code span safe inside a table cell: `|` escaped (GFM splits cells before
 * reading spans), a fence longer than any backtick run inside, line breaks
 * turned into spaces.
 */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function table(head: string[], right: boolean[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |\n`;
  return line(head) + line(right.map((r) => (r ? '---:' : '---'))) + rows.map(line).join('');
}

/** The rule to edit as a code span, linked to its line when the rule set names its source. */
function ruleCell(p: RuleToEdit): string {
  if (!p.isRule) return p.text;
  return (p.url === null ? code(p.text) : `[${code(p.text)}](${p.url})`) + p.more;
}

export function renderMarkdown(report: CombinedReport): string {
  const { totals } = report;
  const place = rulePlaces(report);
  let out = `### sctrace combine: ${totals.apps} app${totals.apps === 1 ? '' : 's'}\n\n`;
  out += `**Rule set:** ${code(ruleSetText(report))}${report.mixed ? ' (mixed: apps were checked against different rule sets)' : ''}\n\n`;
  out += `**Totals:** ${totalsText(totals)}.\n\n`;

  out += `#### Priority table\n\n`;
  if (report.gaps.length === 0) out += 'No gaps: every app is fully supported.\n\n';
  else {
    const probed = report.probed;
    out += table(
      ['#', 'Gap', 'Kind', 'Apps blocked', ...(probed ? ['Apps tolerating'] : []), 'Calls', 'Rule to edit', 'Example'],
      [true, false, false, true, ...(probed ? [true] : []), true, false, false],
      report.gaps.map((g, i) => [
        String(i + 1),
        code(g.title),
        g.gap.kind,
        String(g.apps),
        ...(probed ? [String(g.tolerating)] : []),
        String(g.calls),
        ruleCell(ruleToEditPlace(g, place)),
        `${code(`${g.gap.example.app}:${g.gap.example.line}`)} ${code(g.gap.example.text)}`,
      ]),
    );
    out += '\n';
  }

  if (report.toleratedGaps.length > 0) {
    out += `Tolerated by every app that runs into them (they block none): ${report.toleratedGaps.map((g) => `${code(g.title)} (${g.tolerating})`).join(', ')}.\n\n`;
  }

  out += `#### Plan\n\nClose the gaps in this order; each step says which apps then run.\n\n`;
  if (report.plan.length === 0) out += 'Nothing to do.\n\n';
  else {
    out += table(
      ['Step', 'Close', 'Fully supported apps', 'Now runs'],
      [true, false, true, false],
      report.plan.map((s) => [
        String(s.step),
        code(s.gap.title),
        supportedText(s, totals),
        s.unblocks.map(code).join(', '),
      ]),
    );
    out += '\n';
  }

  out += `#### Apps\n\n`;
  out += table(
    ['App', 'Calls', 'Unsupported calls', 'Distinct gaps', 'Status'],
    [false, true, true, true, false],
    report.apps.map((a) => [code(a.label), String(a.calls), String(a.unsupported), String(a.gaps), statusText(a)]),
  );
  return out;
}
