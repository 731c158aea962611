/**
 * Every test strace log, checked with the Asterinas rules by the built CLI
 * (`--quiet`, compiled module), must give exactly the verdicts that an
 * independent path gives: the compiler's IR read by the IR interpreter, over
 * the reader's records, in the same order.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, discoverScml } from '../../compiler/index';
import { createInterpreter } from '../../runtime/interpret';
import { matchKernelCall } from '../../runtime/match/kernel-call';
import type { CallView } from '../../runtime/abi';
import { StraceReader, pidFromFfSuffix } from '../../runtime/reader/index';
import type { ReaderSink } from '../../runtime/record';
import { ASTERINAS, LOGS, lines, sctrace, tempDir, testEnv } from './helpers';

function logsUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? logsUnder(full) : [full];
    });
}

/** What `sctrace --quiet` should print on stderr for these logs, computed without the CLI. */
function expectedQuietStderr(logs: string[], asPrinted: boolean): string[] {
  const found = discoverScml([ASTERINAS]);
  const { ir, diagnostics } = analyze(found.files.map((p) => ({ path: p, bytes: readFileSync(p) })));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (ir === null) throw new Error('no IR');
  const interpreter = createInterpreter(ir);
  // By default a call is judged as the kernel saw it (runtime/match/kernel-call.ts: -X raw numbers, old shapes, 32-bit names).
  const match = asPrinted ? interpreter.matchAsPrinted : (c: CallView) => matchKernelCall(interpreter.match, c);
  const out: string[] = [];
  const sink: ReaderSink = {
    call(record) {
      if (match(record) < 0) out.push('Unsupported syscall: ' + record.text);
    },
    unreadable(problem) {
      out.push('Strace Parse Error: ' + problem.text);
    },
    notice(message) {
      out.push('sctrace: note: ' + message);
    },
  };
  for (const log of logs) {
    const pid = pidFromFfSuffix(log);
    const reader = new StraceReader(sink, pid === null ? {} : { pid });
    reader.push(readFileSync(log));
    reader.end();
  }
  return out;
}

test.each([
  ['what the kernel received (default)', false],
  ['--as-printed', true],
])('CLI verdicts on every test log equal the IR interpreter on the reader records: %s', (_mode, asPrinted) => {
  const logs = logsUnder(LOGS);
  expect(logs.length).toBeGreaterThanOrEqual(20);
  const tmp = tempDir();
  try {
    const mode = asPrinted ? ['--as-printed'] : [];
    const r = sctrace([ASTERINAS, '--quiet', ...mode, ...logs.flatMap((l) => ['--input', l])], { env: testEnv(tmp.dir) });
    expect(r.status).toBe(0);
    expect(r.out).toBe('');
    const expected = expectedQuietStderr(logs, asPrinted);
    const actual = lines(r.err);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    // The Asterinas rules do not cover everything these programs do.
    expect(actual.filter((l) => l.startsWith('Unsupported syscall: ')).length).toBeGreaterThan(10);
  } finally {
    tmp.cleanup();
  }
});
