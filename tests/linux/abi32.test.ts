/**
 * The facts behind old-strace and 32-bit logs (linux/abi32.ts,
 * linux/positional-structs.ts, linux/value-aliases.ts, linux/raw-numbers.ts)
 * are consistent with the x86_64 table: every counterpart is an x86_64
 * syscall and takes as many arguments as its mapping gives; no 32-bit name
 * is an x86_64 name; every syscall named elsewhere is an x86_64 syscall.
 */
import { ARM_MARKERS, COUNTERPARTS, I386_MARKERS, X86_64_NOT_ARM64 } from '../../linux/abi32';
import { POSITIONAL_STRUCTS } from '../../linux/positional-structs';
import { CANDIDATE_VALUES, PREFIX_ALIASES } from '../../linux/value-aliases';
import { CONTEXT_DEPENDENT, LOW_FIELDS } from '../../linux/raw-numbers';
import { x86_64Syscall } from '../../linux/syscall-table';
import { nameTable } from '../../linux/strace-names';

test('every 32-bit name is not an x86_64 name; every counterpart is one, with the kernel\'s argument count', () => {
  const names = new Set<string>();
  for (const c of COUNTERPARTS) {
    expect([c.name, x86_64Syscall(c.name)]).toEqual([c.name, undefined]);
    expect(names.has(c.name)).toBe(false);
    names.add(c.name);
    if (c.x86_64 === null) continue;
    const target = x86_64Syscall(c.x86_64);
    expect([c.name, target?.name]).toEqual([c.name, c.x86_64]);
    if (c.args !== undefined) expect([c.name, c.args.length]).toEqual([c.name, target?.kernelArgs]);
  }
});

test('the markers that tell i386, arm and x86_64 apart are what their tables say', () => {
  for (const n of ARM_MARKERS) expect([n, x86_64Syscall(n)]).toEqual([n, undefined]);
  for (const n of X86_64_NOT_ARM64) expect([n, x86_64Syscall(n)?.name]).toEqual([n, n]);
  // i386's own thread-area calls are x86_64 names too (x86_64 has them): a marker only next to 32-bit names.
  expect([...I386_MARKERS].filter((n) => x86_64Syscall(n) === undefined)).toEqual(['vm86old']);
});

test('positional structs, aliases, candidates and raw-number fields name x86_64 syscalls and strace tables', () => {
  for (const [syscall, position, shape] of POSITIONAL_STRUCTS) {
    const info = x86_64Syscall(syscall);
    expect([syscall, info !== undefined && position < info.kernelArgs]).toEqual([syscall, true]);
    expect(shape.fields.length).toBeGreaterThan(1);
  }
  for (const [syscall] of [...PREFIX_ALIASES, ...CANDIDATE_VALUES, ...CONTEXT_DEPENDENT, ...LOW_FIELDS]) {
    expect([syscall, x86_64Syscall(syscall)?.name]).toEqual([syscall, syscall]);
  }
  for (const [, , low] of LOW_FIELDS) for (const t of low.tables.split(' ')) expect([t, nameTable(t)?.name]).toEqual([t, t]);
});
