/**
 * Extracts the names strace can print, with their x86_64 values, from a copy
 * of strace's tables, into linux/strace-names.tsv (then `npm run
 * strace-names` renders the module the product uses).
 *
 *   node dist/tools/extract-strace-names.js <strace-tables> [<kernel-uapi-include>...]
 *
 * <strace-tables> holds strace's src/xlat/*.in and the ioctl and signal
 * tables (linux/64_ioctls_inc.h, linux/x86_64_ioctls_arch0.h,
 * linux/generic_signalent.h) of one strace commit. Run by hand when the
 * tables are refreshed; it needs gcc, since half of the xlat entries name a
 * constant without its value (strace takes it from the headers it is built
 * with) and the `#if` blocks choose per architecture: each table becomes a
 * small C program, preprocessed and run on this x86_64 machine, first
 * against the system headers, then for the names still without a value
 * against the header (in the optional kernel uapi folders, e.g. strace's
 * bundled/linux/include/uapi, then /usr/include) that defines them. A name
 * no header defines keeps an empty value: strace's table still lists it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAMES_TSV } from '../linux/generate-names';

const NAME = /^[A-Za-z_]\w*$/;
const KEPT_DIRECTIVES = new Set(['if', 'elif', 'else', 'endif', 'ifdef', 'ifndef', 'define', 'undef', 'include']);

interface Row {
  table: string;
  name: string;
  value: bigint | null;
}

/** The C program's body for one xlat table. */
export function xlatToC(text: string, noValue: ReadonlySet<string> = new Set()): { body: string; names: string[]; valueTexts: Map<string, string> } {
  const valueTexts = new Map<string, string>();
  const out: string[] = [];
  const names: string[] = [];
  let inComment = false;
  for (const raw of text.split('\n')) {
    let line = raw;
    if (inComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      line = line.slice(end + 2);
      inComment = false;
    }
    line = line.replace(/\/\*.*?\*\//g, '');
    const open = line.indexOf('/*');
    if (open >= 0) {
      inComment = true;
      line = line.slice(0, open);
    }
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      const word = /^#\s*(\w*)/.exec(trimmed)?.[1] ?? '';
      if (KEPT_DIRECTIVES.has(word)) out.push(trimmed);
      continue;
    }
    const m = /^(\S+)(?:\s+(.+))?$/.exec(trimmed);
    if (m === null || trimmed.startsWith('{')) continue; // a C initializer (atomic_ops.in, not x86_64)
    if (!NAME.test(m[1])) {
      // Printed as an expression (`1<<CAP_CHOWN`, `FUTEX_WAIT|FUTEX_CLOCK_REALTIME`): keep the names in it.
      for (const part of m[1].match(/[A-Za-z_]\w*/g) ?? []) out.push(`U(${part})`), names.push(part);
      continue;
    }
    const [, name, value] = m;
    names.push(name);
    if (value !== undefined) valueTexts.set(name, value);
    if (noValue.has(name)) out.push(`U(${name})`);
    else if (value === undefined) out.push(`#ifdef ${name}`, `E(${name})`, '#else', `U(${name})`, '#endif');
    else out.push(`#ifndef ${name}`, `# define ${name} (${value})`, '#endif', `E(${name})`);
  }
  return { body: out.join('\n'), names, valueTexts };
}

const PRELUDE = `#define _GNU_SOURCE
#include <stdio.h>
#define E(n) printf("%s\\t%lld\\n", #n, (long long)(n));
#define U(n) printf("%s\\t\\n", #n);
`;

