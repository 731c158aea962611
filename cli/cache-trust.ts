/**
 * Whom the cache trusts: only what the user owns (as OpenSSH checks key files
 * and their folders in safe_path, and git since CVE-2022-24765 checks who owns
 * a repository). A checksum is no authentication, so whoever could put a file
 * in the cache folder, or swap the folder or one above it for their own, could
 * make sctrace run their code.
 *
 * The rule, for the path to the cache folder walked from `/` down, symbolic
 * links followed one by one as the kernel does:
 *
 * - the cache folder itself is yours and writable by no one else;
 * - every folder above it, and every link on the way, is yours or root's;
 * - a folder above it is writable by no one else, except a sticky one (like
 *   /tmp, mode 1777): there only the owner of an entry (or of the folder, or
 *   root) may rename or remove it, and the next entry on the way is yours or
 *   root's (rule above), so no one else can swap it. A sticky cache folder
 *   writable by others is refused all the same: others could add entries.
 *
 * Missing folders are made (mode 0700) during the walk, so nothing is ever
 * created under a folder that is not trusted. Where there are no user ids
 * (Windows) only "is a folder" is checked.
 */
import { lstatSync, mkdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Links followed before giving up, as Linux's MAXSYMLINKS. */
const MAX_LINKS = 40;

const ROOT_UID = 0;

/** The current user's id; undefined where there is none (Windows): ownership is then not checked. */
function currentUid(): number | undefined {
  return process.getuid?.();
}

function modeText(st: Stats): string {
  return `mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')}`;
}

/** Why a file or folder is not to be trusted (not ours, or writable by others), or null. */
export function ownershipTrouble(st: Stats): string | null {
  const uid = currentUid();
  if (uid !== undefined && st.uid !== uid) return `owned by user ${st.uid}, not by you (${uid})`;
  if ((st.mode & 0o022) !== 0) return `writable by others (${modeText(st)})`;
  return null;
}

/** Why a folder above the cache folder, or a link on the way, is not to be trusted, or null. */
function wayTrouble(st: Stats, where: string, uid: number): string | null {
  const link = st.isSymbolicLink();
  if (!link && !st.isDirectory()) return ''; // the cache folder cannot be there: skipped quietly, as when it cannot be made
  const what = link ? `the symbolic link ${where} on the way` : `the folder ${where} above it`;
  if (st.uid !== uid && st.uid !== ROOT_UID) return `${what} is owned by user ${st.uid}, neither by you (${uid}) nor by root`;
  if (link) return null; // a link's mode means nothing; who may replace it is its folder's business
  const sticky = (st.mode & 0o1000) !== 0;
  if ((st.mode & 0o022) !== 0 && !sticky) return `${what} is writable by others (${modeText(st)})`;
  return null;
}

/**
 * Make the cache folder if it is missing (mode 0700), and say why it must
 * not be used: null when it and the way to it are trusted (rule above); ''
 * when it simply is not there and cannot be made (the cache is skipped
 * quietly).
 */
export function folderTrouble(dir: string): string | null {
  const uid = currentUid();
  if (uid === undefined) return folderTroubleWithoutOwners(dir);
  const pending = parts(resolve(dir));
  let current = '/';
  const rootTrouble = wayTrouble(lstatSync(current), current, uid);
  if (rootTrouble !== null) return rootTrouble;
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (name === '.') continue;
    if (name === '..') {
      current = dirname(current); // `current` is a real path (links already followed): what the kernel does
      continue;
    }
    const next = join(current, name);
    const st = lstatOrMade(next);
    if (st === null) return '';
    if (st.isSymbolicLink()) {
      if (++links > MAX_LINKS) return `more than ${MAX_LINKS} symbolic links on the way`;
      const trouble = wayTrouble(st, next, uid);
      if (trouble !== null) return trouble;
      const target = readlinkOrNull(next);
      if (target === null) return '';
      pending.unshift(...parts(target));
      if (target.startsWith('/')) current = '/';
      continue;
    }
    if (pending.length > 0) {
      const trouble = wayTrouble(st, next, uid);
      if (trouble !== null) return trouble;
    }
    current = next;
  }
  return cacheFolderTrouble(lstatOrNull(current));
}

/** The cache folder itself, reached: a folder of yours that no one else can write. */
function cacheFolderTrouble(st: Stats | null): string | null {
  if (st === null) return '';
  if (!st.isDirectory()) return 'not a folder';
  return ownershipTrouble(st);
}

/** Without user ids (Windows): made if missing, and a folder. */
function folderTroubleWithoutOwners(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    // read-only home: checked below
  }
  return cacheFolderTrouble(statOrNull(dir));
}

function parts(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

/** lstat, making the folder (mode 0700) when it is missing; null when it is not there and cannot be made. */
function lstatOrMade(path: string): Stats | null {
  const st = lstatOrNull(path);
  if (st !== null) return st;
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch {
    // read-only home, or made meanwhile by another sctrace: looked at again below
  }
  return lstatOrNull(path);
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function readlinkOrNull(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
