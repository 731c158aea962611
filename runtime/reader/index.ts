/** The strace log reader: see strace-reader.ts. */
export { StraceReader } from './strace-reader';
export type { ReaderOptions, ReaderStats } from './call-pairs';
export { readStream, readFileSync, pidFromFfSuffix } from './read-stream';
export { RAW_NOTICE } from './raw-flags';
