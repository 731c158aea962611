/** Shared by the probe tests: the interpreter for the test programs, and rules that leave known gaps. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { x86_64SyscallNames } from '../../linux/syscall-table';

export const PROGRAMS = path.join(__dirname, 'programs');
/** The interpreter itself, not a wrapper script (pyenv's shim would add its own processes to every run). */
export const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)']).stdout.toString().trim();

/**
 * SCML allowing every x86_64 syscall with any arguments except pidfd_open
 * (no rule) and eventfd2, which may only take EFD_CLOEXEC. Written to `file`.
 */
export function writeTestRules(file: string): void {
  const names = x86_64SyscallNames().filter((n) => n !== 'pidfd_open' && n !== 'eventfd2');
  writeFileSync(file, names.map((n) => `${n}(..);\n`).join('') + 'eventfd2(initval, flags = EFD_CLOEXEC);\n');
}
