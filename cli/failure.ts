/** A failure to report to the user in one message, then exit with `status` (1 unless said otherwise). */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(
    message: string,
    readonly status: number = 1,
  ) {
    super(message);
  }
}

/** The message of an I/O error without Node's `ENOENT: ..., open 'x'` decoration. */
export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EIO':
      return 'input/output error';
    case 'EFBIG':
      return 'file too large';
    case 'EROFS':
      return 'read-only file system';
    case 'ELOOP':
      return 'is a symbolic link (not followed)';
    case 'EPIPE':
      return 'nobody reads it any more (broken pipe)';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      // From node:zlib, for a log that starts like gzip data.
      return e.message === 'unexpected end of file' ? 'gzip data ends too early (truncated file?)' : `damaged gzip data (${e.message})`;
    default:
      return e.message ?? String(err);
  }
}
