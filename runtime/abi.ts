/**
 * The matcher ABI: what a compiled matcher module exports, and the shape of
 * the calls and values it reads. Generated modules import nothing, so this
 * file is the documentation of the contract; the types are repeated (as
 * types only) in every emitted `.ts` module.
 *
 * Bump ABI_VERSION whenever anything here changes meaning; the CLI refuses a
 * module whose `abi` differs.
 */
import type { IR } from './ir';

/**
 * 2: `match` reads what the kernel received (docs/behaviour.md section 5),
 * `matchAsPrinted` added, call views may have `unprinted` positions.
 */
export const ABI_VERSION = 2;

/**
 * One argument value as strace printed it, decoded. Semantics of matching:
 * docs/behaviour.md section 2. Text is kept as printed (latin1, one
 * char per byte) so that it can be echoed back byte for byte.
 */
export type Value =
  | IntValue
  | FlagsValue
  | StrValue
  | StructValue
  | ArrayValue
  | OtherValue;

/**
 * An integer: `0`, `-1`, `0x7ffd`, `0644`, `1<<20`, `4*1024`, and fds
 * printed with `-y`/`-yy` (`3</etc/passwd>` is the integer 3 with that path).
 */
export interface IntValue {
  kind: 'int';
  /** The integer as printed, without decoration: `0x7ffd`, `3`. */
  text: string;
  /** For a decorated fd, the text inside `<...>` (`/etc/passwd`, `pipe:[123]`). */
  path?: string;
}

/**
 * A flag combination `A|B|0x40` (also `A or B`). A single symbol (`NULL`,
 * `AT_FDCWD`, also `AT_FDCWD</tmp>`) is a one-part combination. Numeric parts
 * (starting with a digit or `-`) stay in `parts` as printed.
 */
export interface FlagsValue {
  kind: 'flags';
  parts: string[];
}

/** A quoted string; `text` is the content between the quotes, escapes kept as printed. */
export interface StrValue {
  kind: 'str';
  text: string;
}

/** `{a=1, b={...}, ...}`. Members printed without a name have `name: null`. */
export interface StructValue {
  kind: 'struct';
  fields: StructField[];
  /** True when strace elided members (`...` among the fields, or `{...}`). */
  elided: boolean;
}

export interface StructField {
  name: string | null;
  value: Value;
}

/** `[1, 2]`, `[{...}, {...}]`. */
export interface ArrayValue {
  kind: 'array';
  items: Value[];
}

/** Anything else: signal masks `~[...]`, empty arguments, `...`, expressions. */
export interface OtherValue {
  kind: 'other';
  text: string;
}

/**
 * A traced call as a matcher sees it. Arguments are in SCML order (for
 * `clone`, the reader's view has already inserted the two unconstrained
 * arguments that strace does not print). `arg(i)` decodes lazily and may
 * cache; a value may be shared by several calls (the reader caches common
 * symbolic arguments), so a matcher must not mutate what it returns.
 *
 * Unprinted positions: a view may stand for arguments that strace did not
 * print (a futex call's kernel view; a call left `<unfinished ...>` and never
 * resumed, whose later arguments were never printed). Bit `i` of `unprinted`
 * set means position `i` (only positions 0-30) was not printed: it counts
 * towards `argCount()`, matches EVERY pattern, and `arg(i)` there returns an
 * opaque value that no matcher reads. Absent or 0: everything was printed.
 * For such a call, a reader makes a view whose `argCount()` is the kernel's
 * argument count (linux/syscall-table.ts `kernelArgs`) and whose missing
 * positions are marked here; both `match` and `matchAsPrinted` honour it.
 */
export interface CallView {
  readonly name: string;
  argCount(): number;
  arg(index: number): Value;
  /** Bit mask of unprinted positions (bit i: position i); absent means 0. */
  readonly unprinted?: number;
}

/** Per-rule metadata exported by a module, in IR rule order. */
export interface RuleMeta {
  id: number;
  syscall: string;
  file: string;
  line: number;
  column: number;
}

/**
 * What a module was built for, stamped by `scmlc --os/--os-version/--source`:
 * the OS name, its release or commit, and where the rules come from. Optional:
 * a module without it (older, or built without the options) loads the same.
 */
export interface MatcherTarget {
  os: string;
  /** Release or commit, e.g. `1.2` or `604948581`; null when not given. */
  version: string | null;
  /** Where the rules come from (URL and commit); null when not given. */
  source: string | null;
}

/** What a compiled matcher module exports (CommonJS `module.exports`). */
export interface MatcherModule {
  /** Must equal ABI_VERSION. */
  abi: number;
  /** `scmlc <version>` that produced the module. */
  compiler: string;
  sources: { path: string; sha256: string }[];
  rules: RuleMeta[];
  ir: IR;
  /** What the module was built for; absent when it was not stamped. Not part of matching, so no ABI change. */
  target?: MatcherTarget;
  /** True when at least one rule names this syscall. */
  hasRules(name: string): boolean;
  /**
   * What the kernel received (docs/behaviour.md section 5): for a syscall with a
   * printing rule (linux/printing.ts: futex), combined names at its operation
   * argument are expanded on both sides, and when no rule matches the printed
   * view, the rules are tried on the call's kernel view. Returns the id of the
   * first rule (IR order) that the printed view matches, else of the first
   * one the kernel view matches, else -1. Other syscalls: as `matchAsPrinted`.
   * Calls printed by older strace versions or for 32-bit ABIs are translated
   * before they get here (runtime/match/kernel-call.ts `matchKernelCall`):
   * a module sees a call as a current x86_64 strace prints it.
   */
  match(call: CallView): number;
  /** Arguments exactly as strace printed them (sctrace --as-printed): id of the first rule that matches, or -1. */
  matchAsPrinted(call: CallView): number;
}
