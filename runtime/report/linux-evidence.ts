/**
 * Evidence already in the log that a program survives a refusal: a call
 * that failed on the traced Linux itself with an errno that says "not
 * supported here" (`arch_prctl(0x3001 /* ARCH_??? *\/, ...) = -1 EINVAL`,
 * `setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [0], 4) = -1 ENOPROTOOPT`), after
 * which its thread went on making calls. A gap all of whose calls are such
 * is marked `failedOnLinux` with the errnos seen: surviving EINVAL says
 * nothing about ENOSYS, so the verdict (app-verdict.ts) weighs them by kind.
 */
import type { CallRecord } from '../record';

/** Errnos by which a kernel says it lacks something (as opposed to a bad fd, a missing file, no permission). */
export const UNSUPPORTED_ERRNOS: ReadonlySet<string> = new Set([
  'ENOSYS',
  'EINVAL',
  'EOPNOTSUPP',
  'ENOTSUP',
  'ENOPROTOOPT',
  'ENOTTY',
  'EAFNOSUPPORT',
  'EPROTONOSUPPORT',
  'ESOCKTNOSUPPORT',
]);

/** Calls after which a thread has not "gone on": it is ending. */
const ENDINGS: ReadonlySet<string> = new Set(['exit', 'exit_group']);

interface GapEvidence {
  calls: number;
  /** Calls that failed with an unsupported errno. */
  failed: number;
  /** Of those, the ones after which their thread made another call. */
  survived: number;
  errnos: Set<string>;
}

export class LinuxEvidence {
  private readonly gaps = new Map<string, GapEvidence>();
  /** Per thread: gap ids of its failed calls still waiting for a next call. */
  private readonly waiting = new Map<number, string[]>();

  /** Every call, in log order; `gapIds`: the gaps the rules refuse it for (empty when supported). */
  call(record: CallRecord, gapIds: readonly string[]): void {
    const pid = record.pid ?? 0;
    const waiting = this.waiting.get(pid);
    if (waiting !== undefined && !ENDINGS.has(record.name)) {
      for (const id of waiting) this.gaps.get(id)!.survived++;
      this.waiting.delete(pid);
    }
    if (gapIds.length === 0) return;
    const errno = /^-1 (E[A-Z0-9]+)\b/.exec(record.result)?.[1];
    const failed = errno !== undefined && UNSUPPORTED_ERRNOS.has(errno);
    for (const id of gapIds) {
      let gap = this.gaps.get(id);
      if (gap === undefined) this.gaps.set(id, (gap = { calls: 0, failed: 0, survived: 0, errnos: new Set() }));
      gap.calls++;
      if (!failed) continue;
      gap.failed++;
      gap.errnos.add(errno);
      const list = this.waiting.get(pid) ?? [];
      list.push(id);
      this.waiting.set(pid, list);
    }
  }

  /** The errnos (sorted) when every call of the gap failed with one and its thread went on; else undefined. */
  failedOnLinux(id: string): string[] | undefined {
    const gap = this.gaps.get(id);
    if (gap === undefined || gap.failed !== gap.calls || gap.survived !== gap.calls) return undefined;
    return [...gap.errnos].sort();
  }
}
