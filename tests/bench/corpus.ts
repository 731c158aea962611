/**
 * The benchmark corpus: the real strace logs of tests/fixtures/logs concatenated
 * until the file reaches the wanted size, cached under os.tmpdir().
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Repo root: this file runs from dist/tests/bench (or tests/bench under ts-node/jest). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const LOGS_DIR = path.join(repoRoot(), 'tests', 'fixtures', 'logs');

/** Every log file under dir (recursive), sorted for a stable corpus. */
export function listLogs(dir: string = LOGS_DIR): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listLogs(p));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

export interface Corpus {
  path: string;
  bytes: number;
  lines: number;
}

/** Build (or reuse) a corpus of at least minBytes from `logs` (default: every test log); `tag` names its file. */
export function buildCorpus(minBytes: number, logs: string[] = listLogs(), tag = 'corpus'): Corpus {
  const parts = logs.map((p) => {
    const b = fs.readFileSync(p);
    // Each log ends with a newline so concatenation never joins two lines.
    return b.length > 0 && b[b.length - 1] !== 10 ? Buffer.concat([b, Buffer.from('\n')]) : b;
  });
  const once = parts.reduce((n, b) => n + b.length, 0);
  if (once === 0) throw new Error(`no logs under ${LOGS_DIR}`);
  const copies = Math.ceil(minBytes / once);
  const bytes = copies * once;
  const file = path.join(os.tmpdir(), `sctrace-bench-${tag}-${bytes}.log`);
  if (!fs.existsSync(file) || fs.statSync(file).size !== bytes) {
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      for (let i = 0; i < copies; i++) for (const b of parts) fs.writeSync(fd, b);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
  const linesOnce = parts.reduce((n, b) => n + countLines(b), 0);
  return { path: file, bytes, lines: linesOnce * copies };
}

function countLines(b: Buffer): number {
  let n = 0;
  for (let p = b.indexOf(10); p !== -1; p = b.indexOf(10, p + 1)) n++;
  return n;
}
