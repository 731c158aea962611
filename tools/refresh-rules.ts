/**
 * `npm run refresh-rules -- <checkout> [--set asterinas] [--version V]`:
 * replace a shipped rule set's SCML (and the README pages beside it) with the
 * files of a newer upstream checkout, unmodified, and print what changed:
 * files, and per syscall the rules added and removed. The set's version and
 * source in rules/shipped.json follow the checkout's commit (or --version).
 * Nothing is changed when the new rules do not compile. Afterwards:
 * `npm run shipped` rebuilds the module, `npm test` checks everything.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import arg from 'arg';
import { analyze } from '../compiler/analyze';
import { formatDiagnostics } from '../compiler/diagnostics';
import { PACKAGE_ROOT } from '../cli/package-root';
import { type ShippedSet, shippedSets } from '../cli/shipped-sets';
import type { IR } from '../runtime/ir';
import { diffRuleSets, formatRulesDiff, type RuleSetVersion } from './rules-diff';

/** Files taken from upstream: the rules and their README pages. */
const COPIED = /\.(scml|md)$/;

/** Relative paths (posix) of the copied files under `root`, sorted. */
export function listFiles(root: string, rel = ''): string[] {
  const found: string[] = [];
  for (const name of readdirSync(path.join(root, rel)).sort()) {
    const child = rel === '' ? name : `${rel}/${name}`;
    if (statSync(path.join(root, child)).isDirectory()) found.push(...listFiles(root, child));
    else if (COPIED.test(name)) found.push(child);
  }
  return found;
}

/** A folder's rules: files with their sha256, and the IR under the set's own paths (`rules/asterinas/...`). */
export function readVersion(root: string, pathPrefix: string): { version: RuleSetVersion | null; errors: string } {
  const files = new Map<string, string>();
  const inputs = [];
  for (const rel of listFiles(root)) {
    const bytes = readFileSync(path.join(root, rel));
    files.set(rel, createHash('sha256').update(bytes).digest('hex'));
    if (rel.endsWith('.scml')) inputs.push({ path: `${pathPrefix}/${rel}`, bytes });
  }
  const result = analyze(inputs);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.ir === null || errors.length > 0) return { version: null, errors: formatDiagnostics(errors) };
  return { version: { files, ir: result.ir as IR }, errors: '' };
}

function commitOf(checkout: string): string | null {
  try {
    return execFileSync('git', ['-C', checkout, 'rev-parse', '--short=9', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** rules/shipped.json with one set's version and source updated. */
function updateList(list: string, set: ShippedSet, version: string): void {
  const sets = shippedSets(list).map((s) =>
    s.name !== set.name || s.upstream === undefined
      ? s
      : { ...s, version, source: `${s.upstream.repository}/tree/${version}/${s.upstream.folder}` },
  );
  writeFileSync(list, JSON.stringify(sets, null, 2) + '\n');
}

/** rules/README.md names the commit each set was copied from (a `- commit: X` line in the set's section). */
function updateReadme(root: string, from: string | null, to: string): void {
  const readme = path.join(root, 'rules', 'README.md');
  if (!existsSync(readme) || from === null) return;
  const text = readFileSync(readme, 'utf8');
  writeFileSync(readme, text.split(`- commit: ${from}\n`).join(`- commit: ${to}\n`));
}

/**
 * `root`: the package to update (the repository; a copy in tests). `cwd`:
 * where a relative checkout path is meant from (npm run moves to the root
 * but keeps the caller's folder in INIT_CWD).
 */
export function main(argv: string[], out: (text: string) => void, root = PACKAGE_ROOT, cwd = process.env.INIT_CWD ?? process.cwd()): number {
  const list = path.join(root, 'rules', 'shipped.json');
  const options = arg({ '--set': String, '--version': String, '--help': Boolean, '-h': '--help' }, { argv });
  if (options['--help'] || options._.length !== 1) {
    out('usage: npm run refresh-rules -- <upstream checkout> [--set <name>] [--version <commit or release>]\n');
    return options['--help'] ? 0 : 2;
  }
  const checkout = path.resolve(cwd, options._[0]);
  const name = options['--set'] ?? 'asterinas';
  const set = shippedSets(list).find((s) => s.name === name);
  if (set === undefined || set.upstream === undefined) {
    out(`refresh-rules: no shipped set '${name}' with an upstream in rules/shipped.json\n`);
    return 2;
  }
  const from = path.join(checkout, set.upstream.folder);
  if (!existsSync(from)) {
    out(`refresh-rules: ${from} does not exist; is ${checkout} a checkout of ${set.upstream.repository}?\n`);
    return 1;
  }
  const version = options['--version'] ?? commitOf(checkout);
  if (version === null) {
    out(`refresh-rules: ${checkout} is not a git checkout; say which version it is with --version\n`);
    return 2;
  }
  const target = path.join(root, set.rules);
  const before = readVersion(target, set.rules);
  const after = readVersion(from, set.rules);
  if (after.version === null) {
    out(`refresh-rules: the new rules do not compile; nothing changed:\n${after.errors}`);
    return 1;
  }
  if (before.version === null) {
    out(`refresh-rules: warning: the current ${set.rules} does not compile; showing files only\n`);
  }
  const empty: RuleSetVersion = { files: new Map(), ir: { ...after.version.ir, sources: [], rules: [], syscalls: [] } };
  out(formatRulesDiff(diffRuleSets(before.version ?? empty, after.version), `${set.rules}: ${set.version ?? '?'}`, version));

  rmSync(target, { recursive: true, force: true });
  for (const rel of listFiles(from)) {
    mkdirSync(path.dirname(path.join(target, rel)), { recursive: true });
    cpSync(path.join(from, rel), path.join(target, rel));
  }
  updateList(list, set, version);
  updateReadme(root, set.version, version);
  out(`\nCopied into ${set.rules}; rules/shipped.json and rules/README.md now say ${version}.\n`);
  out('Next: npm run shipped (rebuilds the module), npm test, then review and commit.\n');
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text));
}
