/**
 * Renders linux/strace-names-data.ts from linux/strace-names.tsv (the names
 * strace can print, per table, with their x86_64 values), so that the tables
 * ship as code while the TSV, as extracted from strace's tables by
 * tools/extract-strace-names.ts, stays the one thing edited.
 *
 * `npm run strace-names` rewrites the module; tests/linux/strace-names.test.ts
 * fails when the committed module is not what this renders.
 */
import { generatedHeader, readTsv, writeGenerated } from './generate';

export const NAMES_TSV = 'linux/strace-names.tsv';
export const NAMES_MODULE = 'linux/strace-names-data.ts';

/** One table as the module stores it: `NAME=0x1 NAME=-0x64 NAME` (no value: strace lists it, no header defines it). */
function packTable(entries: readonly (readonly [string, string])[]): string {
  return entries
    .map(([name, value]) => {
      if (value === '') return name;
      const v = BigInt(value);
      return `${name}=${v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`}`;
    })
    .join(' ');
}

export function renderNamesModule(tsv: string): string {
  const { provenance, rows } = readTsv(tsv);
  const tables = new Map<string, [string, string][]>();
  rows.forEach(({ cells, line }) => {
    if (cells.length !== 3 || !/^\w+$/.test(cells[0]) || !/^[A-Za-z_]\w*$/.test(cells[1]) || !/^(-?\d+)?$/.test(cells[2])) {
      throw new Error(`${NAMES_TSV}:${line}: expected table, name, value (decimal or empty)`);
    }
    const list = tables.get(cells[0]) ?? [];
    list.push([cells[1], cells[2]]);
    tables.set(cells[0], list);
  });
  return [
    ...generatedHeader(NAMES_TSV, 'linux/generate-names.ts (npm run strace-names)', provenance),
    '/** [table, "NAME=0xvalue NAME ..."] in strace\'s order within each table; tables sorted by name. */',
    'export const STRACE_NAME_TABLES: readonly (readonly [string, string])[] = [',
    ...[...tables.keys()].sort().map((t) => `  ['${t}', '${packTable(tables.get(t) ?? [])}'],`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) writeGenerated(NAMES_MODULE, NAMES_TSV, renderNamesModule);
