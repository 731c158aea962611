/**
 * Offline mode: check logs that strace already wrote (`--input`, `-` for
 * stdin). Every file is opened before any output, so a bad path fails
 * cleanly. Each log gets its own reader (its own pids and unfinished calls);
 * a `-ff` file such as `app.log.1234` gets pid 1234. Logs compressed with
 * gzip (files or stdin) are read through gunzip.
 */
import { closeSync } from 'node:fs';
import { StraceReader, pidFromFfSuffix } from '../runtime/reader/index';
import type { ReaderSink } from '../runtime/record';
import { checkLooksLikeText, gunzipIfCompressed, openLog, readLogFile, readStreamChunks } from './log-input';

/**
 * Returns the number of lines read in all logs. When `stop` is aborted
 * (nobody reads the output any more), reading ends at the next chunk and
 * nothing more is reported: not the calls left unfinished, not empty logs.
 */
export async function checkLogs(inputs: string[], sink: ReaderSink, stop?: AbortSignal): Promise<number> {
  let lines = 0;
  const fds = inputs.map((path) => (path === '-' ? -1 : openLog(path)));
  for (let i = 0; i < inputs.length; i++) {
    const path = inputs[i];
    const label = path === '-' ? 'standard input' : path;
    // `app.log.1234.gz` (compressed after strace -ff) belongs to pid 1234 too.
    const pid = path === '-' ? null : pidFromFfSuffix(path.replace(/\.gz$/, ''));
    const reader = new StraceReader(sink, pid === null ? {} : { pid });
    const push = (chunk: Buffer, first: boolean): void => {
      if (first) checkLooksLikeText(chunk, label);
      reader.push(chunk);
    };
    const bytes =
      fds[i] < 0
        ? await readStreamChunks(await gunzipIfCompressed(process.stdin, label), label, push, stop)
        : await readLogFile(fds[i], path, push, stop);
    if (stop?.aborted) {
      closeUnread(fds.slice(i + 1));
      break;
    }
    reader.end();
    lines += reader.stats.lines;
    if (bytes === 0) sink.notice(`${label} is empty: no system calls to check`);
  }
  return lines;
}

/** Logs opened up front but never read (stdin, -1, is left alone). */
function closeUnread(fds: number[]): void {
  for (const fd of fds) if (fd >= 0) closeSync(fd);
}
