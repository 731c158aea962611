/**
 * Refusing exactly the calls of a flag gap. strace's `when=` counts calls
 * per thread, so one expression rarely picks out the refused calls of every
 * thread (ld.so's MAP_DENYWRITE mmaps sit at irregular places). A seccomp
 * filter decides on the argument itself: a small launcher, run by python3
 * (no compiler needed), installs a filter that fails the syscall with EINVAL
 * when its flag argument has every bit of the gap's flag, then execs the
 * program under the same strace. Exact for flags of a top-level integer
 * argument; fields behind pointers and argument counts stay with `when=`.
 *
 * The flag's bits come from the second baseline, run with `strace -X
 * verbose` (`0x802 /* MAP_PRIVATE|MAP_DENYWRITE *\/`): the bits every value
 * naming the flag has, less the bits of values of the same family
 * (`MAP_...`) that do not name it.
 */
import type { SyscallRule } from '../runtime/ir';
import type { IR } from '../runtime/ir';
import type { GapIdentity, RuleCalls } from '../runtime/report/app-gaps';
import { x86_64Syscall } from '../linux/syscall-table';
import type { ObservedCall } from './observe';

/**
 * The launcher: `python3 -I -S -c LAUNCHER nr index mask prog args...`.
 * seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8i (low word first on
 * x86_64). The filter: other arch or syscall -> allow; (low & mlo) == mlo and
 * (high & mhi) == mhi -> EINVAL; else allow. PR_SET_NO_NEW_PRIVS first, as an
 * unprivileged filter requires.
 */
export const LAUNCHER = `import ctypes, os, struct, sys
nr, idx, mask = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3], 0)
lo, hi, off = mask & 0xffffffff, mask >> 32, 16 + 8 * idx
insns = [(0x20, 0, 0, 4), (0x15, 0, 8, 0xc000003e), (0x20, 0, 0, 0), (0x15, 0, 6, nr),
         (0x20, 0, 0, off), (0x54, 0, 0, lo), (0x15, 0, 3, lo),
         (0x20, 0, 0, off + 4), (0x54, 0, 0, hi), (0x15, 1, 0, hi),
         (0x06, 0, 0, 0x7fff0000), (0x06, 0, 0, 0x00050000 | 22)]
class Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]
prog = Fprog(len(insns), b"".join(struct.pack("HBBI", *i) for i in insns))
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(38, 1, 0, 0, 0) != 0 or libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:
    sys.stderr.write("sctrace probe: cannot install the seccomp filter: %s\\n" % os.strerror(ctypes.get_errno()))
    sys.exit(126)
os.execvp(sys.argv[4], sys.argv[4:])
`;

/** The launcher's last call before it execs the program: calls up to here are the launcher's. */
export function isLauncherMarker(name: string, text: string): boolean {
  return name === 'prctl' && text.includes('PR_SET_SECCOMP');
}

export interface SeccompRefusal {
  /** x86_64 syscall number. */
  nr: number;
  /** The argument's position in the kernel's argument list. */
  index: number;
  /** The flag's bits. */
  mask: bigint;
}

/** Syscalls whose printed arguments are not the kernel's, in order or in number: not filtered by position. */
const REORDERED = new Set(['clone', 'clone3', 'futex']);

/**
 * How a seccomp filter refuses this gap, or null when it cannot: not a flag
 * of a top-level argument, a syscall strace prints out of kernel order, or
 * bits the verbose baseline does not pin down.
 */
export function seccompRefusal(ir: IR, gap: GapIdentity & { rules: RuleCalls[] }, verbose: readonly ObservedCall[]): SeccompRefusal | null {
  if (gap.kind !== 'flag-not-allowed' || gap.value === null || !/^[A-Za-z_]\w*$/.test(gap.path)) return null;
  const info = x86_64Syscall(gap.syscall);
  if (info === undefined || REORDERED.has(gap.syscall) || gap.rules.length === 0) return null;
  const index = paramIndex(ir, gap.syscall, gap.rules[0], gap.path);
  if (index === null || index >= 6) return null;
  const mask = flagMask(verbose.filter((c) => c.name === gap.syscall).map((c) => c.text), gap.value);
  return mask === null ? null : { nr: info.number, index, mask };
}

function paramIndex(ir: IR, syscall: string, rule: RuleCalls, name: string): number | null {
  const found: SyscallRule | undefined = ir.rules.find((r) => r.syscall === syscall && r.origin.file === rule.file && r.origin.line === rule.line);
  const index = found?.params.findIndex((p) => p.name === name) ?? -1;
  return index < 0 ? null : index;
}

const SPELLED = /(?<![\w.])(0x[0-9a-fA-F]+|[0-9]+) \/\* ([A-Za-z0-9_|]+) \*\//g;

/**
 * The bits of `flag` from `-X verbose` lines: AND of the values whose
 * spelling names it, less the OR of the values of its family that do not.
 * null when no value names it or nothing is left.
 */
export function flagMask(lines: readonly string[], flag: string): bigint | null {
  const family = flag.slice(0, flag.indexOf('_') + 1);
  let withFlag: bigint | null = null;
  let without = 0n;
  for (const line of lines) {
    for (const [, raw, spelled] of line.matchAll(SPELLED)) {
      const names = spelled.split('|');
      const value = BigInt(raw);
      if (names.includes(flag)) withFlag = withFlag === null ? value : withFlag & value;
      else if (family !== '' && names.some((n) => n.startsWith(family))) without |= value;
    }
  }
  if (withFlag === null) return null;
  const mask = withFlag & ~without;
  return mask === 0n ? null : mask;
}
