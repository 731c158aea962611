/**
 * The folder of sctrace's package.json: the repository in a checkout, the
 * installed package otherwise. Shipped rule sets are found relative to it,
 * whether the code runs from dist/ or (in tests) from the sources.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);
