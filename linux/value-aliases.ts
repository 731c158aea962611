/**
 * Names that older strace versions print for what a current strace prints
 * under another name, and values printed as several candidate names.
 *
 * - PF_* for AF_*: until strace 4.12 (71fe62e6b "Replace PF_* constants with
 *   AF_*", 2016-04-04) the socket domain was printed from xlat/domains.in
 *   (`socket(PF_INET, SOCK_STREAM, IPPROTO_IP)`); since then from
 *   xlat/addrfams.in (`AF_INET`). The commit notes that every PF_x equals
 *   AF_x (the kernel defines PF_x as AF_x). The domain is the first argument
 *   of socket and socketpair (src/net.c).
 * - Candidates: an ioctl request code that several drivers share is printed
 *   as every name it has, joined by ` or `
 *   (`SNDCTL_TMR_TIMEBASE or SNDRV_TIMER_IOCTL_NEXT_DEVICE or TCGETS`:
 *   src/ioctl.c, the loop over ioctl_next_match() calling
 *   tprint_alternative_value()). It is one code: it matches a pattern when
 *   any one name does. ` or ` is printed nowhere else in an x86_64 log
 *   (src/print_fields.c tprint_alternative_value has no other caller but
 *   print_big_u64_addr, which only 32-bit strace on a 64-bit kernel uses).
 */

/** [syscall, argument position, old prefix, current prefix]. */
export const PREFIX_ALIASES: readonly (readonly [string, number, string, string])[] = [
  ['socket', 0, 'PF_', 'AF_'],
  ['socketpair', 0, 'PF_', 'AF_'],
];

/** [syscall, argument position]: a value printed as `A or B or C` is one value, any of whose names may match. */
export const CANDIDATE_VALUES: readonly (readonly [string, number])[] = [['ioctl', 1]];

/** The prefix alias at a syscall's argument, or undefined. */
export function prefixAlias(syscall: string, position: number): readonly [string, string] | undefined {
  for (const [s, p, from, to] of PREFIX_ALIASES) if (s === syscall && p === position) return [from, to];
  return undefined;
}

/** The position whose value may be printed as candidates, or -1. */
export function candidatePosition(syscall: string): number {
  for (const [s, p] of CANDIDATE_VALUES) if (s === syscall) return p;
  return -1;
}