/** The system headers tried first: the ones strace's decoders mostly include. */
const SYSTEM_HEADERS = [
  'sys/types.h', 'fcntl.h', 'sys/mman.h', 'sys/socket.h', 'netinet/in.h', 'netinet/tcp.h', 'signal.h',
  'sys/resource.h', 'sys/wait.h', 'sched.h', 'time.h', 'sys/stat.h', 'poll.h', 'sys/epoll.h', 'sys/inotify.h',
  'sys/eventfd.h', 'sys/timerfd.h', 'sys/signalfd.h', 'sys/prctl.h', 'sys/mount.h', 'sys/xattr.h', 'sys/ipc.h',
  'sys/sem.h', 'sys/msg.h', 'sys/shm.h', 'unistd.h', 'sys/reboot.h', 'linux/reboot.h', 'sys/random.h',
  'sys/file.h', 'sys/quota.h', 'sys/personality.h', 'sys/timex.h', 'sys/uio.h', 'termios.h', 'linux/falloc.h',
  'linux/memfd.h', 'linux/close_range.h', 'linux/sched.h', 'linux/futex.h', 'linux/capability.h',
  'linux/netlink.h', 'linux/if_packet.h', 'linux/vm_sockets.h', 'asm/prctl.h', 'linux/ioprio.h',
];

/** Compile and run one program; its `name\tvalue` lines, or null when it does not build (`errors` gets gcc's). */
function run(dir: string, program: string, includeDirs: readonly string[], errors?: string[]): Map<string, bigint | null> | null {
  const c = join(dir, 'p.c');
  const exe = join(dir, 'p');
  writeFileSync(c, program);
  try {
    execFileSync('gcc', ['-w', ...includeDirs.flatMap((d) => ['-idirafter', d]), '-o', exe, c], { stdio: 'pipe' });
  } catch (e) {
    errors?.push(String((e as { stderr?: Buffer }).stderr ?? ''));
    return null;
  }
  const found = new Map<string, bigint | null>();
  for (const line of execFileSync(exe, { encoding: 'utf8' }).split('\n')) {
    if (line === '') continue;
    const [name, value] = line.split('\t');
    // The first printed wins, as in strace's own lookup of a value.
    if (!found.has(name)) found.set(name, value === '' ? null : BigInt(value));
  }
  return found;
}

/** A header (under the include folders) that defines `name` as a macro or an enum constant. */
function definingHeader(name: string, headers: ReadonlyMap<string, string>): string | undefined {
  const pattern = new RegExp(`(#\\s*define\\s+${name}\\b)|(^\\s*${name}\\s*(=|,|$))`, 'm');
  for (const [header, text] of headers) if (text.includes(name) && pattern.test(text)) return header;
  return undefined;
}

function readHeaders(roots: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const root of roots) {
    for (const sub of ['linux', 'asm', 'asm-generic', 'mtd', 'rdma', 'scsi', 'sound', 'video', 'misc', 'drm']) {
      let files: string[] = [];
      try {
        files = readdirSync(join(root, sub), { recursive: true }) as string[];
      } catch {
        continue;
      }
      for (const f of files) {
        if (!f.endsWith('.h')) continue;
        const key = `${sub}/${f}`;
        if (!headers.has(key)) headers.set(key, readFileSync(join(root, sub, f), 'utf8'));
      }
    }
  }
  return headers;
}

function xlatRows(xlatDir: string, uapiDirs: readonly string[], dir: string, log: (s: string) => void): Row[] {
  const rows: Row[] = [];
  const headers = readHeaders([...uapiDirs, '/usr/include']);
  const includes = SYSTEM_HEADERS.map((h) => `#include <${h}>`).join('\n');
  for (const file of readdirSync(xlatDir).filter((f) => f.endsWith('.in')).sort()) {
    const table = file.slice(0, -3);
    const text = readFileSync(join(xlatDir, file), 'utf8');
    // An entry whose value names a constant no header here defines
    // (FUTEX_ROBUST_UNLOCK) keeps the name without a value; the rest of the table still gets values.
    const noValue = new Set<string>();
    let values: Map<string, bigint | null> | null = null;
    for (let attempt = 0; attempt < 8 && values === null; attempt++) {
      const c = xlatToC(text, noValue);
      const errors: string[] = [];
      values = run(dir, `${PRELUDE}${includes}\nint main(void) {\n${c.body}\nreturn 0; }\n`, [], errors);
      if (values !== null) break;
      const undeclared = [...(errors[0] ?? '').matchAll(/[‘'](\w+)[’'] undeclared/g)].map((m) => m[1]);
      const before = noValue.size;
      for (const [name, value] of c.valueTexts) if (undeclared.some((u) => u === name || new RegExp(`\\b${u}\\b`).test(value))) noValue.add(name);
      if (noValue.size === before) break;
    }
    values ??= run(dir, `${PRELUDE}\nint main(void) {\n${xlatToC(text).body.replace(/^E\(/gm, 'U(')}\nreturn 0; }\n`, []);
    if (values === null) throw new Error(`${file}: its #if blocks do not preprocess`);
    // Names left without a value: try the kernel header that defines each.
    const byHeader = new Map<string, string[]>();
    for (const [name, value] of values) {
      if (value !== null) continue;
      const header = definingHeader(name, headers);
      if (header === undefined) continue;
      byHeader.set(header, [...(byHeader.get(header) ?? []), name]);
    }
    for (const [header, names] of byHeader) {
      const body = names.map((n) => `E(${n})`).join('\n');
      const more = run(dir, `${PRELUDE}#include <linux/types.h>\n#include <${header}>\nint main(void) {\n${body}\nreturn 0; }\n`, uapiDirs);
      if (more === null) {
        log(`${file}: <${header}> does not build alone; no value for ${names.join(' ')}`);
        continue;
      }
      for (const [n, v] of more) values.set(n, v);
    }
    // The cpp dropped the entries of other architectures; keep table order.
    for (const [name, value] of values) rows.push({ table, name, value });
  }
  return rows;
}

