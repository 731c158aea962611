/**
 * Where sctrace writes files: `--html`, `--suggest-scml` and `combine -o`.
 * Every such file is checked before any work (rules compiled, logs read,
 * reports combined), so a typo in a path fails at once and creates nothing;
 * every write goes through writeAtomically.
 */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { CliFailure, describeIoError } from './failure';
import { writeAtomically } from './write-atomically';

/** A file the run will write: its path and what it is, for messages ("the HTML page"). */
export interface OutputFile {
  path: string;
  what: string;
}

/**
 * Fails (exit status 1) unless every file can be written: its folder exists
 * and is writable (writeAtomically makes a temporary file there), and the
 * file, when it exists, is not a folder and is writable. Creates nothing.
 */
export function checkOutputFiles(files: readonly OutputFile[]): void {
  for (const file of files) {
    try {
      const dir = path.dirname(path.resolve(file.path));
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK);
      const existing = statOrNull(file.path);
      if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (existing !== null) accessSync(file.path, constants.W_OK);
    } catch (err) {
      throw new CliFailure(`cannot write ${file.what} to ${file.path}: ${describeIoError(err)}`);
    }
  }
}

/** Writes `text` (UTF-8) to the file, whole or not at all. */
export function writeOutputFile(file: OutputFile, text: string): void {
  try {
    writeAtomically(file.path, text);
  } catch (err) {
    throw new CliFailure(`cannot write ${file.what} to ${file.path}: ${describeIoError(err)}`);
  }
}

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
