/**
 * `sctrace combine --format html` (and `sctrace --html FILE` for one app):
 * one self-contained page (inline CSS, JS and SVG; no request leaves it, the
 * Content-Security-Policy says so) with the totals, a bar chart of the top
 * gaps, and sortable tables. Every string from a report (labels, example
 * lines, file names) is untrusted and escaped before it enters the page.
 */
import { ruleSetText, ruleToEdit, statusText, totalsText, type CombinedReport, type GapRow } from './analyze';
import { createHash } from 'node:crypto';
import { SCRIPT, STYLE } from './html-assets';

/**
 * The page's own script, allowed by its hash (CSP level 2) rather than by
 * 'unsafe-inline': were a payload ever to slip past escaping, a script of
 * its making would still not run.
 */
const SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}'`;

/** Gaps shown in the bar chart. */
export const CHART_GAPS = 10;

/** Text for HTML content and attribute values. Control characters are shown as \xNN, not passed on. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&#39;';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
}

interface Column {
  head: string;
  numeric?: boolean;
  /** The row header (`<th scope="row">`): what the row is about. */
  rowHeader?: boolean;
}

interface Cell {
  html: string;
  /** Sort key when the text is not it (numbers). */
  sort?: string | number;
  className?: string;
}

function sortableTable(id: string, caption: string, columns: Column[], rows: Cell[][], sortedBy: { column: number; order: 'ascending' | 'descending' }): string {
  const head = columns
    .map((c, i) => {
      const attrs = [`scope="col"`];
      if (c.numeric) attrs.push('data-type="number" class="num"');
      if (i === sortedBy.column) attrs.push(`aria-sort="${sortedBy.order}"`);
      return `<th ${attrs.join(' ')}><button type="button">${escapeHtml(c.head)}</button></th>`;
    })
    .join('');
  const body = rows
    .map((cells) => {
      const tds = cells.map((cell, i) => {
        const tag = columns[i].rowHeader ? 'th scope="row"' : 'td';
        const classes = [columns[i].numeric ? 'num' : '', cell.className ?? ''].filter((c) => c !== '').join(' ');
        const attrs = (classes === '' ? '' : ` class="${classes}"`) + (cell.sort === undefined ? '' : ` data-sort="${escapeHtml(String(cell.sort))}"`);
        return `<${tag}${attrs}>${cell.html}</${tag.split(' ')[0]}>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<p class="muted">Select a column header to sort by it.<span class="narrow"> The table scrolls sideways.</span></p>\n` +
    `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">\n` +
    `<table class="sortable" id="${id}">\n<caption id="${id}-caption">${caption}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>\n` +
    `<p class="muted" id="${id}-status" role="status" aria-live="polite"></p>\n`
  );
}

const num = (n: number): Cell => ({ html: String(n), sort: n });
const codeCell = (text: string, className?: string): Cell => ({ html: `<code>${escapeHtml(text)}</code>`, className });

/** Horizontal bars, one per gap; widths in percent so the chart fits any width without scaling its text. */
function chart(gaps: GapRow[], apps: number): string {
  const top = gaps.slice(0, CHART_GAPS);
  if (top.length === 0) return '<p>No gaps: every app is fully supported.</p>\n';
  const rowHeight = 44;
  const max = Math.max(...top.map((g) => g.apps));
  const bars = top
    .map((g, i) => {
      const y = i * rowHeight;
      const width = ((g.apps / max) * 80).toFixed(2);
      const label = `${g.apps} app${g.apps === 1 ? '' : 's'}`;
      return (
        `<g><title>${escapeHtml(`${g.title}: blocks ${label} of ${apps}, ${g.calls} calls`)}</title>` +
        `<text x="0" y="${y + 15}">${escapeHtml(g.title)}</text>` +
        `<rect x="0" y="${y + 21}" width="${width}%" height="16" rx="2"></rect>` +
        `<text class="value" x="${(Number(width) + 1.5).toFixed(2)}%" y="${y + 34}">${label}</text></g>`
      );
    })
    .join('\n');
  return (
    `<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" height="${top.length * rowHeight}" xmlns="http://www.w3.org/2000/svg">\n` +
    `<title id="chart-title">Top ${top.length} gaps by apps blocked</title>\n` +
    `<desc id="chart-desc">${escapeHtml(top.map((g) => `${g.title}: ${g.apps}`).join('; '))}</desc>\n${bars}\n</svg>\n`
  );
}

export function renderHtml(report: CombinedReport): string {
  const { totals } = report;
  const title = totals.apps === 1 ? `sctrace: ${report.apps[0].label}` : `sctrace: ${totals.apps} apps`;
  const gapsTable = sortableTable(
    'gaps',
    'Gaps, most apps blocked first (then most calls).',
    [
      { head: '#', numeric: true },
      { head: 'Gap', rowHeader: true },
      { head: 'Kind' },
      { head: 'Apps blocked', numeric: true },
      { head: 'Calls', numeric: true },
      { head: 'Rule to edit' },
      { head: 'Example' },
    ],
    report.gaps.map((g, i) => [
      num(i + 1),
      codeCell(g.title),
      { html: escapeHtml(g.gap.kind), className: 'kind' },
      num(g.apps),
      num(g.calls),
      // A path may break after each '/' rather than anywhere.
      { html: `<code>${escapeHtml(ruleToEdit(g)).replace(/\//g, '/<wbr>')}</code>`, className: 'rule' },
      {
        html: `<span class="muted">${escapeHtml(g.gap.example.app)}:${g.gap.example.line}</span><br><code>${escapeHtml(g.gap.example.text)}</code>`,
        className: 'example',
      },
    ]),
    { column: 0, order: 'ascending' },
  );
  const planTable = sortableTable(
    'plan',
    'Close the gaps in this order: each step makes the most apps fully supported soonest.',
    [{ head: 'Step', numeric: true }, { head: 'Close', rowHeader: true }, { head: 'Fully supported apps', numeric: true }, { head: 'Now runs' }],
    report.plan.map((s) => [
      num(s.step),
      codeCell(s.gap.title),
      { html: `${s.supportedApps} of ${totals.apps}`, sort: s.supportedApps },
      { html: s.unblocks.map((l) => `<code>${escapeHtml(l)}</code>`).join(', ') },
    ]),
    { column: 0, order: 'ascending' },
  );
  const appsTable = sortableTable(
    'apps',
    'Apps: an app is blocked while any of its calls is unsupported.',
    [
      { head: 'App', rowHeader: true },
      { head: 'Calls', numeric: true },
      { head: 'Unsupported calls', numeric: true },
      { head: 'Distinct gaps', numeric: true },
      { head: 'Status' },
    ],
    report.apps.map((a) => [
      codeCell(a.label),
      num(a.calls),
      num(a.unsupported),
      num(a.gaps),
      { html: `${a.blocked ? '\u2717' : '\u2713'} ${statusText(a)}`, className: a.blocked ? 'blocked' : 'supported' },
    ]),
    { column: 0, order: 'ascending' },
  );
  const stat = (name: string, value: number): string => `<div><dt>${name}</dt><dd>${value}</dd></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${SCRIPT_SOURCE}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}: ${totals.apps === 1 ? 'the gaps to close' : 'which gaps block the most apps'}</h1>
<p>Rule set: <strong>${escapeHtml(ruleSetText(report))}</strong>${report.mixed ? ' <strong class="blocked">(mixed: apps were checked against different rule sets)</strong>' : ''}</p>
<dl class="totals">${stat('Apps', totals.apps)}${stat('Fully supported', totals.supportedApps)}${stat('Blocked', totals.blockedApps)}${stat('Distinct gaps', totals.gaps)}${stat('Calls', totals.calls)}${stat('Unsupported calls', totals.unsupported)}</dl>
</header>
<main>
<section aria-labelledby="top-h">
<h2 id="top-h">Top gaps</h2>
${chart(report.gaps, totals.apps)}</section>
<section aria-labelledby="gaps-h">
<h2 id="gaps-h">Priority table</h2>
${gapsTable}</section>
<section aria-labelledby="plan-h">
<h2 id="plan-h">Plan</h2>
${planTable}</section>
<section aria-labelledby="apps-h">
<h2 id="apps-h">Apps</h2>
${appsTable}</section>
</main>
<footer>Totals: ${escapeHtml(totalsText(totals))}. Made by sctrace combine.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
