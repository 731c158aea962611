/**
 * `sctrace combine --format html` (and `sctrace --html FILE` for one app):
 * one self-contained page (inline CSS, JS and SVG; no request leaves it, the
 * Content-Security-Policy says so) with the totals, a bar chart of the top
 * gaps, and sortable tables. Every string from a report (labels, example
 * lines, file names) is untrusted and escaped before it enters the page.
 */
import { rulePlaces, ruleSetText, ruleToEditPlace, supportedText, singleAppVerdict, statusText, totalsText, type CombinedReport, type GapRow, type RuleToEdit } from './analyze';
import { createHash } from 'node:crypto';
import { SCRIPT, STYLE } from './html-assets';
import { plural } from '../runtime/report/words';

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

/**
 * The page up to `</head>`: no request may leave it (the Content-Security-Policy
 * allows only the inline style and script), the shared style sheet plus `extraStyle`.
 */
export function pageHead(title: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${SCRIPT_SOURCE}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${extraStyle}</style>
</head>`;
}

export interface Column {
  head: string;
  numeric?: boolean;
  /** The row header (`<th scope="row">`): what the row is about. */
  rowHeader?: boolean;
}

export interface Cell {
  html: string;
  /** Sort key when the text is not it (numbers). */
  sort?: string | number;
  className?: string;
}

export function sortableTable(id: string, caption: string, columns: Column[], rows: Cell[][], sortedBy: { column: number; order: 'ascending' | 'descending' }): string {
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
        // data-label: the column's name, shown beside the value when a narrow screen turns rows into cards.
        const attrs =
          (classes === '' ? '' : ` class="${classes}"`) +
          ` data-label="${escapeHtml(columns[i].head)}"` +
          (cell.sort === undefined ? '' : ` data-sort="${escapeHtml(String(cell.sort))}"`);
        return `<${tag}${attrs}><span class="v">${cell.html}</span></${tag.split(' ')[0]}>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('\n');
  return (
    `<div class="scroll" role="region" aria-labelledby="${id}-caption" tabindex="0">\n` +
    `<table class="sortable" id="${id}">\n<caption id="${id}-caption">${caption}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>\n` +
    `<p class="muted" id="${id}-status" role="status" aria-live="polite"></p>\n`
  );
}

const num = (n: number): Cell => ({ html: String(n), sort: n });
const codeCell = (text: string, className?: string): Cell => ({ html: `<code>${escapeHtml(text)}</code>`, className });

/**
 * Horizontal bars, one per gap; widths in percent so the chart fits any
 * width without scaling its text. Many apps: apps blocked per gap. One app:
 * every gap blocks it, so the bars count its calls per gap instead.
 */
function chart(gaps: GapRow[], apps: number): string {
  const single = apps === 1;
  const measure = (g: GapRow): number => (single ? g.calls : g.apps);
  const top = (single ? [...gaps].sort((a, b) => b.calls - a.calls || a.id.localeCompare(b.id)) : gaps).slice(0, CHART_GAPS);
  if (top.length === 0) return `<p>No gaps: ${single ? 'the app is' : 'every app is'} fully supported.</p>\n`;
  const rowHeight = 44;
  const max = Math.max(...top.map(measure));
  const bars = top
    .map((g, i) => {
      const y = i * rowHeight;
      const width = ((measure(g) / max) * 80).toFixed(2);
      const label = single ? plural(g.calls, 'call') : plural(g.apps, 'app');
      const tip = single ? `${g.title}: ${label}` : `${g.title}: blocks ${label} of ${apps}, ${plural(g.calls, 'call')}`;
      return (
        `<g><title>${escapeHtml(tip)}</title>` +
        `<text x="0" y="${y + 15}">${escapeHtml(g.title)}</text>` +
        `<rect x="0" y="${y + 21}" width="${width}%" height="16" rx="2"></rect>` +
        `<text class="value" x="${(Number(width) + 1.5).toFixed(2)}%" y="${y + 34}">${label}</text></g>`
      );
    })
    .join('\n');
  return (
    `<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" height="${top.length * rowHeight}" xmlns="http://www.w3.org/2000/svg">\n` +
    `<title id="chart-title">Top ${plural(top.length, 'gap')} by ${single ? 'calls' : 'apps blocked'}</title>\n` +
    `<desc id="chart-desc">${escapeHtml(top.map((g) => `${g.title}: ${measure(g)}`).join('; '))}</desc>\n${bars}\n</svg>\n`
  );
}

