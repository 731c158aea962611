/**
 * `npm run shipped`: rebuild every shipped rule set's module (rules/shipped.json)
 * with scmlc, from the repository root so that the paths inside are
 * `rules/<set>/...`, the same as `sctrace rules/<set>` run from a checkout.
 * tests/golden/shipped.test.ts runs the same scmlc command and fails when the
 * committed module differs.
 */
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

if (require.main === module) {
  let status = 0;
  for (const set of shippedSets()) {
    const io = { stdout: process.stdout, stderr: process.stderr, cwd: PACKAGE_ROOT };
    status = Math.max(status, scmlc(shippedScmlcArgs(set, set.module), io));
  }
  process.exitCode = status;
}
