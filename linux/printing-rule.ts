/**
 * What a printing rule is: how strace prints one syscall, as data, so that a
 * call's kernel view (docs/behaviour.md section 5) can be rebuilt from its line.
 * The emitter inlines these objects into every matcher module that has rules
 * for the syscall; the IR interpreter reads them directly. Plain JSON.
 */
export interface PrintingRule {
  syscall: string;
  /** How many arguments the kernel takes (the x86_64 table's kernel_args). */
  kernelArgs: number;
  /** Position of the operation argument whose command decides which arguments strace prints. */
  op: number;
  /** Symbols strace prints for a combination of flags at `op`, each with its parts: [printed, parts]. */
  combined: [string, string[]][];
  /** For each command (a flag part at `op`, after expansion): the kernel positions strace prints, in order. */
  commands: [string, number[]][];
  /** The kernel positions printed when `op` holds none of the commands. */
  other: number[];
  /** Where the facts come from. */
  source: string;
}
