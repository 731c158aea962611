/**
 * Renders linux/x86_64-syscalls.ts from linux/x86_64-syscalls.tsv, so that
 * the table ships as code (no file to find at run time) while the TSV, as
 * copied from its source, stays the one thing edited.
 *
 * `npm run linux-table` rewrites the module; tests/linux/table.test.ts fails
 * when the committed module is not what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TSV_FILE = 'linux/x86_64-syscalls.tsv';
export const MODULE_FILE = 'linux/x86_64-syscalls.ts';

interface Row {
  number: number;
  name: string;
  kernelArgs: number;
  decoder: string;
}

/** A TSV's `#` lines (provenance, without the `# `) and its rows as cells with their 1-based line numbers. */
export function readTsv(tsv: string): { provenance: string[]; rows: { cells: string[]; line: number }[] } {
  const provenance: string[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  tsv.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    if (line.startsWith('#')) provenance.push(line.replace(/^#\s?/, ''));
    else rows.push({ cells: line.split('\t'), line: i + 1 });
  });
  return { provenance, rows };
}

function parseTsv(tsv: string): { provenance: string[]; rows: Row[] } {
  const { provenance, rows: lines } = readTsv(tsv);
  const rows: Row[] = [];
  lines.forEach(({ cells, line }) => {
    const [number, kernelArgs] = [Number(cells[0]), Number(cells[2])];
    if (cells.length !== 4 || !Number.isInteger(number) || !Number.isInteger(kernelArgs) || !/^\w+$/.test(cells[1]) || !/^\w+$/.test(cells[3])) {
      throw new Error(`${TSV_FILE}:${line}: expected number, name, kernel_args, strace_decoder`);
    }
    rows.push({ number, name: cells[1], kernelArgs, decoder: cells[3] });
  });
  return { provenance, rows };
}

/** The doc comment that opens a module generated from a TSV file, with the TSV's provenance lines. */
export function generatedHeader(tsvFile: string, generator: string, provenance: readonly string[]): string[] {
  const head = [`@generated from ${tsvFile} by ${generator} — do not edit.`, '', ...provenance];
  return ['/**', ...head.map((l) => ` * ${l}`.trimEnd()), ' */', ''];
}

/** Rewrite a generated module from its TSV; run from the repository root (npm scripts do). */
export function writeGenerated(moduleFile: string, tsvFile: string, render: (tsv: string) => string): void {
  const root = process.cwd();
  writeFileSync(join(root, moduleFile), render(readFileSync(join(root, tsvFile), 'utf8')));
  process.stdout.write(`wrote ${moduleFile}\n`);
}

/** The module text for a TSV text. Names are checked to be word characters, so plain quoting is safe. */
export function renderSyscallModule(tsv: string): string {
  const { provenance, rows } = parseTsv(tsv);
  return [
    ...generatedHeader(TSV_FILE, 'linux/generate.ts (npm run linux-table)', provenance),
    '/** [number, name, kernel_args, strace_decoder], by number. */',
    'export const X86_64_SYSCALL_ROWS: readonly (readonly [number, string, number, string])[] = [',
    ...rows.map((r) => `  [${r.number}, '${r.name}', ${r.kernelArgs}, '${r.decoder}'],`),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) writeGenerated(MODULE_FILE, TSV_FILE, renderSyscallModule);
