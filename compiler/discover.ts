/**
 * Command-line operands → the SCML files to compile (shared by `scmlc` and
 * `sctrace`), or the JSON reports to combine (`sctrace combine`).
 *
 * An operand is a file (taken as is, whatever its extension), a directory
 * (searched recursively for `*.scml`, or the extension asked for) or a glob
 * (`rules/**\/*.scml`). The
 * result is sorted (code-unit order) and free of duplicates, so the same
 * rules always compile to the same module.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type FastGlob from 'fast-glob';

/**
 * fast-glob, loaded on first use (for glob operands only): sctrace discovers
 * its rules on every run, and loading fast-glob costs ~20 ms of a ~110 ms start.
 */
let fastGlob: typeof FastGlob | undefined;
function fg(): typeof FastGlob {
  return (fastGlob ??= require('fast-glob') as typeof FastGlob);
}

export interface DiscoveredScml {
  /** Paths as the user would write them: relative operands stay relative (with '/' separators). */
  files: string[];
  /** One message per operand that yielded nothing. */
  errors: string[];
}

function kindOf(p: string): 'file' | 'directory' | 'other' | null {
  try {
    const st = statSync(p);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  } catch {
    return null;
  }
}

/** Join with '/' and drop `./` noise, keeping `../` and absolute prefixes as given. */
function joinPosix(base: string, relative: string): string {
  return path.posix.normalize(`${base.split(path.sep).join('/')}/${relative}`);
}

export function discoverScml(operands: readonly string[], cwd: string = process.cwd()): DiscoveredScml {
  return discoverFiles(operands, '.scml', cwd);
}

/** Files named by operands; directories and globs yield the files ending in `extension`. */
export function discoverFiles(operands: readonly string[], extension: string, cwd: string = process.cwd()): DiscoveredScml {
  const found: string[] = [];
  const errors: string[] = [];
  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand);
    const kind = kindOf(absolute);
    if (kind === 'file') {
      found.push(path.posix.normalize(operand.split(path.sep).join('/')));
    } else if (kind === 'directory') {
      const inside = walkSafely(absolute, operand, extension, errors);
      if (inside === null) continue;
      if (inside.length === 0) errors.push(`no ${extension} file in directory '${operand}'`);
      for (const rel of inside) found.push(joinPosix(operand, rel));
    } else if (kind === 'other') {
      errors.push(`'${operand}' is neither a file nor a directory`);
    } else if (fg().isDynamicPattern(operand)) {
      const matches = globSafely(operand, cwd, operand, errors);
      if (matches === null) continue;
      const wanted = matches.filter((m) => m.endsWith(extension));
      if (wanted.length === 0) {
        errors.push(
          matches.length === 0
            ? `no file matches '${operand}'`
            : `no ${extension} file among the ${matches.length} file(s) matching '${operand}'`,
        );
      }
      for (const m of wanted) found.push(path.posix.normalize(m));
    } else {
      errors.push(`no such file or directory: '${operand}'`);
    }
  }
  return { files: uniqueSorted(found, cwd), errors };
}

/**
 * Every file ending in `extension` below a directory, as '/'-separated relative paths. Follows
 * symlinks, visits each real directory once (so a symlink loop ends), skips
 * dot-files and dot-folders like the glob does. A walk, not fast-glob, so that
 * the common case (a rules folder) does not load fast-glob.
 */
function walkSafely(root: string, operand: string, extension: string, errors: string[]): string[] | null {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, rel: string): void => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of readdirSync(dir).sort(compareCodeUnits)) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const kind = kindOf(full);
      if (kind === 'directory') walk(full, `${rel}${name}/`);
      else if (kind === 'file' && name.endsWith(extension)) out.push(`${rel}${name}`);
    }
  };
  try {
    walk(root, '');
    return out;
  } catch (err) {
    errors.push(`cannot search '${operand}': ${(err as Error).message}`);
    return null;
  }
}

/** fast-glob, with a file-system failure (permission, symlink loop) turned into an error message. */
function globSafely(pattern: string, cwd: string, operand: string, errors: string[]): string[] | null {
  try {
    return fg().sync(pattern, { cwd, onlyFiles: true, dot: false, followSymbolicLinks: true });
  } catch (err) {
    errors.push(`cannot search '${operand}': ${(err as Error).message}`);
    return null;
  }
}

/**
 * Sort by code units; two spellings of one file (`a.scml`, `./x/../a.scml`,
 * a path through a symlink) count once, under the shortest spelling.
 */
function uniqueSorted(files: string[], cwd: string): string[] {
  const byReal = new Map<string, string>();
  const shortestFirst = [...files].sort((a, b) => a.length - b.length || compareCodeUnits(a, b));
  for (const f of shortestFirst) {
    const key = realPath(path.resolve(cwd, f));
    if (!byReal.has(key)) byReal.set(key, f);
  }
  return [...byReal.values()].sort(compareCodeUnits);
}

function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
