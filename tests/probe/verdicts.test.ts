/**
 * `sctrace probe` on small Python programs whose behaviour is known (in
 * tests/probe/programs/), with the real strace: each gap's verdict, the
 * refusals checked in the rerun's log, and the app's verdict. The rules
 * allow every x86_64 syscall with any arguments except pidfd_open (no rule)
 * and eventfd2, which may only take EFD_CLOEXEC. Needs strace and python3
 * (3.10 or newer; CI installs both).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonDocument } from '../../runtime/report/json-document';
import { validate } from '../gaps/json-schema';
import { REPO, scmlc, sctrace, useScratch } from '../e2e/helpers';
import { PROGRAMS, PYTHON, writeTestRules } from './helpers';

const scratch = useScratch();
const NONBLOCK = 'eventfd2:flag-not-allowed:flags:EFD_NONBLOCK';
const PIDFD = 'pidfd_open:no-rule::';
let matchers = '';

beforeAll(() => {
  const rules = path.join(scratch.dir, 'rules.scml');
  writeTestRules(rules);
  matchers = path.join(scratch.dir, 'rules.js');
  const built = scmlc([rules, '-o', matchers], { env: scratch.env });
  expect(built.err).toMatch(/0 warnings/);
  expect(built.status).toBe(0);
});

/** Probes one program in a fresh working folder; returns the JSON report and the text of stderr. */
function probe(program: string, extra: string[] = [], format = 'json'): { doc: JsonDocument; out: string; err: string } {
  const cwd = mkdtempSync(path.join(scratch.dir, 'run-'));
  const r = sctrace(['probe', '--matchers', matchers, '--format', format, ...extra, '--', PYTHON, path.join(PROGRAMS, program)], { env: scratch.env, cwd });
  expect(r.status).toBe(0);
  return { doc: format === 'json' ? (JSON.parse(r.stdout.toString('utf8')) as JsonDocument) : (null as never), out: r.out, err: r.err };
}

function result(doc: JsonDocument, gap: string, mode: string) {
  const found = doc.probe?.results.find((r) => r.gap === gap && r.mode === mode);
  if (found === undefined) throw new Error(`no ${mode} result for ${gap}`);
  return found;
}

test('a program that falls back on ENOSYS tolerates a stubbed and a faked syscall', () => {
  const { doc, err } = probe('fallback.py');
  expect(doc.blockers.map((g) => g.id)).toEqual([PIDFD]);
  expect(result(doc, PIDFD, 'stub')).toMatchObject({ verdict: 'tolerated', exact: true, refused: 1, wrongRefusals: 0, inject: 'pidfd_open:error=ENOSYS' });
  expect(result(doc, PIDFD, 'fake')).toMatchObject({ verdict: 'tolerated', exact: true, refused: 1, inject: 'pidfd_open:retval=0' });
  expect(doc.verdict).toEqual({ status: 'supported', needs: [], tolerated: [PIDFD] });
  expect(doc.probe?.runs).toBe(4);
  // The number of runs is said before the reruns start.
  expect(err).toContain('1 gap: 4 runs of the program in all (2 baselines, 2 reruns)');
  const schema = JSON.parse(readFileSync(path.join(REPO, 'runtime', 'report', 'schema', 'report.schema.json'), 'utf8'));
  expect(validate(schema, doc)).toEqual([]);
});

test('a program that exits when a flag is refused: fatal, and only the refused call failed (seccomp filter)', () => {
  const { doc } = probe('exits-on-einval.py');
  expect(doc.blockers.map((g) => g.id)).toEqual([NONBLOCK]);
  const r = result(doc, NONBLOCK, 'refuse');
  // EFD_NONBLOCK is 0x800 (O_NONBLOCK), read from the verbose baseline; eventfd2's flags are its second argument.
  // The two calls before (EFD_CLOEXEC) ran; the one with EFD_NONBLOCK failed.
  expect(r).toMatchObject({ verdict: 'fatal', exact: true, refused: 1, wrongRefusals: 0, missed: 0, status: 3, inject: 'seccomp:eventfd2:arg1&0x800:error=EINVAL' });
  expect(r.difference).toBe('exit status 3, baseline 0; stderr: eventfd: [Errno 22] Invalid argument');
  expect(doc.verdict).toEqual({ status: 'blocked', needs: [NONBLOCK], tolerated: [] });
});

/** Probes without python3 on PATH (strace alone there; the programs run by the interpreter's full path). */
function probeWithoutPython(program: string): { doc: JsonDocument; err: string } {
  const bin = mkdtempSync(path.join(scratch.dir, 'bin-'));
  const strace = spawnSync('sh', ['-c', 'command -v strace']).stdout.toString().trim();
  symlinkSync(strace, path.join(bin, 'strace'));
  const cwd = mkdtempSync(path.join(scratch.dir, 'run-'));
  const r = sctrace(['probe', '--matchers', matchers, '--format', 'json', '--', PYTHON, path.join(PROGRAMS, program)], {
    env: { ...scratch.env, PATH: bin },
    cwd,
  });
  expect(r.status).toBe(0);
  return { doc: JSON.parse(r.stdout.toString('utf8')) as JsonDocument, err: r.err };
}

