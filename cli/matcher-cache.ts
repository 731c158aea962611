/**
 * The compiled-module cache: SCML compiled once, kept under
 * `$XDG_CACHE_HOME/sctrace` (default `~/.cache/sctrace`) as one file per key.
 *
 * The key is a sha256 over the entry format, the compiler version, the ABI
 * version and every source's path and bytes, so any change to a rule file, to
 * the set of files, to the compiler or to this format gives a new entry. An
 * entry is three parts:
 *
 *   // sctrace-cache-2 key=<64 hex> sha256=<64 hex>\n
 *   // warnings <JSON string>\n
 *   <module text>
 *
 * The sha256 covers everything after the first line: the warnings line and
 * the module. The warnings are the compiler's formatted diagnostics, replayed
 * on a hit; as a JSON string they hold no raw line break, so no warning text
 * can end its line early and pose as module text. An entry that does not
 * check out is treated as damaged (and rebuilt). Entries are written to a
 * temporary name and renamed, so readers never see half a file. A cache that
 * cannot be written only costs speed.
 *
 * The folder is bounded: a hit refreshes the entry's mtime, so mtime means
 * "last used", and after a new entry is written only the most recently used
 * ones are kept.
 *
 * The checksum is not authentication (anyone can compute a key and a
 * checksum), so only what the user owns is trusted, as OpenSSH trusts key
 * files and git (since CVE-2022-24765) trusts repositories: the folder and
 * each entry must be owned by the current user and writable by no one else,
 * and so must the way to the folder (cli/cache-trust.ts; the entry checks are
 * in readEntry). Entries are opened without
 * following symbolic links, and touched through the open file, so nothing
 * outside the folder is read or changed.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, futimesSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ownershipTrouble } from './cache-trust';
import { temporaryTarget, writeAtomically } from './write-atomically';
import { ABI_VERSION } from '../runtime/abi';
import { jsStringLiteral } from '../runtime/js-string';

const FORMAT = 'sctrace-cache-2';
const HEADER = /^\/\/ sctrace-cache-2 key=([0-9a-f]{64}) sha256=([0-9a-f]{64})\n/;
const WARNINGS = /^\/\/ warnings ("[^\n]*")\n/;
const ENTRY_NAME = /^[0-9a-f]{64}\.js$/;

/** Entries kept after a write: more rule sets than one switches between, yet at most ~5 MB (~300 KB each). */
export const MAX_ENTRIES = 16;
/** A write takes milliseconds: a temporary file this old was left by a writer that died. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface ScmlSource {
  path: string;
  bytes: Buffer;
}

/** `$XDG_CACHE_HOME/sctrace`; a relative XDG_CACHE_HOME is ignored, as the XDG spec says. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'sctrace');
}

export function cacheKey(compilerVersion: string, sources: readonly ScmlSource[]): string {
  const h = createHash('sha256');
  h.update(`${FORMAT}\0scmlc ${compilerVersion}\0abi ${ABI_VERSION}\0${sources.length}\0`);
  for (const s of sources) {
    // Lengths first, so that no two different source lists hash the same stream.
    h.update(`${Buffer.byteLength(s.path)}:${s.path}\0${s.bytes.length}:`);
    h.update(s.bytes);
  }
  return h.digest('hex');
}

export function entryPath(dir: string, key: string): string {
  return join(dir, key + '.js');
}

export type CacheLookup =
  | { kind: 'hit'; code: string; warnings?: string }
  | { kind: 'miss' }
  | { kind: 'damaged'; reason: string }
  | { kind: 'untrusted'; reason: string };

/**
 * Read and verify an entry; returns its module text, and the compiler's
 * warnings when there were any, on success. The entry is opened without
 * following a link, and must be a regular file of ours that no one else
 * can write (else 'untrusted').
 */
export function readEntry(dir: string, key: string): CacheLookup {
  let fd: number;
  try {
    fd = openSync(entryPath(dir, key), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? { kind: 'untrusted', reason: 'a symbolic link' } : { kind: 'miss' };
  }
  let text: string;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'untrusted', reason: 'not a regular file' };
    const trouble = ownershipTrouble(st);
    if (trouble !== null) return { kind: 'untrusted', reason: trouble };
    text = readFileSync(fd, 'utf8');
  } catch {
    return { kind: 'miss' };
  } finally {
    closeSync(fd);
  }
  const m = HEADER.exec(text);
  if (m === null) return { kind: 'damaged', reason: 'no valid header' };
  if (m[1] !== key) return { kind: 'damaged', reason: 'made for another key' };
  const rest = text.slice(m[0].length);
  if (sha256(rest) !== m[2]) return { kind: 'damaged', reason: 'checksum mismatch' };
  const w = WARNINGS.exec(rest);
  const warnings = w === null ? null : parseJsonString(w[1]);
  if (w === null || warnings === null) return { kind: 'damaged', reason: 'no valid warnings line' };
  const code = rest.slice(w[0].length);
  return warnings === '' ? { kind: 'hit', code } : { kind: 'hit', code, warnings };
}

/**
 * Store module text and the compiler's formatted warnings under `key`,
 * atomically. Returns false when the cache could not be written.
 */
export function writeEntry(dir: string, key: string, code: string, warnings = ''): boolean {
  const rest = `// warnings ${jsStringLiteral(warnings)}\n${code}`;
  const file = entryPath(dir, key);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // What stands in the way (a link, a file with other links) is removed, never written through.
    const old = lstatOrNull(file);
    if (old !== null && !(old.isFile() && old.nlink === 1)) rmSync(file, { force: true });
    writeAtomically(file, `// ${FORMAT} key=${key} sha256=${sha256(rest)}\n${rest}`, { mode: 0o644 });
    return true;
  } catch {
    return false; // the entry simply is not cached
  }
}

/** Mark an entry as just used (mtime), so pruning keeps it; failing only makes it look older. Never through a link. */
export function touchEntry(dir: string, key: string): void {
  try {
    const fd = openSync(entryPath(dir, key), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const now = new Date();
      futimesSync(fd, now, now);
    } finally {
      closeSync(fd);
    }
  } catch {
    // read-only cache, or the entry was pruned meanwhile: harmless
  }
}

function lstatOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/**
 * Delete the entries beyond the `keep` most recently used, and temporary
 * files of crashed writers. Only names of our own making are touched, and
 * every error is ignored: another sctrace may be pruning at the same time.
 */
export function pruneEntries(dir: string, keep = MAX_ENTRIES, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const entries: { name: string; mtime: number }[] = [];
  for (const name of names) {
    const isEntry = ENTRY_NAME.test(name);
    if (!isEntry && !isOurTemporary(name)) continue;
    const mtime = regularFileMtime(join(dir, name));
    if (mtime === null) continue;
    if (isEntry) entries.push({ name, mtime });
    else if (now - mtime > STALE_TEMP_MS) removeQuietly(join(dir, name));
  }
  // Newest first; the name breaks ties so that every pruner agrees.
  entries.sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
  for (const { name } of entries.slice(keep)) removeQuietly(join(dir, name));
}

function isOurTemporary(name: string): boolean {
  const target = temporaryTarget(name);
  return target !== null && ENTRY_NAME.test(target);
}

/** mtime in ms of a regular file (not a link, not a folder); null otherwise or when it is gone. */
function regularFileMtime(file: string): number | null {
  try {
    const st = lstatSync(file);
    return st.isFile() ? st.mtimeMs : null;
  } catch {
    return null;
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // someone else removed it, or may not: either way the cache still works
  }
}

function parseJsonString(json: string): string | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
