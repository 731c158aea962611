/**
 * Rule sets shipped as npm packages (`npm install @myos/sctrace-rules`, then
 * `sctrace --matchers @myos/sctrace-rules`). A package declares its matcher
 * module in its package.json:
 *
 *     "sctrace": { "matchers": "matchers.js", "abi": 7 }
 *
 * (`scmlc --package` writes such a package). It is looked up as Node looks
 * up a bare name: in `node_modules` of the current folder and each folder
 * above it, then in the global folders (the one sctrace itself is installed
 * in, then npm's global prefix).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from './package-root';

/** The package.json field that marks a rule-set package. */
export const PACKAGE_FIELD = 'sctrace';

/** A valid npm package name: `name` or `@scope/name`. */
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

export function isPackageName(value: string): boolean {
  return PACKAGE_NAME.test(value);
}

export type PackageLookup =
  | { kind: 'found'; dir: string; module: string }
  | { kind: 'not-rules'; dir: string; why: string }
  | { kind: 'missing' };

/** Folders searched for a package, in order. */
export function packageFolders(cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const folders: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') folders.push(path.join(dir, 'node_modules'));
    if (path.dirname(dir) === dir) break;
  }
  // Global: beside sctrace itself (npm install -g puts both in one node_modules), then npm's prefix.
  if (path.basename(path.dirname(PACKAGE_ROOT)) === 'node_modules') folders.push(path.dirname(PACKAGE_ROOT));
  else if (path.basename(path.dirname(path.dirname(PACKAGE_ROOT))) === 'node_modules') folders.push(path.dirname(path.dirname(PACKAGE_ROOT)));
  const prefix = env.npm_config_prefix ?? path.resolve(process.execPath, '..', '..');
  folders.push(path.join(prefix, 'lib', 'node_modules'));
  return [...new Set(folders)];
}

/** Finds an installed rule-set package by name. */
export function findRuleSetPackage(name: string, cwd: string = process.cwd()): PackageLookup {
  for (const folder of packageFolders(cwd)) {
    const dir = path.join(folder, ...name.split('/'));
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      return { kind: 'not-rules', dir, why: `its package.json cannot be read (${err instanceof Error ? err.message : String(err)})` };
    }
    const field = json[PACKAGE_FIELD] as Record<string, unknown> | undefined;
    if (typeof field !== 'object' || field === null || typeof field.matchers !== 'string') {
      return { kind: 'not-rules', dir, why: `its package.json has no "${PACKAGE_FIELD}": { "matchers": "<module.js>" } (not a rule-set package; see scmlc --package)` };
    }
    const module = path.resolve(dir, field.matchers);
    if (path.relative(dir, module).startsWith('..')) return { kind: 'not-rules', dir, why: `"${PACKAGE_FIELD}.matchers" points outside the package` };
    return { kind: 'found', dir, module };
  }
  return { kind: 'missing' };
}
