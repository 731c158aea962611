/**
 * Whether colour may be written to a stream: NO_COLOR (any non-empty value)
 * turns it off, FORCE_COLOR turns it on (except `0`/`false`), otherwise only
 * a terminal gets colour. See https://no-color.org and https://force-color.org.
 */
import { isatty } from 'node:tty';

export function colorEnabled(fd: number, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isatty(fd);
}
