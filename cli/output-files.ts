/**
 * Where sctrace writes files: `--html`, `--suggest-scml` and `combine -o`.
 * Every such file is checked before any work (rules compiled, logs read,
 * reports combined), so a typo in a path fails at once and creates nothing;
 * every write goes through writeAtomically.
 */
import { CliFailure, describeIoError } from './failure';
import { checkWritable, writeAtomically } from './write-atomically';

/** A file the run will write: its path and what it is, for messages ("the HTML page"). */
export interface OutputFile {
  path: string;
  what: string;
}

/**
 * Fails (exit status 1) unless every file can be written the way
 * writeAtomically will write it (a temporary file in its folder, or in place
 * for a device or FIFO; never over a symlink or folder). Creates nothing.
 */
export function checkOutputFiles(files: readonly OutputFile[]): void {
  for (const file of files) {
    try {
      checkWritable(file.path);
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
