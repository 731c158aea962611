/**
 * Finding a program as execvp would: used by online mode and by probing,
 * which both run strace and the user's program.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Lookup = { kind: 'found'; path: string } | { kind: 'missing' } | { kind: 'not-executable' };

/** Find a program the way execvp does: a name with a `/` as is, otherwise along `searchPath`. */
export function findExecutable(name: string, searchPath: string | undefined): Lookup {
  const candidates = name.includes('/')
    ? [name]
    : (searchPath ?? '').split(delimiter).map((dir) => join(dir === '' ? '.' : dir, name));
  let exists = false;
  for (const file of candidates) {
    try {
      if (!statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    exists = true;
    try {
      accessSync(file, constants.X_OK);
      return { kind: 'found', path: file };
    } catch {
      // Found but not executable: keep looking, as execvp does.
    }
  }
  return exists ? { kind: 'not-executable' } : { kind: 'missing' };
}
