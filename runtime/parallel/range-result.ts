/**
 * What the reading of one byte range sends back to the main thread: the
 * range's events in line order, compact enough to cross threads cheaply (one
 * Int32Array, transferred, and one string), with line numbers counted
 * within the range. A call whose text is a line of the log as it is goes by
 * its place (CallAt): the main thread reads those bytes again from the file,
 * so no worker holds or sends the text of every call (memory stays bounded
 * with any --jobs). Written by RangeRecorder (read-range.ts), read by
 * ParallelReplay (replay.ts): this file is their whole contract.
 */
import type { PendingState } from '../reader/pending';

/** Event tags; each is followed by its fields in `events`. Strings are consecutive slices of `text`. */
export const Ev = {
  /** ruleId, line, endLine, pid (-1: none), textLen, nameLen, argsOffset, resultOffset, crlf (0 or 1); text = the call (a text that is not the log's bytes), then `\r` when crlf. */
  Call: 0,
  /** count: supported calls not sent (the reporter skips them). */
  Supported: 1,
  /** line, textLen, messageLen, crlf (0 or 1); text = the line, then the message. */
  Problem: 2,
  /** messageLen; text = the message. */
  Notice: 3,
  /** raw (0 or 1): one `-X raw` look. */
  Look: 4,
  /** pid: an unfinished call of pid starts (RangeEdges.expire). */
  Expire: 5,
  /** line, textLen; text = a line to read in order with the state before it (RangeEdges.deferLine). */
  Defer: 6,
  /** index in `handOvers` (RangeEdges.handOver). */
  HandOver: 7,
  /** (no fields) the lines handed on end here (RangeEdges.anchor). */
  Anchor: 8,
  /** (no fields) a line read in the range ended any summary table (RangeEdges.endTable). */
  EndTable: 9,
  /** ruleId, line, endLine, pid (-1: none), at, textLen, nameLen, argsOffset, resultOffset, crlf (0 or 1); the call's text is the range's bytes [at, at + textLen), then `\r` when crlf. */
  CallAt: 10,
} as const;

/** No pid (a log without pid prefixes). */
export const NO_PID = -1;

export interface RangeResult {
  /** Position of the range among the log's ranges. */
  index: number;
  /** Where the range starts in the log (bytes). */
  start: number;
  /** The range's bytes that CallAt events point into, [bytesFrom, bytesTo) (range-relative; empty when none). */
  bytesFrom: number;
  bytesTo: number;
  /** Event tags and fields (see Ev). */
  events: Int32Array;
  /** The strings of the events, concatenated (latin1: one char per byte). */
  text: string;
  /** Pending states handed over in the middle of the range, by Ev.HandOver. */
  handOvers: PendingState[];
  /** The state of the pids this range decided, at its end. */
  carry: PendingState[];
  /** Lines in the range. */
  lines: number;
}

/** Which calls the main thread needs: every call, or only the unsupported ones (Reporter.skipsSupported). */
export type CallsNeeded = 'all' | 'unsupported';

/** Reads `length` bytes of the log at `offset` (a regular file, read again by offset); the buffer may be reused by the next read. */
export type ReadBytes = (offset: number, length: number) => Buffer;
