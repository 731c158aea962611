/**
 * A progress line on stderr while a long offline run reads its logs: bytes
 * read, rate and time left, redrawn in place. Only for a person watching: stderr
 * is a terminal, not in CI, not with --quiet (whose output is all on stderr);
 * shown once a run has taken a second, so short runs print nothing extra.
 * Whatever else goes to stderr clears the line first (progressSink).
 */
import type { TextSink } from '../runtime/report/reporter';

const CLEAR = '\r\x1b[K';
/** Shown only after this long, and redrawn at most this often. */
const DELAY_MS = 1000;
const EVERY_MS = 200;

export function progressWanted(quiet: boolean, stderrIsTty: boolean, env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return stderrIsTty && !quiet && !ci && env.TERM !== 'dumb';
}

export class Progress {
  private total: number | null = null;
  private done = 0;
  private label = '';
  private started: number | null = null;
  private drawn = 0;
  private shown = false;

  constructor(
    private readonly out: TextSink,
    private readonly now: () => number = Date.now,
  ) {}

  /** A log starts; `size` is its length in bytes when known (a regular file). */
  start(label: string, size: number | null): void {
    this.label = label;
    this.total = size;
    this.done = 0;
    this.started ??= this.now();
  }

  advance(bytes: number): void {
    this.done += bytes;
    // Decompressed data outgrows the file's size: no total any more.
    if (this.total !== null && this.done > this.total) this.total = null;
    const now = this.now();
    if (this.started === null || now - this.started < DELAY_MS || now - this.drawn < EVERY_MS) return;
    this.drawn = now;
    this.out.write(CLEAR + this.line(now));
    this.out.flush();
    this.shown = true;
  }

  /** Removes the line, if shown; true when it was. */
  clear(): boolean {
    if (!this.shown) return false;
    this.shown = false;
    this.out.write(CLEAR);
    return true;
  }

  /** `sctrace: reading app.log: 120.0 MB of 190.0 MB, 60.0 MB/s, 2 s left`. */
  line(now: number = this.now()): string {
    const seconds = Math.max((now - (this.started ?? now)) / 1000, 0.001);
    const rate = this.done / seconds;
    let text = `sctrace: reading ${this.label}: ${mb(this.done)}`;
    if (this.total !== null) text += ` of ${mb(this.total)}`;
    text += `, ${mb(rate)}/s`;
    if (this.total !== null && rate > 0) text += `, ${Math.ceil((this.total - this.done) / rate)} s left`;
    return text;
  }
}

/** `stderr` for everything else: clears the progress line before any other text. */
export function progressSink(stderr: TextSink, progress: Progress): TextSink {
  return {
    get color() {
      return stderr.color;
    },
    write(text: string): void {
      progress.clear();
      stderr.write(text);
    },
    flush: () => stderr.flush(),
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
