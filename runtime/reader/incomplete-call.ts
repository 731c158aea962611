/**
 * A call that strace started printing and never finished: left
 * `<unfinished ...>` and never resumed (the log was cut short, strace or the
 * thread was killed while it blocked), or cut at the end of the log. The
 * kernel received it, so it gets a verdict from the arguments strace printed
 * (docs/behaviour.md section 5): an argument not printed yet is unprinted and
 * matches every pattern (CallView.unprinted, runtime/abi.ts).
 *
 * Which arguments were printed: strace prints on entry the arguments it
 * knows then, ending with `, ` when more are to come at exit (`read(3, `)
 * and with the last value when it has printed them all (`futex(..., NULL,
 * FUTEX_BITSET_MATCH_ANY`: only the result is missing). In the first case
 * the call stands for all the kernel's arguments (linux/syscall-table.ts),
 * the ones not printed unprinted. A line cut at the end of the log may end
 * inside a value: its last argument counts as unprinted too. `clone` and
 * `clone3` keep the arguments as printed (their SCML view has inserted
 * positions: call-record.ts).
 */
import type { Value } from '../abi';
import type { CallRecord } from '../record';
import { isUnprinted, UNPRINTED_VALUE } from '../match/kernel-view';
import { x86_64Syscall } from '../../linux/syscall-table';
import { StraceCall } from './call-record';

export class IncompleteCall implements CallRecord {
  /** Marks the record for reports and JSON. */
  readonly incomplete = true;
  /** No result was printed. */
  readonly result = '';
  readonly unprinted: number;
  private readonly count: number;
  /** How many arguments strace showed (the last maybe partial). */
  private readonly printed: number;
  private readonly call: StraceCall;

  /**
   * `head` is the call as printed, up to where strace stopped (no marker);
   * `argsStart` is the index after its `(`; `text` is what reports show.
   * `cut`: the line ends where the log ends (the last value may be partial).
   * `crlf`: the line of `text` ended in `\r\n` (CallRecord.crlf).
   */
  constructor(head: string, argsStart: number, readonly name: string, readonly pid: number | null,
    readonly line: number, readonly endLine: number, readonly text: string, cut: boolean, readonly crlf = false) {
    this.call = new StraceCall(head, 0, head.length, name, pid, line, endLine, argsStart, head.length);
    const tail = head.trimEnd();
    const more = tail.endsWith(',') || tail.endsWith('(');
    let printed = this.call.argCount();
    if (tail.endsWith(',')) printed--; // the empty piece after the last `, `
    let count = printed;
    let unprinted = 0;
    const clone = name === 'clone' || name === 'clone3';
    // Cut inside a value: strace may have had more arguments to print, or none (see printedOnly).
    const open = more || (cut && printed > 0);
    if (open && !clone) count = Math.max(printed, x86_64Syscall(name)?.kernelArgs ?? printed);
    for (let i = printed; i < count && i < 31; i++) unprinted |= 1 << i;
    if (cut && !more && printed > 0 && printed <= 31) unprinted |= 1 << (printed - 1);
    this.count = count;
    this.unprinted = unprinted;
    this.printed = more ? count : printed;
  }

  /**
   * A call cut inside a value may have been all printed (strace prints fewer
   * arguments than the kernel takes for some operations: openat without
   * O_CREAT): the same call with only the arguments it shows, or null when
   * that is the call itself. A verdict tries the call, then this.
   */
  printedOnly(): CallRecord | null {
    if (this.printed === this.count) return null;
    const whole = this;
    return {
      name: this.name, pid: this.pid, line: this.line, endLine: this.endLine, text: this.text, result: '', incomplete: true, crlf: this.crlf,
      unprinted: this.unprinted & ((1 << this.printed) - 1),
      argCount: () => whole.printed,
      arg: (i: number) => whole.arg(i),
    };
  }

  argCount(): number {
    return this.count;
  }

  arg(index: number): Value {
    return isUnprinted(this.unprinted, index) ? UNPRINTED_VALUE : this.call.arg(index);
  }
}
