/**
 * The one writer of every output file (`scmlc -o`, `combine -o`, `--html`,
 * `--suggest-scml`, cache entries). What is at the path decides how:
 *
 * - nothing, or a regular file with one link: a temporary file in the same
 *   folder, renamed into place. A reader (another sctrace, a require of
 *   the module) never sees half a file, and two writers at once leave one
 *   whole file. An existing file's mode (and, when allowed, owner) is kept.
 * - a regular file with other hard links: written in place, so that every
 *   link sees the new text (a rename would cut this name off).
 * - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe):
 *   written in place, as the shell's `>` would; never replaced by a file.
 * - a symbolic link, a directory, a block device or a socket: refused with
 *   an OutputRefused error; nothing is written. A link is never followed
 *   nor replaced: give its target's path.
 *
 * Files are opened with O_NOFOLLOW and checked to be what lstat saw, so a
 * path swapped for a link in between is not followed either.
 */
import { randomBytes } from 'node:crypto';
import {
  type Stats,
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import * as path from 'node:path';

/** Nothing was written: the path names something an output must not replace or follow. */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

type Plan = { how: 'rename'; existing: Stats | null } | { how: 'in place'; existing: Stats };

/** How `file` is to be written; throws OutputRefused for what must not be written at all. */
function planWrite(file: string): Plan {
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { how: 'rename', existing: null };
    throw err;
  }
  if (st.isSymbolicLink()) throw new OutputRefused('is a symbolic link; it is neither followed nor replaced (give the path of its target)');
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (st.isBlockDevice()) throw new OutputRefused('is a block device; not written');
  if (st.isSocket()) throw new OutputRefused('is a socket; not written');
  if (st.isFile()) return st.nlink > 1 ? { how: 'in place', existing: st } : { how: 'rename', existing: st };
  return { how: 'in place', existing: st }; // a character device or a FIFO
}

/**
 * Fail early (before a long analysis) when `file` could not be written as
 * writeAtomically would write it. Creates nothing.
 */
export function checkWritable(file: string): void {
  const plan = planWrite(file);
  if (plan.how === 'in place') accessSync(file, constants.W_OK);
  else accessSync(path.dirname(path.resolve(file)), constants.W_OK);
}

/**
 * Write `text` (UTF-8) to `file` as the header says; throws what the file
 * system threw, or OutputRefused. `mode`: the file's exact mode, even when
 * it replaces one (the cache's entries: writable by their owner only,
 * whatever the umask or the mode of the entry replaced).
 */
export function writeAtomically(file: string, text: string, options: { mode?: number } = {}): void {
  const plan = planWrite(file);
  if (plan.how === 'in place') writeInPlace(file, text, plan.existing);
  else writeByRename(file, text, plan.existing, options.mode);
}

function writeByRename(file: string, text: string, existing: Stats | null, mode: number | undefined): void {
  const temp = temporaryName(file);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: mode ?? (existing === null ? 0o666 : existing.mode & 0o7777) });
    if (mode !== undefined) chmodSync(temp, mode);
    else if (existing !== null) keepOwnerAndMode(temp, existing);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The replaced file's mode exactly (the umask applied at creation), and its owner where we may set it (root). */
function keepOwnerAndMode(temp: string, existing: Stats): void {
  chmodSync(temp, existing.mode & 0o7777);
  const uid = process.getuid?.();
  if (uid !== undefined && (existing.uid !== uid || existing.gid !== process.getgid?.())) {
    try {
      chownSync(temp, existing.uid, existing.gid);
    } catch {
      // Not allowed to give a file away (not root): the new file is ours, as any editor would leave it.
    }
  }
}

function writeInPlace(file: string, text: string, existing: Stats): void {
  const regular = existing.isFile();
  const fd = openSync(file, constants.O_WRONLY | constants.O_NOFOLLOW);
  try {
    const now = fstatSync(fd);
    if (now.dev !== existing.dev || now.ino !== existing.ino) {
      throw new OutputRefused('changed while it was being opened; not written');
    }
    if (regular) ftruncateSync(fd, 0); // only now: what is truncated is the file that was checked
    const bytes = Buffer.from(text, 'utf8');
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    closeSync(fd);
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
