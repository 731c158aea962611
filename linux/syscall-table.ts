/**
 * The x86_64 Linux system call table (linux/x86_64-syscalls.ts, generated
 * from linux/x86_64-syscalls.tsv): lookups by name.
 */
import { X86_64_SYSCALL_ROWS } from './x86_64-syscalls';

export interface SyscallInfo {
  /** The x86_64 system call number. */
  number: number;
  name: string;
  /** How many arguments the kernel takes (not always what strace prints: strace-printing.md). */
  kernelArgs: number;
  /** The strace decoder that prints it (`SYS_FUNC(name)` in strace's src/). */
  decoder: string;
}

const byName = new Map<string, SyscallInfo>(
  X86_64_SYSCALL_ROWS.map(([number, name, kernelArgs, decoder]) => [name, { number, name, kernelArgs, decoder }]),
);

/** The syscall of that name on x86_64 Linux, or undefined when there is none. */
export function x86_64Syscall(name: string): SyscallInfo | undefined {
  return byName.get(name);
}

/** Every x86_64 syscall name, in number order. */
export function x86_64SyscallNames(): string[] {
  return X86_64_SYSCALL_ROWS.map((row) => row[1]);
}
