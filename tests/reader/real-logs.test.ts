/**
 * Every real log in tests/fixtures/logs reads with no unreadable line, and
 * rewriting a log the way other strace options would print it (timestamps,
 * -T, `[pid N]`, CRLF) changes no record.
 */
import * as fs from 'fs';
import * as path from 'path';
import { read, allLogs, LOGS, expectSameList, type Snapshot } from './helpers';
import { pidFromFfSuffix, readFileSync, readStream } from '../../runtime/reader/index';

const logs = allLogs();

/** What must not change under a rewrite: name, pid, argument values, result. */
const essence = (calls: Snapshot[]) => calls.map((c) => ({ name: c.name, pid: c.pid, args: c.args, result: c.result, line: c.line, endLine: c.endLine }));

describe('real logs', () => {
  test('the log folder is there', () => {
    expect(logs.length).toBeGreaterThanOrEqual(20);
  });

  test.each(logs.map((p) => [path.relative(LOGS, p), p]))('%s reads with zero unreadable lines', (_name, file) => {
    const pid = pidFromFfSuffix(file);
    const r = read(fs.readFileSync(file), pid === null ? undefined : { pid });
    expect(r.problems).toEqual([]);
    expect(r.stats.unreadable).toBe(0);
    expect(r.stats.calls).toBeGreaterThan(0);
    // Every line is accounted for: a call line, part of a joined call, or skipped.
    const joinedExtra = r.calls.reduce((n, c) => n + (c.endLine - c.line > 0 ? 1 : 0), 0);
    expect(r.stats.calls + joinedExtra + r.stats.skipped).toBeLessThanOrEqual(r.stats.lines);
    // Values: only the documented oddities are `other` (signal masks, wait status, -X raw's `|0x900`).
    const odd: string[] = [];
    for (const c of r.calls) {
      for (const a of c.args) {
        if (a.kind !== 'other') continue;
        if (a.text === '' ? c.name !== 'clone' : !/^~\[|WIFEXITED|WIFSIGNALED|^\|0x|^<\.\.\. resuming/.test(a.text)) odd.push(`${c.line}: ${a.text}`);
      }
    }
    expect(odd).toEqual([]);
  });

  test('text of single-line calls is the line as printed', () => {
    const file = path.join(LOGS, 'cat.log');
    const lines = fs.readFileSync(file, 'latin1').split('\n');
    for (const c of read(fs.readFileSync(file)).calls) {
      if (c.line === c.endLine) expect(c.text).toBe(lines[c.line - 1]);
    }
  });

  test('-X raw is noticed once, only on the raw log', () => {
    for (const file of logs) {
      const r = read(fs.readFileSync(file), undefined, undefined, false);
      expect(r.notices).toHaveLength(file.endsWith('Xraw.log') ? 1 : 0);
    }
  });

  test('-ff files: pid from the name; the per-pid files hold as many calls as the -f log of the same run', () => {
    expect(pidFromFfSuffix('app.log.1234')).toBe(1234);
    expect(pidFromFfSuffix(path.join('a', 'b.log'))).toBeNull();
    expect(pidFromFfSuffix('x.12.y')).toBeNull();
    const dir = path.join(LOGS, 'variants', 'ff_subprocess');
    for (const f of fs.readdirSync(dir)) {
      const pid = pidFromFfSuffix(f);
      expect(pid).not.toBeNull();
      const r = read(fs.readFileSync(path.join(dir, f)), { pid: pid! });
      expect(new Set(r.calls.map((c) => c.pid))).toEqual(new Set([pid]));
    }
  });

  test('readFileSync and readStream agree with push()', async () => {
    const file = path.join(LOGS, 'node_workers.log');
    const pushed = read(fs.readFileSync(file));
    const viaFile: Snapshot[] = [];
    const sink = { call: (r: never) => viaFile.push(r), unreadable: () => {}, notice: () => {} };
    const s1 = readFileSync(file, sink as never);
    const viaStream: Snapshot[] = [];
    const s2 = await readStream(fs.createReadStream(file, { highWaterMark: 4096 }),
      { call: (r) => viaStream.push(r as never), unreadable: () => {}, notice: () => {} });
    expect(s1).toEqual(pushed.stats);
    expect(s2).toEqual(pushed.stats);
    expect(viaFile.map((r) => r.text)).toEqual(pushed.calls.map((c) => c.text));
    expect(viaStream.map((r) => r.text)).toEqual(pushed.calls.map((c) => c.text));
  });
});

describe('metamorphic: other strace options print the same calls', () => {
  const base = fs.readFileSync(path.join(LOGS, 'python3_subprocess.log'), 'latin1');
  const want = essence(read(base).calls);
  const lines = base.split('\n');
  const rewrite = (f: (line: string, i: number) => string) => lines.map((l, i) => (l === '' ? l : f(l, i))).join('\n');
  const pidSplit = (l: string): [string, string] => {
    const m = /^(\d+) (.*)$/.exec(l);
    return m === null ? ['', l] : [m[1], m[2]];
  };

  test('the base log has calls and joins', () => {
    expect(want.length).toBeGreaterThan(1000);
    expect(want.some((c) => c.endLine > c.line)).toBe(true);
  });

  test.each([
    ['-tt', (l: string, i: number) => { const [p, rest] = pidSplit(l); return `${p} 15:27:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')} ${rest}`; }],
    ['-ttt', (l: string, i: number) => { const [p, rest] = pidSplit(l); return `${p} ${1795706834 + i}.043914 ${rest}`; }],
    ['-t', (l: string) => { const [p, rest] = pidSplit(l); return `${p} 15:27:13 ${rest}`; }],
    ['-r', (l: string) => { const [p, rest] = pidSplit(l); return `${p}      0.000123 ${rest}`; }],
    ['-T', (l: string) => (/\) += /.test(l) && !l.endsWith('+++') && !l.endsWith('---') ? `${l} <0.000012>` : l)],
    ['[pid N]', (l: string) => { const [p, rest] = pidSplit(l); return `[pid ${p.padStart(6)}] ${rest}`; }],
    ['-n', (l: string, i: number) => { const [p, rest] = pidSplit(l); return /^[a-z_0-9]+\(/.test(rest) ? `${p} [${String(i % 400).padStart(4)}] ${rest}` : l; }],
    ['CRLF', (l: string) => `${l}\r`],
    ['colour', (l: string) => { const [p, rest] = pidSplit(l); return `\x1b[35m${p}\x1b[0m ${rest.replace(/^([a-z_0-9]+)\(/, '\x1b[1m$1\x1b[0m(')}`; }],
  ])('%s', (_what, f) => {
    const r = read(rewrite(f));
    expect(r.problems).toEqual([]);
    expectSameList(essence(r.calls), want);
  });
});
