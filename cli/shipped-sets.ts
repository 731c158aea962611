/**
 * Shipped rule sets: OS rule sets that come with sctrace, precompiled
 * (`sctrace --matchers asterinas`). The list is data, rules/shipped.json:
 * per set its name, its SCML folder, its module (built by scmlc, committed,
 * checked by tests/golden/shipped.test.ts) and the target it is stamped with.
 * Nothing here loads the compiler.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MatcherTarget } from '../runtime/abi';
import { targetLabel } from '../runtime/report/rule-set';
import { PACKAGE_ROOT } from './package-root';
import { findRuleSetPackage, isPackageName } from './rule-set-packages';

export interface ShippedSet extends MatcherTarget {
  /** What the user types: `--matchers asterinas`. */
  name: string;
  /** The SCML folder, relative to the package root (also the paths inside the module). */
  rules: string;
  /** The precompiled module, relative to the package root. */
  module: string;
  /** Where `npm run refresh-rules` copies the SCML from: a git repository and the folder in it. */
  upstream?: { repository: string; folder: string };
}

export const SHIPPED_LIST = path.join(PACKAGE_ROOT, 'rules', 'shipped.json');

export function shippedSets(list: string = SHIPPED_LIST): ShippedSet[] {
  return JSON.parse(readFileSync(list, 'utf8')) as ShippedSet[];
}

export function shippedModulePath(set: ShippedSet): string {
  return path.join(PACKAGE_ROOT, set.module);
}

/**
 * What `--matchers <value>` names, decided as Node's require decides: a value
 * that starts with `/` or `.`, has a slash (other than `@scope/name`), or ends
 * in a module extension is a path; any other value is a name: a shipped set
 * first, then an installed package (rule-set-packages.ts). A name is never a
 * file in the current folder.
 */
export type MatchersChoice =
  | { kind: 'path'; file: string }
  | { kind: 'shipped'; set: ShippedSet }
  | { kind: 'package'; name: string; dir: string; file: string }
  | { kind: 'unknown'; name: string; why: string | null };

const MODULE_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

export function isMatchersPath(value: string): boolean {
  if (value.startsWith('/') || value.startsWith('.') || MODULE_FILE.test(value)) return true;
  return /[\\/]/.test(value) && !(value.startsWith('@') && isPackageName(value));
}

export function chooseMatchers(value: string, cwd: string = process.cwd()): MatchersChoice {
  if (isMatchersPath(value) || !isPackageName(value)) return { kind: 'path', file: value };
  const set = shippedSets().find((s) => s.name === value);
  if (set !== undefined) return { kind: 'shipped', set };
  const found = findRuleSetPackage(value, cwd);
  if (found.kind === 'found') return { kind: 'package', name: value, dir: found.dir, file: found.module };
  return { kind: 'unknown', name: value, why: found.kind === 'not-rules' ? `package ${found.dir}: ${found.why}` : null };
}


/** The shipped sets for --help: name, OS and version, rule count (from the module itself), source. */
export function shippedSetsHelp(load: (file: string) => { rules: unknown[]; ir: { syscalls: unknown[] } }): string {
  const sets = shippedSets();
  const width = Math.max(...sets.map((s) => s.name.length));
  let out = '';
  for (const set of sets) {
    let counts: string;
    try {
      const module = load(shippedModulePath(set));
      counts = `${module.rules.length} rules for ${module.ir.syscalls.length} syscalls`;
    } catch (err) {
      counts = `cannot be loaded: ${err instanceof Error ? err.message : String(err)}`;
    }
    out += `    ${set.name.padEnd(width)}  ${targetLabel(set)}, ${counts}\n`;
    if (set.source !== null) out += `    ${' '.repeat(width)}  source: ${set.source}\n`;
  }
  return out;
}
