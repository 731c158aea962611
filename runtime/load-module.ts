/**
 * Loading a compiled matcher module (from `--matchers` or the cache) and
 * checking it before use: the ABI version first, then the shape. Anything
 * else is refused with a message that says what to do.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ABI_VERSION, type CallView, type MatcherModule, type MatcherTarget } from './abi';
import { MAX_NESTING, nestsTooDeep } from './ir';
import { irShapeTrouble } from './ir-shape';

/**
 * Where a loaded module came from, so that a worker thread can load the
 * same one (runtime/parallel/): a file, or module text (a cache entry, or
 * SCML compiled just now). Loading is evaluating; nothing is compiled again.
 */
export type MatcherOrigin = { kind: 'file'; path: string } | { kind: 'text'; code: string; label: string };

const origins = new WeakMap<MatcherModule, MatcherOrigin>();

/** How to load `module` again elsewhere; undefined for a module not loaded by this file. */
export function matcherOrigin(module: MatcherModule): MatcherOrigin | undefined {
  return origins.get(module);
}

/** Load a module again from its origin (in a worker thread). */
export function loadMatcherFrom(origin: MatcherOrigin): MatcherModule {
  return origin.kind === 'file' ? loadMatcherModule(origin.path) : loadMatcherModuleFromText(origin.code, origin.label);
}

/** A module that cannot be used; `message` is meant for the user. */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

/**
 * A loaded module misbehaved while checking a log: its match() threw, or
 * returned something that is not one of its rule ids (or -1). Reported by
 * the module's name (exit status 1): a verdict from it cannot be trusted.
 */
export class ModuleFailure extends Error {
  override name = 'ModuleFailure';
}

/** `require` a matcher module file and check it. */
export function loadMatcherModule(file: string): MatcherModule {
  const full = resolve(file);
  if (!existsSync(full)) throw new ModuleLoadError(`${file}: no such file`);
  if (/\.[cm]?ts$/.test(full)) {
    throw new ModuleLoadError(`${file}: a TypeScript module cannot be loaded directly; build it with \`scmlc --format js\` (or compile it with tsc) and pass the .js file`);
  }
  let exported: unknown;
  try {
    exported = require(full);
  } catch (err) {
    throw new ModuleLoadError(`${file}: not a loadable JavaScript module (${firstLine(err)})`);
  }
  const module = guarded(checkMatcherModule(exported, file), file);
  origins.set(module, { kind: 'file', path: full });
  return module;
}

/**
 * Evaluate module text as CommonJS (the generated module imports nothing)
 * and check it. Used for cache entries, which are verified as text first.
 */
export function loadMatcherModuleFromText(code: string, file: string): MatcherModule {
  const mod = { exports: {} as unknown };
  try {
    // The generated module is CommonJS with no imports: `module` and `exports` are all it needs.
    const run = new Function('module', 'exports', code + '\n//# sourceURL=' + file.replace(/\s/g, '_'));
    run(mod, mod.exports);
  } catch (err) {
    throw new ModuleLoadError(`${file}: not a loadable JavaScript module (${firstLine(err)})`);
  }
  const module = guarded(checkMatcherModule(mod.exports, file), file);
  origins.set(module, { kind: 'text', code, label: file });
  return module;
}

/**
 * The module with its match functions checked on every call: a throw or an
 * answer that is not -1 or one of its rule ids becomes a ModuleFailure that
 * names the module and the call's line, instead of a stack trace or every
 * call silently counted as supported (999999, NaN).
 */
function guarded(module: MatcherModule, file: string): MatcherModule {
  const ruleCount = module.rules.length;
  const guard = (fn: (call: CallView) => number, what: string) => (call: CallView): number => {
    let id: number;
    try {
      id = fn(call);
    } catch (err) {
      throw new ModuleFailure(`matcher module ${file}: ${what}() threw on ${callAt(call)}: ${firstLine(err)}`);
    }
    if (id === -1 || (Number.isInteger(id) && id >= 0 && id < ruleCount)) return id;
    throw new ModuleFailure(
      `matcher module ${file}: ${what}() returned ${describeValue(id)} on ${callAt(call)}, which is not one of its ${ruleCount} rule ids (or -1); rebuild it with \`scmlc\``,
    );
  };
  return { ...module, match: guard(module.match.bind(module), 'match'), matchAsPrinted: guard(module.matchAsPrinted.bind(module), 'matchAsPrinted') };
}

