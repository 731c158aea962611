/**
 * The fixed parts of the HTML page: its style sheet and the table-sorting
 * script. Inline, so the page is one file that works offline and from
 * file://. No report data goes in here: everything from reports is written
 * into the page as escaped HTML (combine/render-html.ts).
 */

export const STYLE = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #f3f5f7; --bar: #0969da; --bad: #b3261e; --good: #1a7f37; --bg: #fff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9aa5b1; --line: #3d444d; --head: #1f242b; --bar: #4493f8; --bad: #ff7b72; --good: #3fb950; --bg: #0d1117; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; }
p { margin: .3rem 0; }
.muted { color: var(--muted); }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; margin: 1rem 0; padding: 0; }
.totals div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; }
.totals dt { font-size: .8rem; color: var(--muted); }
.totals dd { margin: 0; font-size: 1.35rem; font-weight: 600; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll:focus { outline: 2px solid var(--bar); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: .5rem .7rem; color: var(--muted); font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .7rem; border-top: 1px solid var(--line); }
thead th { background: var(--head); white-space: nowrap; font-size: .85rem; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button:focus-visible { outline: 2px solid var(--bar); outline-offset: 2px; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\25B2"; color: inherit; }
th[aria-sort="descending"] button::after { content: " \\25BC"; color: inherit; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: break-word; }
/* Wide tables scroll sideways in their own region rather than squeezing words letter by letter. */
tbody th { min-width: 12rem; }
td.rule { min-width: 13rem; }
td.example { min-width: 18rem; }
td.example code { overflow-wrap: anywhere; }
td.kind { white-space: nowrap; }
.blocked { color: var(--bad); font-weight: 600; }
.supported { color: var(--good); font-weight: 600; }
.chart { width: 100%; display: block; }
.chart text { fill: var(--fg); font-size: 13px; }
.chart .value { font-weight: 600; }
.chart rect { fill: var(--bar); }
footer { max-width: 78rem; margin: 2rem auto; padding: 0 1rem; font-size: .85rem; color: var(--muted); }
/*
 * Narrow screens (phones): each row becomes a card listing every column's
 * label and value, so nothing hides behind a sideways scroll. The headers
 * stay as a row of sort buttons above the cards.
 */
@media (max-width: 40rem) {
  body { font-size: 14px; }
  header, main { padding: 0 .6rem; }
  .scroll { overflow-x: visible; border: 0; }
  table.sortable, table.sortable tbody, table.sortable tr { display: block; width: 100%; }
  table.sortable caption { display: block; padding: .3rem 0; }
  table.sortable thead tr { display: flex; flex-wrap: wrap; gap: .3rem; }
  table.sortable thead th { border: 1px solid var(--line); border-radius: 4px; padding: .2rem .5rem; }
  table.sortable tbody tr { border: 1px solid var(--line); border-radius: 6px; margin: .6rem 0; padding: .35rem .6rem; }
  table.sortable tbody th, table.sortable td {
    display: grid; grid-template-columns: 7.5rem minmax(0, 1fr); gap: .6rem;
    min-width: 0; border: 0; padding: .15rem 0; text-align: left;
  }
  table.sortable [data-label]::before { content: attr(data-label); color: var(--muted); font-size: .8rem; font-weight: 600; }
  td.example code { overflow-wrap: anywhere; }
}
`;

/**
 * Sort buttons in column headers: a click (or Enter/Space, being a button)
 * sorts by that column, again for the other direction; aria-sort says which.
 * Cells carry data-sort when their text is not what sorts (numbers).
 * aria-sort is on one header at a time, as ARIA asks.
 */
export const SCRIPT = `
(function () {
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (other) {
          if (other !== th) other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          var value = cell.getAttribute('data-sort');
          if (value === null) value = cell.textContent;
          return numeric ? Number(value) : value.toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        var status = document.getElementById(table.id + '-status');
        if (status) status.textContent = 'Sorted by ' + button.textContent + (ascending ? ', ascending' : ', descending');
      });
    });
  });
})();
`;
