/**
 * Renders linux/strace-names-data.ts from linux/strace-names.tsv (the names
 * strace can print, per table, with their x86_64 values), so that the tables
 * ship as code while the TSV, as extracted from strace's tables by
 * tools/extract-strace-names.ts, stays the one thing edited.
 *
 * `npm run strace-names` rewrites the module; tests/linux/strace-names.test.ts
 * fails when the committed module is not what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  const provenance: string[] = [];
  const tables = new Map<string, [string, string][]>();
  tsv.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      provenance.push(line.replace(/^#\s?/, ''));
      return;
    }
    const cells = line.split('\t');
    if (cells.length !== 3 || !/^\w+$/.test(cells[0]) || !/^[A-Za-z_]\w*$/.test(cells[1]) || !/^(-?\d+)?$/.test(cells[2])) {
      throw new Error(`${NAMES_TSV}:${i + 1}: expected table, name, value (decimal or empty)`);
    }
    const list = tables.get(cells[0]) ?? [];
    list.push([cells[1], cells[2]]);
    tables.set(cells[0], list);
  });
  const head = [`@generated from ${NAMES_TSV} by linux/generate-names.ts (npm run strace-names) — do not edit.`, '', ...provenance];
  return [
    '/**',
    ...head.map((l) => ` * ${l}`.trimEnd()),
    ' */',
    '',
    '/** [table, "NAME=0xvalue NAME ..."] in strace\'s order within each table; tables sorted by name. */',
    'export const STRACE_NAME_TABLES: readonly (readonly [string, string])[] = [',
    ...[...tables.keys()].sort().map((t) => `  ['${t}', '${packTable(tables.get(t) ?? [])}'],`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = process.cwd();
  writeFileSync(join(root, NAMES_MODULE), renderNamesModule(readFileSync(join(root, NAMES_TSV), 'utf8')));
  process.stdout.write(`wrote ${NAMES_MODULE}\n`);
}