function callAt(call: CallView): string {
  const line = (call as { line?: unknown }).line;
  return typeof line === 'number' ? `the ${call.name} call of line ${line}` : `a ${call.name} call`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  return typeof value;
}

/**
 * Check what a module exported against the matcher ABI (runtime/abi.ts). A
 * module whose exports cannot even be read (a getter that throws) is
 * damaged too: refused by name, never a stack trace.
 */
export function checkMatcherModule(exported: unknown, file: string): MatcherModule {
  try {
    return checkExports(exported, file);
  } catch (err) {
    if (err instanceof ModuleLoadError) throw err;
    throw new ModuleLoadError(`${file}: damaged matcher module (it could not be read: ${firstLine(err)}); rebuild it with \`scmlc\``);
  }
}

function checkExports(exported: unknown, file: string): MatcherModule {
  if (typeof exported !== 'object' || exported === null || !('abi' in exported)) {
    throw new ModuleLoadError(`${file}: not an sctrace matcher module (it exports no \`abi\`); build one with \`scmlc\``);
  }
  const m = exported as Record<string, unknown>;
  if (m.abi !== ABI_VERSION) {
    const built = typeof m.compiler === 'string' ? ` by ${m.compiler}` : '';
    throw new ModuleLoadError(
      `${file}: matcher module built${built} for ABI ${describeValue(m.abi)}, but this sctrace needs ABI ${ABI_VERSION}; rebuild it with this version's \`scmlc\``,
    );
  }
  const missing: string[] = [];
  if (typeof m.match !== 'function') missing.push('match()');
  if (typeof m.matchAsPrinted !== 'function') missing.push('matchAsPrinted()');
  if (typeof m.hasRules !== 'function') missing.push('hasRules()');
  if (typeof m.compiler !== 'string') missing.push('compiler');
  if (!Array.isArray(m.sources)) missing.push('sources');
  if (!Array.isArray(m.rules)) missing.push('rules');
  const ir = m.ir as Record<string, unknown> | null | undefined;
  if (typeof ir !== 'object' || ir === null || !Array.isArray(ir.rules) || !Array.isArray(ir.syscalls)) missing.push('ir');
  if ('target' in m && !isTarget(m.target)) missing.push('target');
  if (missing.length > 0) {
    throw new ModuleLoadError(`${file}: damaged matcher module (missing or wrong: ${missing.join(', ')}); rebuild it with \`scmlc\``);
  }
  if (nestsTooDeep((ir as Record<string, unknown>).rules)) {
    throw new ModuleLoadError(`${file}: its rules nest patterns more than ${MAX_NESTING} levels deep, which scmlc never writes; rebuild it with \`scmlc\``);
  }
  const trouble = shapeTrouble(m);
  if (trouble !== null) throw new ModuleLoadError(`${file}: damaged matcher module (${trouble}); rebuild it with \`scmlc\``);
  return exported as MatcherModule;
}

/**
 * The IR's full shape (runtime/ir-shape.ts), and the exported rule list as
 * long as the IR's: match() answers are checked against the one, and
 * explained from the other.
 */
function shapeTrouble(m: Record<string, unknown>): string | null {
  const trouble = irShapeTrouble(m.ir);
  if (trouble !== null) return trouble;
  const ruleCount = ((m.ir as Record<string, unknown>).rules as unknown[]).length;
  const listed = (m.rules as unknown[]).length;
  return listed === ruleCount ? null : `rules: ${listed} entries, but ir.rules has ${ruleCount}`;
}

/** The optional `target` stamp: an OS name, and a version and source that are strings or null. */
function isTarget(value: unknown): value is MatcherTarget {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const optionalText = (v: unknown) => v === null || typeof v === 'string';
  return typeof t.os === 'string' && optionalText(t.version) && optionalText(t.source);
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0];
}
