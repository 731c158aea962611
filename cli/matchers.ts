/**
 * Where the matcher module comes from: `--matchers <module.js>` or a shipped
 * set's name (`--matchers asterinas`, see shipped-sets.ts), or SCML
 * paths compiled through the cache. The compiler is required only on a
 * cache miss, so a hit starts fast; the
 * compiler's warnings are kept in the entry and printed again on a hit.
 */
import { readFileSync } from 'node:fs';
import type { MatcherModule } from '../runtime/abi';
import { ModuleLoadError, loadMatcherModule, loadMatcherModuleFromText } from '../runtime/load-module';
import type { TextSink } from '../runtime/report/reporter';
import { COMPILER_VERSION } from '../compiler/version';
import type * as CompilerApi from '../compiler/index';
import { folderTrouble } from './cache-trust';
import { CliFailure, describeIoError } from './failure';
import { UsageError } from './sctrace-options';
import { chooseMatchers, shippedModulePath, shippedSets } from './shipped-sets';
import {
  type ScmlSource,
  cacheDir,
  cacheKey,
  entryPath,
  pruneEntries,
  readEntry,
  touchEntry,
  writeEntry,
} from './matcher-cache';

export interface MatcherRequest {
  scml: string[];
  matchers: string | null;
  noCache: boolean;
}

export function obtainMatcher(request: MatcherRequest, stderr: TextSink): MatcherModule {
  try {
    if (request.matchers !== null) return loadModuleOrSet(request.matchers);
    return compileScml(readSources(request.scml), request.noCache, stderr);
  } catch (err) {
    if (err instanceof ModuleLoadError) throw new CliFailure(err.message);
    throw err;
  }
}

/** `--matchers <value>`: a module file, a shipped set's name or an installed rule-set package (shipped-sets.ts chooseMatchers). */
function loadModuleOrSet(value: string): MatcherModule {
  const choice = chooseMatchers(value);
  if (choice.kind === 'path') return loadMatcherModule(choice.file);
  if (choice.kind === 'shipped') return loadMatcherModule(shippedModulePath(choice.set));
  if (choice.kind === 'package') return loadMatcherModule(choice.file);
  if (choice.why !== null) throw new CliFailure(`--matchers ${choice.name}: ${choice.why}`);
  const names = shippedSets().map((s) => s.name);
  // Required here: only a mistyped name needs the suggester (it loads nothing heavy, but a hit loads nothing of the compiler).
  const { closestName } = require('../compiler/suggest') as typeof import('../compiler/suggest');
  const guess = closestName(choice.name, names);
  throw new UsageError(
    `--matchers ${choice.name}: no shipped rule set and no installed rule-set package of that name` +
      (guess === null ? '' : `; did you mean '${guess}'?`) +
      `\nShipped rule sets: ${names.join(', ')} (see sctrace --help); a file needs a path such as ./${choice.name}`,
  );
}

function readSources(operands: string[]): ScmlSource[] {
  // Required here: a module or a shipped set needs no file discovery (nor fast-glob) at start-up.
  const { discoverScml } = require('../compiler/discover') as typeof import('../compiler/discover');
  const found = discoverScml(operands);
  if (found.errors.length > 0) throw new CliFailure(found.errors.join('\n'));
  return found.files.map((path) => {
    try {
      return { path, bytes: readFileSync(path) };
    } catch (err) {
      throw new CliFailure(`cannot read SCML file ${path}: ${describeIoError(err)}`);
    }
  });
}

function compileScml(sources: ScmlSource[], noCache: boolean, stderr: TextSink): MatcherModule {
  const key = cacheKey(COMPILER_VERSION, sources);
  const dir = cacheDir();
  const useCache = !noCache && trustedFolder(dir, stderr);
  const label = useCache ? entryPath(dir, key) : '<compiled SCML>';
  if (useCache) {
    const cached = loadCached(dir, key, label, stderr);
    if (cached !== null) return cached;
  }
  const { code, warnings } = compileToCode(sources, stderr);
  if (useCache && writeEntry(dir, key, code, warnings)) pruneEntries(dir);
  return loadMatcherModuleFromText(code, label);
}

/** The cached module, its warnings printed as on the miss that made it; null when it must be compiled. */
function loadCached(dir: string, key: string, label: string, stderr: TextSink): MatcherModule | null {
  const found = readEntry(dir, key);
  if (found.kind === 'miss') return null;
  if (found.kind === 'damaged') {
    warnDamaged(stderr, label, found.reason);
    return null;
  }
  if (found.kind === 'untrusted') {
    stderr.write(`sctrace: warning: not loading cache entry ${label}: ${found.reason}; compiling again\n`);
    return null;
  }
  let module: MatcherModule;
  try {
    module = loadMatcherModuleFromText(found.code, label);
  } catch (err) {
    if (!(err instanceof ModuleLoadError)) throw err;
    warnDamaged(stderr, label, err.message);
    return null;
  }
  // Printed only once the module loaded, so a bad entry does not print them twice.
  if (found.warnings !== undefined) stderr.write(found.warnings);
  touchEntry(dir, key);
  return module;
}

/** Whether the cache folder may be used; when it exists but is not safely ours, one warning says why. */
function trustedFolder(dir: string, stderr: TextSink): boolean {
  const trouble = folderTrouble(dir);
  if (trouble === null) return true;
  if (trouble !== '') {
    stderr.write(`sctrace: warning: not using the cache ${dir}: ${trouble}; compiling afresh (it must be yours and writable by you alone, each folder above it yours or root's and writable by no one else unless sticky like /tmp: chmod go-w, or set XDG_CACHE_HOME)\n`);
  }
  return false;
}

function warnDamaged(stderr: TextSink, file: string, reason: string): void {
  stderr.write(`sctrace: warning: ignoring damaged cache entry ${file} (${reason}); compiling again\n`);
}

/** Compiles, printing the diagnostics; returns the module text and the (warnings-only) diagnostics text. */
function compileToCode(sources: ScmlSource[], stderr: TextSink): { code: string; warnings: string } {
  // Required here, not imported at the top: a cache hit must not load the compiler.
  const compiler = require('../compiler/index') as typeof CompilerApi;
  const result = compiler.compile(sources, { format: 'js' });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  // Warnings from the Linux facts are for rule authors (`scmlc --check` shows them); --explain tells users per call.
  const text = compiler.formatDiagnostics(result.diagnostics.filter((d) => d.topic !== 'linux'));
  if (text !== '') stderr.write(text);
  if (errors > 0 || result.code === null) {
    throw new CliFailure(`SCML has ${errors} error${errors === 1 ? '' : 's'}; nothing was checked`);
  }
  return { code: result.code, warnings: text };
}
