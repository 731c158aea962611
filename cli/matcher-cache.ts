/**
 * The compiled-module cache: SCML compiled once, kept under
 * `$XDG_CACHE_HOME/sctrace` (default `~/.cache/sctrace`) as one file per key.
 *
 * The key is a sha256 over the compiler version, the ABI version and every
 * source's path and bytes, so any change to a rule file, to the set of files
 * or to the compiler gives a new entry. Each entry starts with a header line
 * holding its key and the sha256 of the rest; an entry whose header does not
 * check out is treated as absent (and rebuilt). Entries are written to a
 * temporary name and renamed, so readers never see half a file. A cache that
 * cannot be written only costs speed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { writeAtomically } from './write-atomically';
import { ABI_VERSION } from '../runtime/abi';

const FORMAT = 'sctrace-cache-1';
const HEADER = /^\/\/ sctrace-cache-1 key=([0-9a-f]{64}) sha256=([0-9a-f]{64})\n/;

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
  | { kind: 'hit'; code: string }
  | { kind: 'miss' }
  | { kind: 'damaged'; reason: string };

/** Read and verify an entry; returns its module text on success. */
export function readEntry(dir: string, key: string): CacheLookup {
  let text: string;
  try {
    text = readFileSync(entryPath(dir, key), 'utf8');
  } catch {
    return { kind: 'miss' };
  }
  const m = HEADER.exec(text);
  if (m === null) return { kind: 'damaged', reason: 'no valid header' };
  if (m[1] !== key) return { kind: 'damaged', reason: 'made for another key' };
  const body = text.slice(m[0].length);
  if (sha256(body) !== m[2]) return { kind: 'damaged', reason: 'checksum mismatch' };
  return { kind: 'hit', code: body };
}

/** Store module text under `key`, atomically. Returns false when the cache could not be written. */
export function writeEntry(dir: string, key: string, code: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomically(entryPath(dir, key), `// ${FORMAT} key=${key} sha256=${sha256(code)}\n${code}`);
    return true;
  } catch {
    return false; // the entry simply is not cached
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
