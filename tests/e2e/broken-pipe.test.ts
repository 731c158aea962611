/**
 * When nobody reads sctrace's output any more (`sctrace ... | head`), an
 * offline run stops reading the log and exits with 141 (128 + SIGPIPE), as
 * a filter killed by SIGPIPE would. Which stream counts: stderr with
 * --quiet, stdout otherwise. The log is a real one repeated to ~60 MB; how
 * far sctrace read is measured by what it did say (unsupported lines on the
 * stream still read) or by how much of its stdin it took, never by time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { FdSink } from '../../runtime/output/fd-sink';
import { ASTERINAS, LOGS, SCTRACE, lines, sctrace, useScratch } from './helpers';

const COPIES = 64;
/** Far more than sctrace can run ahead of a reader: one 1 MiB chunk plus pipe and sink buffers. */
const EARLY = 1 / 10;

const scratch = useScratch();
let bigLog: string;
/** Lines a full run of the big log writes: supported (stdout) and unsupported (stderr). */
let full: { supported: number; unsupported: number };

beforeAll(() => {
  const one = path.join(LOGS, 'git.log');
  bigLog = path.join(scratch.dir, 'big.log');
  writeFileSync(bigLog, Buffer.concat(Array<Buffer>(COPIES).fill(readFileSync(one))));
  const r = sctrace([ASTERINAS, '--input', one], { env: scratch.env });
  expect(r.status).toBe(0);
  full = { supported: COPIES * lines(r.out).length, unsupported: COPIES * lines(r.err).length };
  expect(full.unsupported).toBeGreaterThan(0);
});

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** All of the stream that was not closed. */
  kept: string;
  /** Bytes of the log sctrace took on its stdin (when fed through it). */
  fed: number;
}

/**
 * Run sctrace with stdout and stderr as pipes; close the `close` one after
 * its first chunk (like `head -c`) and read the other to its end. With
 * `stdin`, feed that file through a pipe, counting the bytes sctrace took.
 */
function runClosing(args: string[], close: 'stdout' | 'stderr', stdin?: string): Promise<Outcome> {
  const child = spawn(process.execPath, [SCTRACE, ...args], { env: scratch.env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const closing: Readable = child[close]!;
  const keeping: Readable = (close === 'stdout' ? child.stderr : child.stdout)!;
  closing.once('data', () => closing.destroy());
  const kept: Buffer[] = [];
  keeping.on('data', (chunk: Buffer) => kept.push(chunk));
  let fed = 0;
  if (stdin !== undefined) void feed(child.stdin!, stdin, (n) => (fed += n));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, kept: Buffer.concat(kept).toString('latin1'), fed }));
  });
}

/** Write `file` in 1 MiB pieces, each only after the last was taken; stops at the first error (EPIPE). */
async function feed(stream: NodeJS.WritableStream, file: string, taken: (n: number) => void): Promise<void> {
  const bytes = readFileSync(file);
  stream.on('error', () => {});
  for (let off = 0; off < bytes.length; off += 1 << 20) {
    const piece = bytes.subarray(off, off + (1 << 20));
    const ok = await new Promise<boolean>((done) => stream.write(piece, (err) => done(!err)));
    if (!ok) return;
    taken(piece.length);
  }
  stream.end();
}

const unsupportedLines = (text: string): number => lines(text).filter((l) => l.endsWith(' (unsupported)')).length;

test('stdout closed after its first chunk: exit 141, most of the log file left unread, nothing more reported', async () => {
  const r = await runClosing([ASTERINAS, '--summary', '--input', bigLog, '--input', bigLog], 'stdout');
  expect(r).toMatchObject({ status: 141, signal: null });
  const said = unsupportedLines(r.kept);
  expect(said).toBeGreaterThan(0);
  expect(said).toBeLessThan(2 * full.unsupported * EARLY); // two logs given
  expect(r.kept).not.toMatch(/^sctrace:/m); // no summary, no internal error
  expect(r.kept).not.toContain('Totals:');
});

test('stdout closed, log on stdin: exit 141 and sctrace stops taking its input', async () => {
  const r = await runClosing([ASTERINAS, '--input', '-'], 'stdout', bigLog);
  expect(r).toMatchObject({ status: 141, signal: null });
  expect(r.fed).toBeLessThan(statSync(bigLog).size * EARLY);
  expect(unsupportedLines(r.kept)).toBeLessThan(full.unsupported * EARLY);
});

test('--format jsonl: its records are on stdout, so closing stdout stops the run', async () => {
  const r = await runClosing([ASTERINAS, '--format', 'jsonl', '--input', '-'], 'stdout', bigLog);
  expect(r).toMatchObject({ status: 141, signal: null });
  expect(r.fed).toBeLessThan(statSync(bigLog).size * EARLY);
});

test('--quiet prints only to stderr, so closing stderr stops the run', async () => {
  const r = await runClosing([ASTERINAS, '--quiet', '--input', '-'], 'stderr', bigLog);
  expect(r).toMatchObject({ status: 141, signal: null, kept: '' });
  expect(r.fed).toBeLessThan(statSync(bigLog).size * EARLY);
});

test.each([
  [[], 0],
  [['--fail-on-unsupported'], 3],
])('default mode, only stderr closed: stdout is still read, so the run goes to the end (%j)', async (extra, status) => {
  const r = await runClosing([ASTERINAS, ...extra, '--input', bigLog], 'stderr');
  expect(r).toMatchObject({ status, signal: null });
  expect(lines(r.kept).length).toBe(full.supported);
});

describe('FdSink', () => {
  /** A FIFO whose reader is gone: writes to `fd` fail with EPIPE. */
  function readerlessPipe(): number {
    const fifo = path.join(scratch.dir, 'fifo');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.error?.message ?? String(made.stderr)}`);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    closeSync(reader);
    return fd;
  }

  test('closed and closedSignal tell when the reader went away; later output is dropped quietly', () => {
    const fd = readerlessPipe();
    try {
      const sink = new FdSink(fd, false);
      let told = 0;
      sink.closedSignal.addEventListener('abort', () => told++);
      sink.write('buffered, not yet written\n');
      expect(sink.closed).toBe(false);
      sink.flush();
      expect(sink.closed).toBe(true);
      expect(told).toBe(1);
      sink.write('x'.repeat(1 << 17));
      sink.flush();
      expect(told).toBe(1);
    } finally {
      closeSync(fd);
    }
  });
});

test('stdout is a TCP connection that the peer resets (ECONNRESET, not EPIPE): also exit 141', async () => {
  const server = net.createServer((peer) => peer.once('data', () => peer.resetAndDestroy()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((done) => socket.once('connect', done));
  socket.pause(); // our copy must not read, or it would take the reset itself
  try {
    const child = spawn(process.execPath, [SCTRACE, ASTERINAS, '--input', bigLog], { env: scratch.env, stdio: ['ignore', socket, 'pipe'] });
    const err: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    const status = await new Promise<number | null>((done) => child.on('close', done));
    const said = Buffer.concat(err).toString('latin1');
    expect(said).not.toMatch(/^sctrace:/m);
    expect(status).toBe(141);
    expect(unsupportedLines(said)).toBeLessThan(full.unsupported * EARLY);
  } finally {
    socket.destroy();
    server.close();
  }
});