/** A single app's page ends with its verdict (the same words as the summary's). */
function verdictSection(report: CombinedReport): string {
  const verdict = singleAppVerdict(report);
  if (verdict === null) return '';
  return `<section aria-labelledby="verdict-h">\n<h2 id="verdict-h">Verdict</h2>\n<p class="${report.apps[0].blocked ? 'blocked' : 'supported'}">${escapeHtml(verdict)}</p></section>\n`;
}

/** One row of a probe's table (sctrace probe --html): the texts of the text table. */
export interface ProbeRow {
  gap: string;
  mode: string;
  verdict: string;
  refused: string;
  difference: string;
}

/** `sctrace probe --html`: what the runs were judged by, and the verdict of each rerun. */
function probeSection(probe: { note: string; rows: ProbeRow[] } | null): string {
  if (probe === null) return '';
  const table = sortableTable(
    'probe',
    `Each gap refused in a rerun; ${escapeHtml(probe.note)}.`,
    [{ head: 'Gap', rowHeader: true }, { head: 'Mode' }, { head: 'Verdict' }, { head: 'Refused' }, { head: 'First difference' }],
    probe.rows.map((r) => [
      codeCell(r.gap),
      { html: escapeHtml(r.mode) },
      { html: escapeHtml(r.verdict), className: r.verdict === 'tolerated' ? 'supported' : r.verdict === 'fatal' ? 'blocked' : '' },
      { html: escapeHtml(r.refused) },
      { html: escapeHtml(r.difference), className: 'example' },
    ]),
    { column: 0, order: 'ascending' },
  );
  return `<section aria-labelledby="probe-h">\n<h2 id="probe-h">Probe</h2>\n${table}</section>\n`;
}

/** The rule to edit; a path may break after each '/' rather than anywhere; a link to the line when the rule set names its source. */
function ruleHtml(p: RuleToEdit): string {
  const text = `<code>${escapeHtml(p.text).replace(/\//g, '/<wbr>')}</code>`;
  return (p.url === null ? text : `<a href="${escapeHtml(p.url)}">${text}</a>`) + escapeHtml(p.more);
}

/** `probe`: the rows of `sctrace probe`, for its page. */
export function renderHtml(report: CombinedReport, probe: { note: string; rows: ProbeRow[] } | null = null): string {
  const { totals } = report;
  const place = rulePlaces(report);
  const title = totals.apps === 1 ? `sctrace: ${report.apps[0].label}` : `sctrace: ${totals.apps} apps`;
  const gapsTable = sortableTable(
    'gaps',
    'Gaps, most apps blocked first (then most calls).',
    [
      { head: '#', numeric: true },
      { head: 'Gap', rowHeader: true },
      { head: 'Kind' },
      { head: 'Apps blocked', numeric: true },
      ...(report.probed ? [{ head: 'Apps tolerating', numeric: true }] : []),
      { head: 'Calls', numeric: true },
      { head: 'Rule to edit' },
      { head: 'Example' },
    ],
    report.gaps.map((g, i) => [
      num(i + 1),
      codeCell(g.title),
      { html: escapeHtml(g.gap.kind), className: 'kind' },
      num(g.apps),
      ...(report.probed ? [num(g.tolerating)] : []),
      num(g.calls),
      // A path may break after each '/' rather than anywhere.
      { html: ruleHtml(ruleToEditPlace(g, place)), className: 'rule' },
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
      { html: escapeHtml(supportedText(s, totals)), sort: s.supportedApps },
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
  return `${pageHead(title)}
<body>
<header>
<h1>${totals.apps === 1 ? `The gaps to close for ${escapeHtml(report.apps[0].label)}` : `Which gaps block the most of ${totals.apps} apps`}</h1>
<p>Rule set: <strong>${escapeHtml(ruleSetText(report))}</strong>${report.mixed ? ' <strong class="blocked">(mixed: apps were checked against different rule sets)</strong>' : ''}</p>
<dl class="totals">${stat('Apps', totals.apps)}${stat('Fully supported', totals.supportedApps)}${stat('Blocked', totals.blockedApps)}${stat('Distinct gaps', totals.gaps)}${stat('Calls', totals.calls)}${stat('Unsupported calls', totals.unsupported)}</dl>
<p class="muted">Select a column header to sort its table by it.</p>
</header>
<main>
<section aria-labelledby="top-h">
<h2 id="top-h">${totals.apps === 1 ? 'Top gaps by calls' : 'Top gaps by apps blocked'}</h2>
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
${probeSection(probe)}${verdictSection(report)}</main>
<footer>Totals: ${escapeHtml(totalsText(totals))}. Made by sctrace.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
