/**
 * Reading a log as one reader does and as a parallel run does (ranges read
 * in range mode, replayed in order), in process and without threads, each
 * giving every event the reporter sees, as text to compare.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createClassifier } from '../../runtime/classify';
import { createInterpreter } from '../../runtime/interpret';
import type { MatcherModule } from '../../runtime/abi';
import { RangeClassifier } from '../../runtime/parallel/read-range';
import { ParallelReplay } from '../../runtime/parallel/replay';
import { Ev, type CallsNeeded, type RangeResult } from '../../runtime/parallel/range-result';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord } from '../../runtime/record';
import type { Reporter } from '../../runtime/report/reporter';
import { asterinasFiles, compile } from '../gaps/helpers';

export type Matcher = Pick<MatcherModule, 'match'>;

let asterinas: Matcher | null = null;

/** The Asterinas rules, through the IR interpreter. */
export function asterinasMatcher(): Matcher {
  asterinas ??= createInterpreter(compile(asterinasFiles()));
  return asterinas;
}

/** Everything a reporter is told, as lines; supported calls only when `needs` is 'all'. */
function recordingReporter(needs: CallsNeeded, out: string[]): Reporter {
  const describe = (r: CallRecord): string => {
    const args = Array.from({ length: r.argCount() }, (_, i) => JSON.stringify(r.arg(i)));
    return JSON.stringify([r.line, r.endLine, r.pid, r.name, r.text, r.result, args, r.incomplete === true, r.unprinted ?? 0, r.crlf === true]);
  };
  return {
    skipsSupported: needs === 'unsupported',
    call(record, ruleId) {
      if (ruleId < 0 || needs === 'all') out.push(`call ${ruleId} ${describe(record)}`);
    },
    unreadable(p) {
      out.push(`problem ${p.line} ${JSON.stringify(p.text)} ${p.message}${p.crlf === true ? ' CRLF' : ''}`);
    },
    notice(m) {
      out.push(`notice ${m}`);
    },
    finish() {},
  };
}

export interface Outcome {
  events: string[];
  calls: number;
  unsupported: number;
  lines: number;
}

/** One reader over the whole log. */
export function readWhole(bytes: Buffer, matcher: Matcher, needs: CallsNeeded, pid: number | null = null, incomplete = false): Outcome {
  const events: string[] = [];
  const classifier = createClassifier(matcher, recordingReporter(needs, events));
  const reader = new StraceReader(classifier, pid === null ? { incomplete } : { pid, incomplete });
  reader.push(bytes);
  reader.end();
  return { events, calls: classifier.callCount, unsupported: classifier.unsupportedCount, lines: reader.stats.lines };
}

/** Line starts of `bytes` (0 and each position after a `\n`, before the end). */
export function lineStarts(bytes: Buffer): number[] {
  const out = [0];
  for (let p = bytes.indexOf(10); p !== -1 && p + 1 < bytes.length; p = bytes.indexOf(10, p + 1)) out.push(p + 1);
  return out;
}

export interface ParallelOutcome extends Outcome {
  /** How many lines ranges handed on to the seam (to check that edges fell inside pairs). */
  deferred: number;
}

/** Ranges cut at `cuts` (line starts, ascending), each read in range mode, then replayed in order. */
export function readInRanges(bytes: Buffer, cuts: number[], matcher: Matcher, needs: CallsNeeded, pid: number | null = null,
  incomplete = false): ParallelOutcome {
  const events: string[] = [];
  const classifier = createClassifier(matcher, recordingReporter(needs, events));
  const replay = new ParallelReplay(classifier, (offset, length) => bytes.subarray(offset, offset + length), pid, incomplete);
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length];
  let deferred = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const range = new RangeClassifier(matcher, { pid, needs, incomplete });
    // Pushed in small pieces too: chunk edges inside a range must not matter either.
    const part = bytes.subarray(bounds[i], bounds[i + 1]);
    for (let p = 0; p < part.length; p += 4093) range.push(part.subarray(p, p + 4093));
    const result: RangeResult = range.finish(i, bounds[i]);
    deferred += countEvents(result, Ev.Defer);
    replay.replay(result);
  }
  replay.end();
  return { events, calls: classifier.callCount, unsupported: classifier.unsupportedCount, lines: replay.lines, deferred };
}

/** Occurrences of one event tag in a result (walking the fields as replay does). */
function countEvents(r: RangeResult, tag: number): number {
  const width: Record<number, number> = { [Ev.CallAt]: 11, [Ev.Call]: 10, [Ev.Supported]: 2, [Ev.Problem]: 5, [Ev.Notice]: 2, [Ev.Look]: 2, [Ev.Expire]: 2, [Ev.Defer]: 3, [Ev.HandOver]: 2, [Ev.Anchor]: 1, [Ev.EndTable]: 1 };
  let n = 0;
  for (let i = 0; i < r.events.length; i += width[r.events[i]]) if (r.events[i] === tag) n++;
  return n;
}

/** Every test log (recursively), with the pid its `-ff` name gives. */
export function testLogs(dir: string): { file: string; pid: number | null }[] {
  const out: { file: string; pid: number | null }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...testLogs(p));
    else {
      const m = /\.([0-9]+)$/.exec(e.name);
      out.push({ file: p, pid: m === null ? null : Number(m[1]) });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}