const IOC_DIR: Record<string, bigint> = { '0': 0n, _IOC_NONE: 0n, _IOC_WRITE: 1n, _IOC_READ: 2n, '_IOC_READ|_IOC_WRITE': 3n };

/** `{ "file.h", "NAME", dir, 0xTTNN, size },` → NAME and _IOC(dir, type, nr, size) (x86_64's layout). */
export function ioctlRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const m of text.matchAll(/\{\s*"[^"]*",\s*"(\w+)",\s*([\w|]+),\s*(0x[0-9a-fA-F]+),\s*(0x[0-9a-fA-F]+|\d+)\s*\}/g)) {
    const dir = IOC_DIR[m[2]];
    if (dir === undefined) throw new Error(`ioctl ${m[1]}: unknown direction ${m[2]}`);
    rows.push({ table: 'ioctl_codes', name: m[1], value: (dir << 30n) | (BigInt(m[4]) << 16n) | BigInt(m[3]) });
  }
  return rows;
}

/** `"SIGHUP", /* 1 *\/` lines; "0" is not a name. */
export function signalRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const m of text.matchAll(/^\s*"(\w+)",\s*\/\*\s*(\d+)\s*\*\//gm)) {
    if (NAME.test(m[1])) rows.push({ table: 'signals', name: m[1], value: BigInt(m[2]) });
  }
  return rows;
}

export function renderTsv(rows: readonly Row[], provenance: readonly string[]): string {
  return [
    ...provenance.map((l) => `# ${l}`.trimEnd()),
    ...rows.map((r) => `${r.table}\t${r.name}\t${r.value === null ? '' : r.value.toString()}`),
    '',
  ].join('\n');
}

if (require.main === module) {
  const [tables, ...uapiDirs] = process.argv.slice(2);
  if (tables === undefined) {
    process.stderr.write('usage: extract-strace-names <strace-tables> [<kernel-uapi-include>...]\n');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'strace-names-'));
  try {
    const log = (s: string) => process.stderr.write(`${s}\n`);
    const rows = [
      ...xlatRows(join(tables, 'xlat'), uapiDirs, dir, log),
      ...ioctlRows(readFileSync(join(tables, 'linux', '64_ioctls_inc.h'), 'utf8')),
      ...ioctlRows(readFileSync(join(tables, 'linux', 'x86_64_ioctls_arch0.h'), 'utf8')),
      ...signalRows(readFileSync(join(tables, 'linux', 'generic_signalent.h'), 'utf8')),
    ];
    const provenance = readFileSync(NAMES_TSV, 'utf8').split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\s?/, ''));
    writeFileSync(NAMES_TSV, renderTsv(rows, provenance));
    log(`wrote ${NAMES_TSV}: ${rows.length} names, ${rows.filter((r) => r.value === null).length} without a value`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
