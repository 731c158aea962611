/**
 * Nothing is left running: a run that exceeds --timeout is killed with its
 * process group (and judged fatal), and Ctrl-C stops the probe with status
 * 130 after killing the run going. Needs strace and python3 (CI installs both).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonDocument } from '../../runtime/report/json-document';
import { SCTRACE, sctrace, useScratch } from '../e2e/helpers';
import { PROGRAMS, PYTHON, writeTestRules } from './helpers';

const scratch = useScratch();
const PROGRAM = path.join(PROGRAMS, 'hangs-on-einval.py');

function rules(): string {
  const file = path.join(scratch.dir, 'rules.scml');
  writeTestRules(file);
  return file;
}

/** Processes whose command line has `marker`. */
function leftOver(marker: string): string[] {
  return spawnSync('ps', ['-eo', 'pid,args']).stdout.toString().split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

test('--timeout: the rerun that hangs is killed and judged fatal; nothing is left running', () => {
  const marker = `timeout-${process.pid}`;
  const cwd = mkdtempSync(path.join(scratch.dir, 'run-'));
  const r = sctrace(['probe', rules(), '--timeout', '5', '--format', 'json', '--label', marker, '--', PYTHON, PROGRAM], { env: scratch.env, cwd });
  expect(r.status).toBe(0);
  const doc = JSON.parse(r.stdout.toString('utf8')) as JsonDocument;
  const nonblock = doc.probe?.results.find((x) => x.gap === 'eventfd2:flag-not-allowed:flags:EFD_NONBLOCK');
  expect(nonblock).toMatchObject({ verdict: 'fatal', difference: 'timed out', status: 137 });
  expect(leftOver(PROGRAM)).toEqual([]);
});

test('Ctrl-C: the run going is killed, the probe stops with status 130', async () => {
  const cwd = mkdtempSync(path.join(scratch.dir, 'run-'));
  const child = spawn(process.execPath, [SCTRACE, 'probe', rules(), '--', PYTHON, PROGRAM, 'wait'], { env: scratch.env, cwd });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Once the first run has started (and had time to reach its wait), interrupt as a terminal would.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (err.includes('run 1: baseline 1')) {
        clearInterval(poll);
        setTimeout(resolve, 1500);
      }
    }, 50);
  });
  child.kill('SIGINT');
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  expect(status).toBe(130);
  expect(err).toContain('sctrace: interrupted; no run is left going');
  expect(leftOver(`${PROGRAM} wait`)).toEqual([]);
});
