/**
 * `scmlc RULES --table html`: the compatibility table as one self-contained
 * page, in the style of sctrace's report page (combine/html-assets.ts: the
 * same style sheet and sorting script, the same Content-Security-Policy).
 * Every string from the rules (file names, syscall and flag names) is escaped.
 */
import { type Cell, escapeHtml, pageHead, sortableTable } from '../../combine/render-html';
import { SCRIPT } from '../../combine/html-assets';
import { type CompatibilityTable, type TableRow, flagLines } from './model';

function flagsCell(row: TableRow, which: 'allowed' | 'neverMentioned'): Cell {
  const html = flagLines(row, which)
    .map((l) => `<strong>${escapeHtml(l.parameter)}</strong>: ${l.any && which === 'allowed' ? 'any value' : l.names.map((n) => `<code>${escapeHtml(n)}</code>`).join(', ')}`)
    .join('<br>');
  return { html, className: 'flags' };
}

/**
 * Six columns in the report page's width: fixed widths for the short ones
 * leave the flags the rest. Only above the phone width, where the shared
 * style makes each row a card (combine/html-assets.ts).
 */
const EXTRA_STYLE = `
@media (min-width: 40.01rem) {
  #syscalls { table-layout: fixed; min-width: 62rem; }
  #syscalls thead th:nth-child(1) { width: 4.5rem; }
  #syscalls thead th:nth-child(2) { width: 10rem; }
  #syscalls thead th:nth-child(3) { width: 7rem; }
  #syscalls thead th:nth-child(4) { width: 15rem; }
}
#syscalls tbody th { min-width: 0; overflow-wrap: anywhere; }
td.rule, td.flags { min-width: 0; overflow-wrap: anywhere; }
`;

export function renderTableHtml(table: CompatibilityTable): string {
  const title = `System call compatibility: ${table.ruleSet}`;
  const rows: Cell[][] = table.rows.map((row) => [
    row.number === null ? { html: 'not x86_64', sort: 100000 } : { html: String(row.number), sort: row.number },
    { html: `<code>${escapeHtml(row.syscall)}</code>` },
    row.supported ? { html: '\u2713 yes', className: 'supported' } : { html: '\u2717 no', className: 'blocked' },
    { html: row.rules.map((r) => `<code>${escapeHtml(r).replace(/\//g, '/<wbr>')}</code>`).join('<br>'), className: 'rule' },
    flagsCell(row, 'allowed'),
    flagsCell(row, 'neverMentioned'),
  ]);
  const body = sortableTable(
    'syscalls',
    'Every x86_64 system call by number, then the rules\u2019 syscalls that x86_64 lacks.',
    [
      { head: '#', numeric: true },
      { head: 'System call', rowHeader: true },
      { head: 'Supported' },
      { head: 'Rules' },
      { head: 'Allowed flags' },
      { head: 'Never mentioned' },
    ],
    rows,
    { column: 0, order: 'ascending' },
  );
  const stat = (name: string, value: number): string => `<div><dt>${name}</dt><dd>${value}</dd></div>`;
  return `${pageHead(title, EXTRA_STYLE)}
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Flag names are the ones strace prints for each argument (its tables, strace 3e4d70a5e); \u201cnever mentioned\u201d lists the names strace can print on x86_64 that no rule mentions.</p>
<dl class="totals">${stat('x86_64 syscalls', table.linux)}${stat('With a rule', table.supported)}${stat('Without', table.linux - table.supported)}${stat('Flag arguments', table.rows.reduce((n, r) => n + r.flags.length, 0))}</dl>
</header>
<main>
<section aria-labelledby="syscalls-h">
<h2 id="syscalls-h">System calls</h2>
${body}</section>
</main>
<footer>Made by scmlc --table html.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
