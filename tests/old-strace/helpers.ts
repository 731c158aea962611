/** Shared by the old-strace tests: the Asterinas rules compiled, and a log's call records. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../compiler/index';
import type { IR } from '../../runtime/ir';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord } from '../../runtime/record';
import { ASTERINAS_RULES } from '../fixtures/paths';

function scmlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? scmlFiles(path.join(dir, e.name)) : e.name.endsWith('.scml') ? [path.join(dir, e.name)] : []));
}

/** The IR of the shipped Asterinas rules. */
export function asterinasIr(): IR {
  return analyze(scmlFiles(ASTERINAS_RULES).sort().map((p) => ({ path: p, bytes: fs.readFileSync(p) }))).ir as IR;
}

/** The call records of a log (latin1 text or bytes), calls never finished included, as sctrace reads by default. */
export function callsOf(log: string | Buffer): CallRecord[] {
  const out: CallRecord[] = [];
  const reader = new StraceReader({ call: (r) => out.push(r), unreadable() {}, notice() {} }, { incomplete: true });
  reader.push(typeof log === 'string' ? Buffer.from(log, 'latin1') : log);
  reader.end();
  return out;
}
