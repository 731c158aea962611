/**
 * Reports with probe results: a gap an app tolerates does not block it. The
 * priority table, the plan and the fully supported count use the other gaps
 * only, and every format says how many apps tolerate each gap.
 */
import { analyze } from '../../combine/analyze';
import { combine } from '../../combine/model';
import { parseReport } from '../../combine/read-report';
import { renderHtml } from '../../combine/render-html';
import { renderJson } from '../../combine/render-json';
import { renderMarkdown } from '../../combine/render-markdown';
import { renderText } from '../../combine/render-text';
import { appReport, gapIdOf, ruleSet, type FakeGap } from './helpers';

const gap = (syscall: string, kind: string, value: string | null): FakeGap => ({
  syscall,
  kind,
  path: kind === 'no-rule' ? '' : 'flags',
  value,
  calls: 2,
  rules: kind === 'no-rule' ? [] : [{ file: 'm.scml', line: 3, calls: 2 }],
  example: { line: 1, text: `${syscall}() = 0` },
});
const RSEQ = gap('rseq', 'no-rule', null);
const DENYWRITE = gap('mmap', 'flag-not-allowed', 'MAP_DENYWRITE');
const NONBLOCK = gap('getrandom', 'flag-not-allowed', 'GRND_NONBLOCK');
const RULES = ruleSet('ab');

function report(probed: boolean) {
  const tolerated = (ids: FakeGap[]): string[] => (probed ? ids.map(gapIdOf) : []);
  return analyze(
    combine([
      // python tolerates rseq and GRND_NONBLOCK, but not MAP_DENYWRITE; sqlite3 tolerates both of its gaps.
      parseReport(appReport('python3', [RSEQ, DENYWRITE, NONBLOCK], RULES, 100, tolerated([RSEQ, NONBLOCK])), 'p.json'),
      parseReport(appReport('sqlite3', [RSEQ, NONBLOCK], RULES, 100, tolerated([RSEQ, NONBLOCK])), 's.json'),
      parseReport(appReport('tar', [RSEQ], RULES), 't.json'),
    ]),
  );
}

test('without probe results, every gap blocks', () => {
  const r = report(false);
  expect(r.probed).toBe(false);
  expect(r.totals.supportedApps).toBe(0);
  expect(r.gaps.map((g) => [g.title, g.apps])).toEqual([['rseq: no rule', 3], ['getrandom flags: GRND_NONBLOCK', 2], ['mmap flags: MAP_DENYWRITE', 1]]);
  expect(renderText(r)).not.toContain('TOLERATED BY');
});

test('tolerated gaps block no app: table, plan and count use the others', () => {
  const r = report(true);
  expect(r.totals).toMatchObject({ supportedApps: 1, blockedApps: 2 });
  expect(r.apps.map((a) => [a.label, a.blocked, a.tolerated])).toEqual([['python3', true, 2], ['sqlite3', false, 2], ['tar', true, 0]]);
  expect(r.gaps.map((g) => [g.title, g.apps, g.tolerating])).toEqual([['rseq: no rule', 1, 2], ['mmap flags: MAP_DENYWRITE', 1, 0]]);
  expect(r.toleratedGaps.map((g) => [g.title, g.tolerating])).toEqual([['getrandom flags: GRND_NONBLOCK', 2]]);
  expect(r.plan.map((s) => [s.gap.title, s.unblocks, s.supportedApps])).toEqual([['rseq: no rule', ['tar'], 2], ['mmap flags: MAP_DENYWRITE', ['python3'], 3]]);
  const text = renderText(r);
  expect(text).toMatch(/# +GAP +KIND +APPS +TOLERATED BY +CALLS +RULE TO EDIT\n/);
  expect(text).toContain('Tolerated by every app that runs into them (they block none):\n  getrandom flags: GRND_NONBLOCK (2 apps)\n');
  expect(text).toMatch(/sqlite3 +100 +2 +2 +supported \(tolerates 2 gaps\)\n/);
  expect(renderMarkdown(r)).toContain('| Apps tolerating |');
  expect(renderHtml(r)).toContain('Apps tolerating');
  // Read back, the combined JSON keeps the tolerated gaps (and the gap nobody is blocked by).
  const again = analyze(parseReport(renderJson(r), 'all.json'));
  expect(renderText(again)).toBe(text);
});

test("a report's tolerated gap must be one of its gaps", () => {
  const bad = appReport('x', [RSEQ], RULES, 100, ['mmap:no-rule::']);
  expect(() => parseReport(bad, 'x.json')).toThrow(/x.json: verdict.tolerated: "mmap:no-rule::" is not one of the app's gaps/);
});

test("a single app's page ends with its verdict", () => {
  const one = analyze(parseReport(appReport('python3', [RSEQ, DENYWRITE], RULES, 100, [gapIdOf(RSEQ)]), 'p.json'));
  expect(renderHtml(one)).toContain('Verdict: blocked: runs on an OS that refuses the 1 gap it tolerates (rseq: no rule); needs 1: mmap flags: MAP_DENYWRITE</p>');
});
