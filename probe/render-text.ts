/**
 * `sctrace probe`'s text output: the table of gaps with their verdicts, then
 * the app's verdict. ASCII only.
 */
import { gapTitle } from '../runtime/report/app-gaps';
import { verdictText } from '../runtime/report/app-verdict';
import type { JsonDocument } from '../runtime/report/json-document';
import { refusalText } from './verdict';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The table's rows: gap, mode, verdict, refusals, first difference. */
export function probeRows(document: JsonDocument): { gap: string; mode: string; verdict: string; refused: string; difference: string }[] {
  return (document.probe?.results ?? []).map((r) => {
    const gap = document.blockers.find((g) => g.id === r.gap);
    return { gap: gap === undefined ? r.gap : gapTitle(gap), mode: r.mode, verdict: r.verdict, refused: refusalText(r), difference: r.difference ?? '' };
  });
}

export function probeText(document: JsonDocument): string {
  const probe = document.probe;
  if (probe === undefined) throw new Error('internal: a probe report without probe results');
  const rows = probeRows(document).map((r) => [r.gap, r.mode, r.verdict, r.refused, r.difference]);
  // A syscall's fake row follows its stub row: show the gap once.
  for (let i = rows.length - 1; i > 0; i--) if (rows[i][0] === rows[i - 1][0]) rows[i][0] = '';
  const head = ['GAP', 'MODE', 'VERDICT', 'REFUSED', 'FIRST DIFFERENCE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => ('  ' + cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('  ')).trimEnd() + '\n';
  let out = `Probe of ${document.label}: ${probe.runs} runs (2 baselines, ${probe.runs - 2} rerun${probe.runs === 3 ? '' : 's'}); ${probe.baseline.note}\n`;
  if (rows.length === 0) out += '  No gaps: nothing to rerun.\n';
  else out += line(head) + rows.map(line).join('');
  return out + verdictText(document.verdict, document.blockers);
}
