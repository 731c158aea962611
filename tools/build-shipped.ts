/**
 * `npm run shipped`: rebuild every shipped rule set's module (rules/shipped.json)
 * with scmlc, from the repository root so that the paths inside are
 * `rules/<set>/...`, the same as `sctrace rules/<set>` run from a checkout.
 * tests/golden/shipped.test.ts runs the same scmlc command and fails when the
 * committed module differs. It also writes each set's compatibility table
 * (docs/compatibility/<set>.md, scmlc --table md), which
 * tests/compiler/table.test.ts keeps fresh the same way.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { main as scmlc } from '../cli/scmlc';
import { PACKAGE_ROOT } from '../cli/package-root';
import { type ShippedSet, shippedSets } from '../cli/shipped-sets';

/** The scmlc arguments that build a shipped set's module into `output`. */
export function shippedScmlcArgs(set: ShippedSet, output: string): string[] {
  const stamp = ['--os', set.os];
  if (set.version !== null) stamp.push('--os-version', set.version);
  if (set.source !== null) stamp.push('--source', set.source);
  return [set.rules, '-o', output, ...stamp];
}

/** Where a shipped set's compatibility table (Markdown) is kept, and the scmlc arguments that write it. */
export function shippedTable(set: ShippedSet): { file: string; args: (output: string) => string[] } {
  return { file: `docs/compatibility/${set.name}.md`, args: (output) => [set.rules, '--table', 'md', '-q', '-o', output] };
}

if (require.main === module) {
  let status = 0;
  for (const set of shippedSets()) {
    const io = { stdout: process.stdout, stderr: process.stderr, cwd: PACKAGE_ROOT };
    status = Math.max(status, scmlc(shippedScmlcArgs(set, set.module), io));
    const table = shippedTable(set);
    mkdirSync(dirname(join(PACKAGE_ROOT, table.file)), { recursive: true });
    status = Math.max(status, scmlc(table.args(table.file), io));
  }
  process.exitCode = status;
}
