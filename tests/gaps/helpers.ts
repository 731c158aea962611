/** Test helpers for tests/gaps: compile SCML text, hand-built values and calls. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../compiler/analyze';
import type { Value } from '../../runtime/abi';
import type { IR } from '../../runtime/ir';
import { StraceReader } from '../../runtime/reader';
import type { CallRecord } from '../../runtime/record';

export { ASTERINAS_RULES as ASTERINAS, FIXTURE_LOGS as LOGS } from '../fixtures/paths';
import { ASTERINAS_RULES as ASTERINAS, FIXTURE_LOGS as LOGS } from '../fixtures/paths';
export const REPO = path.join(__dirname, '..', '..');

/** Compile SCML files given as [path, text]; throws with the diagnostics on error. */
export function compile(files: [string, string][]): IR {
  const result = analyze(files.map(([p, text]) => ({ path: p, bytes: Buffer.from(text, 'utf8') })));
  if (result.ir === null) {
    throw new Error(result.diagnostics.map((d) => JSON.stringify(d)).join('\n'));
  }
  return result.ir;
}

/** Compile Asterinas rule files, named by their path inside the rule set. */
export function asterinas(...relative: string[]): IR {
  return compile(relative.map((r) => [r, fs.readFileSync(path.join(ASTERINAS, r), 'utf8')]));
}

export const int = (text: string, fdPath?: string): Value =>
  fdPath === undefined ? { kind: 'int', text } : { kind: 'int', text, path: fdPath };
export const flags = (...parts: string[]): Value => ({ kind: 'flags', parts });
export const NULL: Value = { kind: 'flags', parts: ['NULL'] };
export const str = (text: string): Value => ({ kind: 'str', text });
export const struct = (fields: [string | null, Value][], elided = false): Value => ({
  kind: 'struct',
  fields: fields.map(([name, value]) => ({ name, value })),
  elided,
});
export const arr = (...items: Value[]): Value => ({ kind: 'array', items });
export const other = (text: string): Value => ({ kind: 'other', text });

let nextLine = 1;

/** A call record with literal values; `text` defaults to a plausible line. */
export function call(name: string, args: Value[], text?: string, line?: number): CallRecord {
  const at = line ?? nextLine++;
  return {
    name,
    pid: 1000,
    text: text ?? `1000 ${name}(...) = 0`,
    line: at,
    endLine: at,
    result: '0',
    argCount: () => args.length,
    arg: (i: number) => args[i],
  };
}

/** Every .scml file of the Asterinas rule set, as [path inside the set, text], sorted. */
export function asterinasFiles(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of fs.readdirSync(ASTERINAS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(ASTERINAS, dir.name))) {
      if (file.endsWith('.scml')) {
        const rel = `${dir.name}/${file}`;
        out.push([rel, fs.readFileSync(path.join(ASTERINAS, rel), 'utf8')]);
      }
    }
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The strace logs beside the checkout (top level and variants/, not the -ff folder). */
export function logFiles(): string[] {
  const top = fs.readdirSync(LOGS).filter((f) => f.endsWith('.log')).map((f) => path.join(LOGS, f));
  const variants = path.join(LOGS, 'variants');
  const more = fs.existsSync(variants)
    ? fs.readdirSync(variants).filter((f) => f.endsWith('.log')).map((f) => path.join(variants, f))
    : [];
  return [...top, ...more].sort();
}

/** The call record the real reader makes of one strace line (latin1 text). */
export function parseCall(text: string): CallRecord {
  const records: CallRecord[] = [];
  const reader = new StraceReader({ call: (r) => records.push(r), unreadable: (p) => { throw new Error(p.message); }, notice() {} });
  reader.push(Buffer.from(`${text}\n`, 'latin1'));
  reader.end();
  if (records.length !== 1) throw new Error(`expected one call from: ${text}`);
  return records[0];
}
