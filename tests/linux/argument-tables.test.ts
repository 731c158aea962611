/**
 * linux/argument-tables.ts against real strace output: every name that a
 * real log (tests/fixtures/logs) prints for a mapped argument is in the
 * table the argument is mapped to. A wrong mapping (mmap's flags read with
 * open's table) fails here; so does a table missing a name strace prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Value } from '../../runtime/abi';
import type { CallRecord } from '../../runtime/record';
import { readFileSync as readLog } from '../../runtime/reader';
import { isNumericPart } from '../../runtime/values/decode';
import { type MappedArgument, acceptedNames, argumentTable, mappedArguments, printedIndex } from '../../linux/argument-tables';
import { nameTable } from '../../linux/strace-names';
import { FIXTURE_LOGS } from '../fixtures/paths';

/** The real logs in their default form (-X raw prints numbers, so it proves nothing here). */
function logFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/Xraw/.test(e.name)) out.push(p);
    }
  };
  walk(FIXTURE_LOGS);
  return out.sort();
}

/** The names printed at `fieldPath` inside `value` (through arrays, by struct field name). */
function namesAt(value: Value, fieldPath: readonly string[], out: string[]): void {
  if (value.kind === 'array') {
    for (const item of value.items) namesAt(item, fieldPath, out);
    return;
  }
  if (fieldPath.length > 0) {
    if (value.kind !== 'struct') return;
    for (const f of value.fields) if (f.name === fieldPath[0]) namesAt(f.value, fieldPath.slice(1), out);
    return;
  }
  if (value.kind === 'flags') for (const p of value.parts) if (!isNumericPart(p) && p !== 'NULL') out.push(p);
}

function scmlIndex(syscall: string, printed: number): number {
  for (let i = 0; i < 8; i++) if (printedIndex(syscall, i) === printed) return i;
  throw new Error(`no SCML position for ${syscall} argument ${printed}`);
}

const seen = new Map<string, Map<string, number>>(); // "syscall/arg/field" → name → count

beforeAll(() => {
  const bySyscall = new Map<string, MappedArgument[]>();
  for (const a of mappedArguments()) bySyscall.set(a.syscall, [...(bySyscall.get(a.syscall) ?? []), a]);
  for (const file of logFiles()) {
    readLog(file, {
      call(record: CallRecord) {
        for (const a of bySyscall.get(record.name) ?? []) {
          const i = scmlIndex(a.syscall, a.argIndex);
          if (i >= record.argCount() || ((record.unprinted ?? 0) & (1 << i)) !== 0) continue;
          const names: string[] = [];
          namesAt(record.arg(i), a.fieldPath, names);
          const key = `${a.syscall}/${a.argIndex}/${a.fieldPath.join('.')}`;
          const counts = seen.get(key) ?? new Map<string, number>();
          for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
          seen.set(key, counts);
        }
      },
      unreadable() {},
      notice() {},
    });
  }
});

test('every name a real log prints for a mapped argument is in its table', () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const [key, counts] of seen) {
    const [syscall, arg, field] = key.split('/');
    const mapped = argumentTable(syscall, Number(arg), field === '' ? [] : field.split('.'));
    const accepted = acceptedNames(mapped!);
    for (const name of counts.keys()) {
      checked++;
      if (!accepted.has(name)) wrong.push(`${key}: ${name} (not in ${mapped!.table.name})`);
    }
  }
  expect(wrong).toEqual([]);
  // The logs exercise the mapping broadly (mmap, openat, clone, fcntl, ... each with several names).
  expect(checked).toBeGreaterThan(150);
  for (const key of ['mmap/2/', 'mmap/3/', 'openat/2/', 'clone/1/', 'fcntl/1/', 'rt_sigaction/1/sa_flags', 'ioctl/1/', 'socket/1/']) {
    expect([...(seen.get(key)?.keys() ?? [])].length).toBeGreaterThan(0);
  }
});

test('the tables keep their values and strace\'s built-in names', () => {
  const value = (table: string, name: string) => nameTable(table)?.entries.find((e) => e.name === name)?.value;
  expect(value('mmap_flags', 'MAP_DENYWRITE')).toBe(0x800n);
  expect(value('mmap_prot', 'PROT_WRITE')).toBe(2n);
  expect(value('open_mode_flags', 'O_CLOEXEC')).toBe(0o2000000n);
  expect(value('ioctl_codes', 'TCGETS')).toBe(0x5401n);
  expect(value('signals', 'SIGCHLD')).toBe(17n);
  expect(value('realtime_signals', 'SIGRT_1')).toBe(33n);
  expect(value('futex_op_flags', 'FUTEX_PRIVATE_FLAG')).toBe(128n);
  // Listed by strace for other architectures only: a name, no x86_64 value.
  expect(nameTable('mmap_flags')?.unvalued).toContain('MAP_GROWSUP');
  expect(nameTable('no_such_table')).toBeUndefined();
});

test('every mapped argument resolves to existing tables', () => {
  const all = mappedArguments();
  expect(all.length).toBeGreaterThan(100);
  for (const a of all) expect(a.table.entries.length + a.table.unvalued.length).toBeGreaterThan(0);
  expect(argumentTable('mmap', 3)?.table.name).toBe('mmap_flags');
  expect(argumentTable('openat', 2)?.table.name).toBe('open_access_modes+open_mode_flags');
  expect(argumentTable('rt_sigaction', 1, ['sa_flags'])?.decoder).toBe('src/signal.c: decode_new_sigaction');
  expect(argumentTable('mmap', 4)).toBeUndefined();
  // clone: SCML inserts two arguments strace does not print.
  expect([0, 1, 2, 3, 4].map((i) => printedIndex('clone', i))).toEqual([undefined, 0, 1, undefined, 2]);
});
