/**
 * Recognise a log written with `strace -X raw`: flags are printed as bare
 * numbers (`openat(-100</tmp>, "/f", 0x80000)`, `mmap(NULL, 8192, 0x3, 0x22, ...)`),
 * which the kernel view decodes back into names (runtime/values/number-names.ts)
 * and --as-printed cannot check. Says so once through sink.notice. Looks
 * only at the first few openat/mmap calls, so it costs nothing afterwards.
 */
import type { CallRecord, ReaderSink } from '../record';

/** How many openat/mmap calls to look at before deciding the log is not raw. */
export const RAW_LOOKS = 64;

export const RAW_NOTICE =
  'this log looks like `strace -X raw` output (flags printed as numbers): numbers are judged as the names a current strace prints for them where the argument\'s name table is known (linux/argument-tables.ts); with --as-printed, rules that constrain flags cannot be checked on it';

/** What the reader needs from a detector: it calls check() on each call while `active`. */
export interface RawFlagsCheck {
  readonly active: boolean;
  check(call: CallRecord): void;
}

/** One look: true when the call is printed raw, false when not, null when it says nothing (not openat/mmap). */
export function rawLook(call: CallRecord): boolean | null {
  const name = call.name;
  if (name === 'openat') {
    // Default prints AT_FDCWD, -X verbose `-100 /* AT_FDCWD */`; raw just -100.
    const a = call.arg(0);
    return a.kind === 'int' && a.text === '-100';
  }
  if (name === 'mmap') {
    // prot is PROT_NONE/PROT_READ... unless raw; -X verbose decodes to flags from its comment.
    return call.arg(2).kind === 'int';
  }
  return null;
}

export class RawFlagsDetector implements RawFlagsCheck {
  active = true;
  private looks = 0;

  constructor(private readonly sink: Pick<ReaderSink, 'notice'>) {}

  check(call: CallRecord): void {
    const raw = rawLook(call);
    if (raw !== null) this.observe(raw);
  }

  /** Take one look's outcome (also from a byte range read elsewhere, in log order). */
  observe(raw: boolean): void {
    if (!this.active) return;
    if (raw) {
      this.active = false;
      this.sink.notice(RAW_NOTICE);
    } else if (++this.looks >= RAW_LOOKS) {
      this.active = false;
    }
  }
}

/**
 * For a byte range of a log: the range cannot know how many looks came
 * before it, so it hands on its first RAW_LOOKS looks, to be observed in
 * log order by the one RawFlagsDetector of the log.
 */
export class RawLookForwarder implements RawFlagsCheck {
  active = true;
  private looks = 0;

  constructor(private readonly onLook: (raw: boolean) => void) {}

  check(call: CallRecord): void {
    const raw = rawLook(call);
    if (raw === null) return;
    this.onLook(raw);
    if (++this.looks >= RAW_LOOKS) this.active = false;
  }
}
