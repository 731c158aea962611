/**
 * The Linux data in linux/: the generated syscall module is what the TSV
 * renders to (regenerate with `npm run linux-table`), and the printing rules
 * agree with the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODULE_FILE, TSV_FILE, renderSyscallModule } from '../../linux/generate';
import { PRINTING_RULES } from '../../linux/printing';
import { x86_64Syscall, x86_64SyscallNames } from '../../linux/syscall-table';

const ROOT = path.join(__dirname, '..', '..');

test(`${MODULE_FILE} is what ${TSV_FILE} renders to`, () => {
  const fresh = renderSyscallModule(fs.readFileSync(path.join(ROOT, TSV_FILE), 'utf8'));
  const committed = fs.readFileSync(path.join(ROOT, MODULE_FILE), 'utf8');
  if (committed !== fresh) throw new Error(`${MODULE_FILE} is stale: run \`npm run linux-table\` and review the diff`);
});

test('the table keeps its provenance and every row', () => {
  const tsv = fs.readFileSync(path.join(ROOT, TSV_FILE), 'utf8');
  expect(tsv).toMatch(/strace git 3e4d70a5e/);
  const rows = tsv.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  expect(x86_64SyscallNames()).toHaveLength(rows.length);
  expect(x86_64Syscall('read')).toEqual({ number: 0, name: 'read', kernelArgs: 3, decoder: 'read' });
  expect(x86_64Syscall('epoll_pwait2')).toEqual({ number: 441, name: 'epoll_pwait2', kernelArgs: 6, decoder: 'epoll_pwait2' });
  expect(x86_64Syscall('frobnicate')).toBeUndefined();
  expect(x86_64Syscall('__proto__')).toBeUndefined();
});

test('a malformed row is refused with its line', () => {
  expect(() => renderSyscallModule('# x\n0\tread\tthree\tread\n')).toThrow(`${TSV_FILE}:2:`);
});

test.each(PRINTING_RULES.map((r) => [r.syscall, r] as const))('printing rule %s agrees with the table', (_name, rule) => {
  expect(rule.kernelArgs).toBe(x86_64Syscall(rule.syscall)?.kernelArgs);
  const positions = [...rule.commands.map(([, p]) => p), rule.other];
  for (const p of positions) {
    // Kernel positions, increasing, always including the operation itself.
    expect(p.every((k, i) => k >= 0 && k < rule.kernelArgs && (i === 0 || k > p[i - 1]))).toBe(true);
    expect(p).toContain(rule.op);
  }
  // Each combined name stands for exactly one command and some flags.
  const commands = new Set(rule.commands.map(([c]) => c));
  for (const [name, parts] of rule.combined) {
    expect(parts.filter((p) => commands.has(p))).toHaveLength(1);
    expect(commands.has(name)).toBe(false);
  }
});
