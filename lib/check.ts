/**
 * Checking a log (a file, a stream or text) or a running program against a
 * rule set, for library users: per-call verdicts as an async iterable, and
 * the run's report (the document of `sctrace --format json`) at the end. It
 * uses what the command uses: the strace reader, the classifier and the gap
 * reporter; the verdicts are the records of `--format jsonl`.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createClassifier, type Classifier } from '../runtime/classify';
import { matcherFor } from '../runtime/match/kernel-call';
import { StraceReader, pidFromFfSuffix } from '../runtime/reader/index';
import { createGapReporter } from '../runtime/report/gap-reporter';
import type { JsonDocument } from '../runtime/report/json-document';
import { jsonlCall, jsonlUnreadable, type JsonlCall, type JsonlNotice, type JsonlUnreadable } from '../runtime/report/jsonl-record';
import type { Reporter, TextSink } from '../runtime/report/reporter';
import { defaultLabel } from '../cli/sctrace-options';
import { NotALogGate, gunzipIfCompressed } from '../cli/log-input';
import { traceProgram } from '../cli/online';
import type { RuleSet } from './rule-set';

/** A log to check: a file (gzip or not), a stream of its bytes, or its text. */
export type LogSource = { file: string } | { stream: NodeJS.ReadableStream } | { text: string | Uint8Array };

export interface CheckOptions {
  /** The app's name in the report (default: as sctrace names it, from the file or the program). */
  label?: string;
  /** Match arguments exactly as strace printed them (`--as-printed`). */
  asPrinted?: boolean;
}

/**
 * One thing the log said, as `sctrace --format jsonl` prints it. Text from
 * the log is one character per byte, as in the JSON output (lossless for
 * any bytes): `Buffer.from(v.text, 'latin1')` gives the line's bytes back.
 */
export type Verdict = JsonlCall | JsonlUnreadable | JsonlNotice;

/**
 * A check under way. Iterate it for the verdicts (reading advances as they
 * are taken), or await `report()` alone: it reads what is left. Nothing is
 * read (and no program started) before either. A check runs once;
 * `report()` may be awaited after, or instead of, the iteration; verdicts
 * not yet taken when it is called are dropped.
 */
export interface LogCheck extends AsyncIterable<Verdict> {
  report(): Promise<JsonDocument>;
}

/** A program checked online: its verdicts and report, and its exit status (128+N when signal N killed it). */
export interface ProgramCheck extends LogCheck {
  status(): Promise<number>;
}

/** Check an strace log. Throws (from iteration or report()) CliFailure when it cannot be read or is not an strace log. */
export function checkLog(ruleSet: RuleSet, source: LogSource, options: CheckOptions = {}): LogCheck {
  const name = 'file' in source ? source.file : 'stream' in source ? 'standard input' : 'text';
  const label = options.label ?? ('file' in source ? defaultLabel([source.file], []) : name);
  const pid = 'file' in source ? pidFromFfSuffix(source.file.replace(/\.gz$/, '')) : null;
  return new Check(ruleSet, label, options, async function* (sink) {
    const gate = new NotALogGate(sink, name);
    const reader = new StraceReader(gate, pid === null ? { incomplete: options.asPrinted !== true } : { pid, incomplete: options.asPrinted !== true });
    let bytes = 0;
    for await (const chunk of await chunks(source, name)) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      bytes += data.length;
      reader.push(data);
      yield reader.stats.lines;
    }
    reader.end();
    gate.finish();
    if (bytes === 0) sink.notice(`${name} is empty: no system calls to check`);
    yield reader.stats.lines;
  });
}

