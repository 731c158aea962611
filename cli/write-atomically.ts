/**
 * Write a file through a temporary file in the same folder, then rename it
 * into place: a reader (another sctrace, a require of the module) never sees
 * half a file, and two writers at once leave one whole file.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Throws what the file system threw; the temporary file is removed first. */
export function writeAtomically(file: string, text: string): void {
  const temp = temporaryName(file);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** `.<name>.<pid>.<8 hex>.tmp`: hidden, unique per writer, and recognizable by temporaryTarget. */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP_NAME = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * The name a temporary file of writeAtomically was going to become, or null
 * when `name` is not one: lets a cleaner remove the leftovers of a writer
 * that died between write and rename, and nothing else.
 */
export function temporaryTarget(name: string): string | null {
  const m = TEMP_NAME.exec(name);
  return m === null ? null : m[1];
}
