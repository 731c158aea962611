/**
 * The real rule set: the Asterinas module compiles, loads ALONE (copied into
 * an empty folder, plain `node`, nothing to require) and classifies known
 * calls right; and in-process it agrees with the interpreter on every call
 * of every test strace log.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../compiler/index';
import { emitModule } from '../../../compiler/emit/index';
import type { IR } from '../../../runtime/ir';
import { StraceReader } from '../../../runtime/reader/index';
import type { CallRecord } from '../../../runtime/record';
import { createInterpreter } from '../../../runtime/interpret';
import { Differential } from './harness';
import { ABI_VERSION } from '../../../runtime/abi';

import { ASTERINAS_RULES as ASTERINAS, FIXTURE_LOGS as LOGS } from '../../fixtures/paths';

function scmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? scmlFiles(path.join(dir, e.name)) : e.name.endsWith('.scml') ? [path.join(dir, e.name)] : []));
}

const files = scmlFiles(ASTERINAS).map((f) => path.relative(ASTERINAS, f).split(path.sep).join('/')).sort();
const { ir: maybeIr } = analyze(files.map((p) => ({ path: p, bytes: fs.readFileSync(path.join(ASTERINAS, p)) })));
const ir = maybeIr as IR;
const js = emitModule(ir, { format: 'js' });

test('the rule set compiles', () => {
  expect(ir).not.toBeNull();
  expect(ir.sources).toHaveLength(75);
  expect(ir.rules.length).toBeGreaterThan(250);
});

/** Known calls (args as the reader's values) and what the rules say about them. */
const PROBES = [
  { what: 'openat O_RDONLY|O_CLOEXEC', name: 'openat', args: [{ kind: 'flags', parts: ['AT_FDCWD'] }, { kind: 'str', text: '/etc/ld.so.cache' }, { kind: 'flags', parts: ['O_RDONLY', 'O_CLOEXEC'] }], file: 'file-and-directory-operations/open_and_openat.scml' },
  { what: 'openat O_CREAT with mode', name: 'openat', args: [{ kind: 'int', text: '3', path: '/tmp' }, { kind: 'str', text: 'x' }, { kind: 'flags', parts: ['O_WRONLY', 'O_CREAT', 'O_TRUNC'] }, { kind: 'int', text: '0666' }], file: 'file-and-directory-operations/open_and_openat.scml' },
  { what: 'openat with an unknown flag', name: 'openat', args: [{ kind: 'flags', parts: ['AT_FDCWD'] }, { kind: 'str', text: 'x' }, { kind: 'flags', parts: ['O_RDONLY', 'O_BOGUS'] }], file: null },
  { what: 'mmap private anonymous', name: 'mmap', args: [{ kind: 'flags', parts: ['NULL'] }, { kind: 'int', text: '8192' }, { kind: 'flags', parts: ['PROT_READ', 'PROT_WRITE'] }, { kind: 'flags', parts: ['MAP_PRIVATE', 'MAP_ANONYMOUS'] }, { kind: 'int', text: '-1' }, { kind: 'int', text: '0' }], file: 'memory-management/mmap_and_munmap.scml' },
  { what: 'mmap with a protection it lacks', name: 'mmap', args: [{ kind: 'flags', parts: ['NULL'] }, { kind: 'int', text: '8192' }, { kind: 'flags', parts: ['PROT_READ', 'PROT_SEM'] }, { kind: 'flags', parts: ['MAP_PRIVATE'] }, { kind: 'int', text: '-1' }, { kind: 'int', text: '0' }], file: null },
  { what: 'read', name: 'read', args: [{ kind: 'int', text: '3', path: '/etc/passwd' }, { kind: 'str', text: 'root' }, { kind: 'int', text: '832' }], file: 'file-and-directory-operations/fully_covered.scml' },
  { what: 'read with too few arguments', name: 'read', args: [{ kind: 'int', text: '3' }], file: null },
  { what: 'a syscall with no rule', name: 'frobnicate', args: [], file: null },
];

test('the module, copied alone into an empty folder, loads with plain node and classifies known calls', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-alone-'));
  try {
    fs.writeFileSync(path.join(dir, 'matcher.js'), js);
    const script = `
      const m = require('./matcher.js');
      const probes = JSON.parse(process.argv[1]);
      const out = probes.map((p) => {
        const id = m.match({ name: p.name, argCount: () => p.args.length, arg: (i) => p.args[i] });
        return { id, file: id < 0 ? null : m.rules[id].file, has: m.hasRules(p.name) };
      });
      console.log(JSON.stringify({ abi: m.abi, compiler: m.compiler, rules: m.rules.length, out }));`;
    const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(PROBES)], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const result = JSON.parse(stdout) as { abi: number; rules: number; out: { id: number; file: string | null; has: boolean }[] };
    expect(result.abi).toBe(ABI_VERSION);
    expect(result.rules).toBe(ir.rules.length);
    expect(result.out.map((o) => o.file)).toEqual(PROBES.map((p) => p.file));
    expect(result.out.map((o) => o.has)).toEqual(PROBES.map((p) => p.name !== 'frobnicate'));
    // Same answers as the interpreter.
    const interpreter = createInterpreter(ir);
    expect(result.out.map((o) => o.id)).toEqual(
      PROBES.map((p) => interpreter.match({ name: p.name, argCount: () => p.args.length, arg: (i) => p.args[i] as never })),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('module and interpreter agree on every call of every test strace log', () => {
  const diff = new Differential(ir, js);
  const logs = fs.readdirSync(LOGS).filter((f) => f.endsWith('.log')).sort();
  expect(logs.length).toBeGreaterThan(5);
  let calls = 0;
  let supported = 0;
  for (const log of logs) {
    const reader = new StraceReader({
      call(record: CallRecord) {
        calls++;
        if (diff.match(record) >= 0) supported++;
      },
      unreadable() {},
      notice() {},
    });
    reader.push(fs.readFileSync(path.join(LOGS, log)));
    reader.end();
  }
  expect(calls).toBeGreaterThan(10000);
  // Most calls of ordinary programs are supported, but not all.
  expect(supported / calls).toBeGreaterThan(0.5);
  expect(supported).toBeLessThan(calls);
});
