/**
 * Which architecture and ABI a log was traced on, from what it shows: the
 * syscall names it uses (32-bit names, the i386- or arm-only ones, x86_64
 * names that arm64 lacks: linux/abi32.ts) and strace's `[ Process PID=N runs
 * in 32 bit mode. ]` lines (a reader notice). Every report says it, next to
 * the rules' own architecture (x86_64), with the 32-bit calls that were
 * judged as their x86_64 counterparts and those that have none.
 */
import { ARM_MARKERS, counterpart, I386_MARKERS, X86_64_NOT_ARM64 } from '../../linux/abi32';
import { PERSONALITY_NOTICE } from '../reader/messages';

export interface LogArchitecture {
  /** `x86_64`, `i386`, `arm`, `i386 / arm`, `x86_64 or arm64`, or `unknown` (no call). */
  architecture: string;
  /** `64-bit`, `32-bit`, or `64-bit with 32-bit processes`. */
  abi: string;
  /** What the rules describe. */
  rules: 'x86_64';
  /** 32-bit calls judged as their x86_64 counterparts (not with --as-printed), most calls first. */
  mapped: { from: string; to: string; calls: number }[];
  /** 32-bit calls with no x86_64 counterpart. */
  noCounterpart: { syscall: string; calls: number }[];
}

export class LogArchTally {
  private readonly names32 = new Map<string, number>();
  private i386 = 0;
  private arm = 0;
  private x86_64 = 0;
  private calls = 0;
  private processes32 = 0;

  constructor(private readonly asPrinted: boolean) {}

  call(name: string): void {
    this.calls++;
    if (counterpart(name) !== undefined) this.names32.set(name, (this.names32.get(name) ?? 0) + 1);
    if (I386_MARKERS.has(name)) this.i386++;
    if (ARM_MARKERS.has(name)) this.arm++;
    if (X86_64_NOT_ARM64.has(name)) this.x86_64++;
  }

  notice(message: string): void {
    const m = PERSONALITY_NOTICE.exec(message);
    if (m !== null && m[2] !== '64 bit') this.processes32++;
  }

  result(): LogArchitecture {
    const thirtyTwo = this.names32.size > 0;
    let architecture: string;
    let abi: string;
    if (this.processes32 > 0) {
      // strace on x86_64 said a traced process runs in 32 bit mode: the i386 ABI.
      architecture = 'i386';
      abi = '32-bit (processes traced on x86_64)';
    } else if (thirtyTwo) {
      architecture = this.arm > 0 && this.i386 === 0 ? 'arm' : this.i386 > 0 && this.arm === 0 ? 'i386' : 'i386 / arm';
      abi = '32-bit';
    } else {
      // arm64 has no name that x86_64 lacks: only x86_64's own names tell the two apart.
      architecture = this.x86_64 > 0 ? 'x86_64' : this.calls === 0 ? 'unknown' : 'x86_64 or arm64';
      abi = '64-bit';
    }
    const mapped: LogArchitecture['mapped'] = [];
    const noCounterpart: LogArchitecture['noCounterpart'] = [];
    for (const [name, calls] of this.names32) {
      const to = counterpart(name)?.x86_64 ?? null;
      if (to === null) noCounterpart.push({ syscall: name, calls });
      else if (!this.asPrinted) mapped.push({ from: name, to, calls });
    }
    const order = <T extends { calls: number }>(a: T, b: T): number => b.calls - a.calls;
    return { architecture, abi, rules: 'x86_64', mapped: mapped.sort(order), noCounterpart: noCounterpart.sort(order) };
  }
}

/** The report's line: `Log: i386, 32-bit ABI; the rules describe x86_64: ...`. */
export function logArchText(arch: LogArchitecture): string {
  let text = `Log: ${arch.architecture}, ${arch.abi} ABI; the rules describe ${arch.rules}`;
  if (arch.mapped.length > 0) {
    const total = arch.mapped.reduce((n, m) => n + m.calls, 0);
    text += `\n  ${total} calls judged as their x86_64 counterparts: ${arch.mapped.map((m) => `${m.from} as ${m.to} (${m.calls})`).join(', ')}`;
  }
  if (arch.noCounterpart.length > 0) {
    const total = arch.noCounterpart.reduce((n, m) => n + m.calls, 0);
    text += `\n  ${total} calls with no x86_64 counterpart: ${arch.noCounterpart.map((m) => `${m.syscall} (${m.calls})`).join(', ')}`;
  }
  return text + '\n';
}
