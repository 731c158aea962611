/**
 * Running the built sctrace (or scmlc) under measurement: its peak RSS as the kernel
 * counted it (getrusage's ru_maxrss, written by a preload at exit, worker
 * threads included), with stdin fed from a generator so that big inputs are
 * streamed, never stored.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SCTRACE, testEnv } from '../e2e/helpers';

export interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the process, in MB. */
  peakMb: number;
  /** sha256 of all of stdout and of all of stderr (`stdout`/`stderr` keep only their first MiB). */
  stdoutSha256: string;
  stderrSha256: string;
}

/** Output kept from each stream: enough to check messages, bounded whatever the run prints. */
const KEEP = 1 << 20;

const PRELOAD = `process.on('exit', () => require('fs').writeFileSync(process.env.SCTRACE_TEST_RSS, String(process.resourceUsage().maxRSS)));\n`;

/** Run sctrace (or `command`, a built CLI) with `args`; `feed`, when given, writes stdin (awaiting each write's drain). */
export async function measure(
  args: string[],
  feed?: (write: (chunk: Buffer) => Promise<void>) => Promise<void>,
  env: NodeJS.ProcessEnv = {},
  command: string = SCTRACE,
): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sctrace-rss-'));
  try {
    const preload = path.join(dir, 'rss.js');
    writeFileSync(preload, PRELOAD);
    const rssFile = path.join(dir, 'rss');
    const child = spawn(process.execPath, ['-r', preload, command, ...args], {
      env: testEnv(path.join(dir, 'cache'), { ...env, SCTRACE_TEST_RSS: rssFile }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const keep = (stream: NodeJS.ReadableStream): Promise<{ text: string; sha256: string }> =>
      new Promise((resolve) => {
        let text = '';
        const hash = createHash('sha256');
        stream.on('data', (b: Buffer) => {
          hash.update(b);
          if (text.length < KEEP) text += b.toString('latin1');
        });
        stream.on('end', () => resolve({ text, sha256: hash.digest('hex') }));
      });
    const out = keep(child.stdout);
    const err = keep(child.stderr);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdin.on('error', () => {}); // sctrace may stop reading early
    if (feed !== undefined) {
      await feed(
        (chunk) =>
          new Promise((resolve) => {
            if (child.stdin.destroyed || !child.stdin.write(chunk)) {
              if (child.stdin.destroyed) resolve();
              else child.stdin.once('drain', () => resolve());
            } else resolve();
          }),
      );
    }
    child.stdin.end();
    const status = await exited;
    const peakKb = Number(readFileSync(rssFile, 'utf8'));
    const [o, e] = [await out, await err];
    return { status, stdout: o.text, stderr: e.text, peakMb: peakKb / 1024, stdoutSha256: o.sha256, stderrSha256: e.sha256 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `total` bytes of `byte`, written in 1 MiB chunks. */
export async function writeRepeated(write: (chunk: Buffer) => Promise<void>, byte: number, total: number): Promise<void> {
  const chunk = Buffer.alloc(1 << 20, byte);
  for (let left = total; left > 0; left -= chunk.length) await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
}
