/** The strace log reader: see strace-reader.ts. */
export { StraceReader, type ReaderOptions, type ReaderStats } from './strace-reader';
export { readStream, readFileSync, pidFromFfSuffix } from './read-stream';
export { RAW_NOTICE } from './raw-flags';
