/**
 * Shipped rule sets: OS rule sets that come with sctrace, precompiled
 * (`sctrace --matchers asterinas`). The list is data, rules/shipped.json:
 * per set its name, its SCML folder, its module (built by scmlc, committed,
 * checked by tests/golden/shipped.test.ts) and the target it is stamped with.
 * Nothing here loads the compiler.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { MatcherTarget } from '../runtime/abi';
import { PACKAGE_ROOT } from './package-root';

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

/** What `--matchers <value>` names: an existing path always wins, then a shipped set's name. */
export type MatchersChoice = { kind: 'path'; file: string } | { kind: 'shipped'; set: ShippedSet } | { kind: 'unknown'; name: string };

/** A bare word (no folder, no module extension) that is no file is meant as a set's name. */
const SET_NAME = /^(?!.*\.(?:[cm]?js|[cm]?ts)$)[A-Za-z0-9][\w.+-]*$/;

export function chooseMatchers(value: string, cwd: string = process.cwd()): MatchersChoice {
  if (existsSync(path.resolve(cwd, value)) || !SET_NAME.test(value)) return { kind: 'path', file: value };
  const set = shippedSets().find((s) => s.name === value);
  return set === undefined ? { kind: 'unknown', name: value } : { kind: 'shipped', set };
}

/** `Asterinas 604948581`. */
export function targetName(set: MatcherTarget): string {
  return set.version === null ? set.os : `${set.os} ${set.version}`;
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
    out += `    ${set.name.padEnd(width)}  ${targetName(set)}, ${counts}\n`;
    if (set.source !== null) out += `    ${' '.repeat(width)}  source: ${set.source}\n`;
  }
  return out;
}
