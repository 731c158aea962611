/**
 * How strace prints futex(2). Facts from strace git 3e4d70a5e: src/futex.c
 * (which arguments each command prints) and src/xlat/futexops.in (the
 * combined operation names), as summarised in the project's reference note on
 * strace printing. Kernel arguments: uaddr, futex_op, val, timeout|val2,
 * uaddr2, val3 (positions 0-5); the command is futex_op & 127.
 */
import type { PrintingRule } from './printing-rule';

/** Command → kernel positions printed (uaddr and futex_op, then by command). */
const PRINTED: [string, number[]][] = [
  ['FUTEX_WAIT', [0, 1, 2, 3]],
  ['FUTEX_WAKE', [0, 1, 2]],
  ['FUTEX_FD', [0, 1, 2]],
  ['FUTEX_WAIT_BITSET', [0, 1, 2, 3, 5]],
  ['FUTEX_WAKE_BITSET', [0, 1, 2, 5]],
  ['FUTEX_REQUEUE', [0, 1, 2, 3, 4]],
  ['FUTEX_CMP_REQUEUE', [0, 1, 2, 3, 4, 5]],
  ['FUTEX_CMP_REQUEUE_PI', [0, 1, 2, 3, 4, 5]],
  ['FUTEX_WAKE_OP', [0, 1, 2, 3, 4, 5]],
  ['FUTEX_WAIT_REQUEUE_PI', [0, 1, 2, 3, 4]],
  ['FUTEX_LOCK_PI', [0, 1, 3]],
  ['FUTEX_LOCK_PI2', [0, 1, 3]],
  ['FUTEX_UNLOCK_PI', [0, 1]],
  ['FUTEX_TRYLOCK_PI', [0, 1]],
];

/** The robust-list unlock names (futexops.in) and what they stand for, before `_PRIVATE`. */
const ROBUST: [string, string[]][] = [
  ['FUTEX_UNLOCK_PI_LIST64', ['FUTEX_UNLOCK_PI', 'FUTEX_ROBUST_UNLOCK']],
  ['FUTEX_UNLOCK_PI_LIST32', ['FUTEX_UNLOCK_PI', 'FUTEX_ROBUST_UNLOCK', 'FUTEX_ROBUST_LIST32']],
  ['FUTEX_UNLOCK_WAKE_LIST64', ['FUTEX_WAKE', 'FUTEX_ROBUST_UNLOCK']],
  ['FUTEX_UNLOCK_WAKE_LIST32', ['FUTEX_WAKE', 'FUTEX_ROBUST_UNLOCK', 'FUTEX_ROBUST_LIST32']],
  ['FUTEX_UNLOCK_BITSET_LIST64', ['FUTEX_WAKE_BITSET', 'FUTEX_ROBUST_UNLOCK']],
  ['FUTEX_UNLOCK_BITSET_LIST32', ['FUTEX_WAKE_BITSET', 'FUTEX_ROBUST_UNLOCK', 'FUTEX_ROBUST_LIST32']],
];

const PRIVATE = 'FUTEX_PRIVATE_FLAG';

export const FUTEX_PRINTING: PrintingRule = {
  syscall: 'futex',
  kernelArgs: 6,
  op: 1,
  combined: [
    // FUTEX_<CMD>_PRIVATE for every command.
    ...PRINTED.map(([cmd]): [string, string[]] => [`${cmd}_PRIVATE`, [cmd, PRIVATE]]),
    ...ROBUST,
    ...ROBUST.map(([name, parts]): [string, string[]] => [`${name}_PRIVATE`, [...parts, PRIVATE]]),
  ],
  commands: PRINTED,
  other: [0, 1, 2, 3, 4, 5],
  source: 'strace git 3e4d70a5e: src/futex.c, src/xlat/futexops.in',
};