/** Run `command` under strace (which must be installed) and check its calls as it runs. */
export function checkProgram(ruleSet: RuleSet, command: readonly string[], options: CheckOptions = {}): ProgramCheck {
  let exit: Promise<number> | null = null;
  const check = new Check(ruleSet, options.label ?? defaultLabel([], [...command]), options, async function* (sink) {
    const batches = new PushQueue<void>();
    const traced = traceProgram([...command], sink, () => batches.push(), { asPrinted: options.asPrinted === true });
    exit = traced.then((r) => r.status);
    exit.catch(() => {}); // the failure reaches the caller through the iteration or report()
    traced.then(() => batches.end(), (err: unknown) => batches.fail(err));
    // Lines are counted by the reader inside traceProgram: known at the end.
    for await (const _ of batches) yield 0;
    yield (await traced).lines;
  });
  return Object.assign(check, {
    async status(): Promise<number> {
      await check.report();
      return exit ?? Promise.reject(new Error('the program was not run'));
    },
  });
}

async function chunks(source: LogSource, name: string): Promise<AsyncIterable<Buffer | string> | Iterable<Buffer>> {
  if ('text' in source) return [typeof source.text === 'string' ? Buffer.from(source.text, 'utf8') : Buffer.from(source.text)];
  const stream = 'file' in source ? createReadStream(source.file, { highWaterMark: 1 << 20 }) : Readable.from(source.stream as AsyncIterable<Buffer>);
  return gunzipIfCompressed(stream, name);
}

const SILENT: TextSink = { color: false, write() {}, flush() {} };
const NO_TEXT: Reporter = { call() {}, unreadable() {}, notice() {}, finish() {} };

/** Reads through `feed` (which yields the lines read so far after each chunk), queuing verdicts between steps. */
class Check implements LogCheck {
  private readonly queue: Verdict[] = [];
  private keep = true;
  private started = false;
  private document: JsonDocument | null = null;
  private steps: AsyncGenerator<number> | null = null;
  private lines = 0;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly label: string,
    private readonly options: CheckOptions,
    private readonly feed: (sink: Classifier) => AsyncGenerator<number>,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Verdict> {
    if (this.started) throw new Error('a check can be iterated once');
    const steps = this.start();
    for (;;) {
      while (this.queue.length > 0) yield this.queue.shift() as Verdict;
      if (this.document !== null) return;
      await this.step(steps);
    }
  }

  async report(): Promise<JsonDocument> {
    const steps = this.steps ?? this.start();
    // Verdicts not taken by now are not wanted: stop keeping them.
    this.keep = false;
    this.queue.length = 0;
    while (this.document === null) await this.step(steps);
    return this.document;
  }

  private async step(steps: AsyncGenerator<number>): Promise<void> {
    const next = await steps.next();
    if (!next.done) this.lines = next.value;
    else if (this.document === null) throw new Error('the check ended without a report');
  }

  private start(): AsyncGenerator<number> {
    this.started = true;
    const { module } = this.ruleSet;
    const ir = module.ir;
    const reporter = createGapReporter(
      { ir, target: module.target ?? null, stdout: SILENT, stderr: SILENT, asPrinted: this.options.asPrinted === true },
      {
        format: 'text',
        explain: false,
        summary: false,
        coverage: false,
        label: this.label,
        lineCount: () => this.lines,
        onCall: (record, ruleId, reason) => this.keep && this.queue.push(jsonlCall(ir, record, ruleId, reason)),
        onDocument: (document) => (this.document = document),
      },
      NO_TEXT,
    );
    const sink: Reporter = {
      call: (record, ruleId) => reporter.call(record, ruleId),
      unreadable: (problem) => {
        if (this.keep) this.queue.push(jsonlUnreadable(problem));
        reporter.unreadable(problem);
      },
      notice: (message) => {
        if (this.keep) this.queue.push({ type: 'notice', message });
        reporter.notice(message);
      },
      finish: () => reporter.finish(),
    };
    const classifier = createClassifier(matcherFor(module, this.options.asPrinted === true), sink);
    const feed = this.feed;
    this.steps = (async function* () {
      yield* feed(classifier);
      sink.finish();
    })();
    return this.steps;
  }
}

/** Signals pushed from callbacks, taken by `for await`; ends or fails once. */
class PushQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private done = false;
  private error: unknown = null;
  private wake: (() => void) | null = null;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  fail(err: unknown): void {
    this.error = err ?? new Error('failed');
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.error !== null) throw this.error;
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