test("without python3 on PATH, flag gaps fall back to strace's when=, and say so", () => {
  const { doc, err } = probeWithoutPython('exits-on-einval.py');
  expect(err).toContain("python3 not found: flag gaps are refused with strace's when=");
  // The third eventfd2 of the thread is the one the rules refuse.
  expect(result(doc, NONBLOCK, 'refuse')).toMatchObject({ verdict: 'fatal', exact: true, refused: 1, wrongRefusals: 0, inject: 'eventfd2:error=EINVAL:when=3' });
});

test('refused calls at irregular places: the seccomp filter refuses all of them; when= only some, and the verdict says so', () => {
  const exact = result(probe('tolerates-einval.py').doc, NONBLOCK, 'refuse');
  expect(exact).toMatchObject({ verdict: 'tolerated', exact: true, refused: 3, missed: 0, wrongRefusals: 0, baselineCalls: 3 });
  const { doc } = probeWithoutPython('tolerates-einval.py');
  const partial = result(doc, NONBLOCK, 'refuse');
  // 1st, 3rd and 4th: no first..last+step covers all three without the 2nd or 5th; the best covers two.
  expect(partial).toMatchObject({ verdict: 'tolerated', exact: false, refused: 2, missed: 1, wrongRefusals: 0 });
  // Not exact, so not counted as tolerated: the app still needs the gap.
  expect(doc.verdict).toEqual({ status: 'blocked', needs: [NONBLOCK], tolerated: [] });
});

test('a program whose output changes: fatal, stdout differs', () => {
  const { doc } = probe('output-changes.py');
  expect(result(doc, NONBLOCK, 'refuse')).toMatchObject({ verdict: 'fatal', exact: true, status: 0, difference: 'stdout differs' });
  expect(doc.probe?.baseline.outputCompared).toBe(true);
});

test('a program that never reaches the gap again: not reached', () => {
  const { doc } = probe('never-reaches.py');
  expect(result(doc, NONBLOCK, 'refuse')).toMatchObject({ verdict: 'not reached', refused: 0, difference: null });
  expect(doc.verdict.status).toBe('blocked');
});

test('baselines that end differently: unstable, unless --check judges', () => {
  const { doc } = probe('unstable.py');
  expect(result(doc, NONBLOCK, 'refuse')).toMatchObject({ verdict: 'unstable' });
  expect(doc.probe?.baseline.note).toMatch(/^the two baselines ended differently \(exit status 0, 1\)/);
  // A check that always passes judges every run a success.
  const checked = probe('unstable.py', ['--check', 'true']);
  expect(result(checked.doc, NONBLOCK, 'refuse')).toMatchObject({ verdict: 'tolerated', exact: true });
  expect(checked.doc.verdict).toEqual({ status: 'supported', needs: [], tolerated: [NONBLOCK] });
});

test('--html: the page has the probe table and ends with the verdict', () => {
  const page = path.join(scratch.dir, 'probe.html');
  probe('exits-on-einval.py', ['--html', page]);
  const html = readFileSync(page, 'utf8');
  expect(html).toContain('<h2 id="probe-h">Probe</h2>');
  // Cells carry their column's name (data-label) and a value wrapper for the phone layout; the row's content is what is checked.
  const plain = html.replace(/ data-label="[^"]*"/g, '').replace(/<span class="v">(.*?)<\/span>/g, '$1');
  expect(plain).toContain('<th scope="row"><code>eventfd2 flags: EFD_NONBLOCK</code></th><td>refuse</td><td class="blocked">fatal</td><td>refused all 1</td>');
  expect(html).toContain('Verdict: blocked by 1 gap: eventfd2 flags: EFD_NONBLOCK</p>');
});

test('--setup runs before every run; the text table ends with the verdict', () => {
  // never-reaches.py makes the call on its first two runs: a setup that removes the counter makes every run reach it.
  const { out } = probe('never-reaches.py', ['--setup', 'rm -f runs'], 'text');
  expect(out).toMatch(/^Probe of python3[.\d]*: 3 runs \(2 baselines, 1 rerun\); judged by exit status \(0\) and stdout\n/);
  expect(out).toMatch(/\n {2}eventfd2 flags: EFD_NONBLOCK +refuse +fatal +refused all 1 +exit status 1, baseline 0; stderr: OSError: \[Errno 22\] Invalid argument\n/);
  expect(out).toMatch(/\nVerdict: blocked by 1 gap: eventfd2 flags: EFD_NONBLOCK\n$/);
});
