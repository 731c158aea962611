/**
 * Recognise a log written with `strace -X raw`: flags are printed as bare
 * numbers (`openat(-100</tmp>, "/f", 0x80000)`, `mmap(NULL, 8192, 0x3, 0x22, ...)`),
 * so flag rules cannot be checked. Says so once through sink.notice. Looks
 * only at the first few openat/mmap calls, so it costs nothing afterwards.
 */
import type { CallRecord, ReaderSink } from '../record';

/** How many openat/mmap calls to look at before deciding the log is not raw. */
const LOOKS = 64;

export const RAW_NOTICE =
  'this log looks like `strace -X raw` output (flags printed as numbers): rules that constrain flags cannot be checked on it, so such calls will be reported unsupported';

export class RawFlagsDetector {
  active = true;
  private looks = 0;

  constructor(private readonly sink: ReaderSink) {}

  check(call: CallRecord): void {
    const name = call.name;
    let raw: boolean;
    if (name === 'openat') {
      // Default prints AT_FDCWD, -X verbose `-100 /* AT_FDCWD */`; raw just -100.
      const a = call.arg(0);
      raw = a.kind === 'int' && a.text === '-100';
    } else if (name === 'mmap') {
      // prot is PROT_NONE/PROT_READ... unless raw; -X verbose decodes to flags from its comment.
      const prot = call.arg(2);
      raw = prot.kind === 'int';
    } else {
      return;
    }
    if (raw) {
      this.active = false;
      this.sink.notice(RAW_NOTICE);
    } else if (++this.looks >= LOOKS) {
      this.active = false;
    }
  }
}
