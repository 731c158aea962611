/** The bits of a flag, read from `strace -X verbose` lines, for the seccomp filter. */
import { flagMask } from '../../probe/seccomp';

const MMAP = [
  'mmap(NULL, 8192, 0x3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0) = 0x7f0',
  'mmap(NULL, 1974096, 0x1 /* PROT_READ */, 0x802 /* MAP_PRIVATE|MAP_DENYWRITE */, 3</usr/lib/libc.so.6>, 0) = 0x7f1',
  'mmap(0x7f1, 1400832, 0x5 /* PROT_READ|PROT_EXEC */, 0x812 /* MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE */, 3, 0x26000) = 0x7f1',
];

test('the bits every value naming the flag has, less those of values of its family without it', () => {
  expect(flagMask(MMAP, 'MAP_DENYWRITE')).toBe(0x800n);
  expect(flagMask(MMAP, 'MAP_FIXED')).toBe(0x10n);
  expect(flagMask(['getrandom("...", 8, 0x1 /* GRND_NONBLOCK */) = 8'], 'GRND_NONBLOCK')).toBe(1n);
});

test('null when no value names the flag or nothing tells it apart; extra bits when always together', () => {
  expect(flagMask(MMAP, 'MAP_SHARED')).toBeNull();
  // Every value of the family here has MAP_PRIVATE too: both bits stay, and the filter refuses only values with both.
  expect(flagMask(MMAP.slice(1), 'MAP_DENYWRITE')).toBe(0x802n);
  expect(flagMask(['x(0x3 /* A_X|A_Y */) = 0', 'x(0x3 /* A_Y|A_X */) = 0', 'x(0x1 /* A_Y */) = 0'], 'A_X')).toBe(2n);
  expect(flagMask(['x(0x1 /* A_X */) = 0', 'x(0x1 /* A_Y */) = 0'], 'A_X')).toBeNull();
});

test('64-bit values', () => {
  expect(flagMask(['x(0x100000000 /* B_HIGH */) = 0', 'x(0x1 /* B_LOW */) = 0'], 'B_HIGH')).toBe(0x100000000n);
});
