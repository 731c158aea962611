/**
 * `sctrace combine --weights FILE`: the plan ranks gaps by the weight of the
 * apps they make run, and the totals give the weighted completeness.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, totalsText } from '../../combine/analyze';
import { combine } from '../../combine/model';
import { parseReport } from '../../combine/read-report';
import { renderText } from '../../combine/render-text';
import { parseWeights } from '../../combine/weights';
import { appReport, ruleSet, sctrace, tempDir, type FakeGap } from './helpers';

const gap = (syscall: string): FakeGap => ({ syscall, kind: 'no-rule', path: '', value: null, calls: 1, rules: [], example: { line: 1, text: `${syscall}() = 0` } });
const RULES = ruleSet('ab');
// Two small apps need rseq; one big app needs membarrier; one app needs nothing.
const reports = [
  appReport('a', [gap('rseq')], RULES),
  appReport('b', [gap('rseq')], RULES),
  appReport('big app', [gap('membarrier')], RULES),
  appReport('done', [], RULES),
];
const combination = combine(reports.map((r, i) => parseReport(r, `${i}.json`)));

test('weights file: label (spaces allowed) and weight per line, comments, errors with their line', () => {
  expect(parseWeights('# popcon\na 10\n\nbig app 1000.5  # inst\n')).toEqual(new Map([['a', 10], ['big app', 1000.5]]));
  expect(() => parseWeights('a 1\nb many\n')).toThrow("the weight of 'b' must be a number of 0 or more, not 'many'");
  expect(() => parseWeights('a 1\na 2\n')).toThrow("'a' is given a weight twice");
  expect(() => parseWeights('lonely\n')).toThrow("expected '<app label> <weight>', not 'lonely'");
});

test('without weights, the gap that makes more apps run comes first; with weights, the heavier', () => {
  expect(analyze(combination).plan.map((s) => s.gap.title)).toEqual(['rseq: no rule', 'membarrier: no rule']);
  const weighted = analyze(combination, parseWeights('a 10\nb 10\nbig app 1000\ndone 5\n'));
  expect(weighted.plan.map((s) => [s.gap.title, s.supportedWeight])).toEqual([['membarrier: no rule', 1005], ['rseq: no rule', 1025]]);
  expect(weighted.totals.weight).toEqual({ total: 1025, supported: 5 });
  expect(totalsText(weighted.totals)).toBe('4 apps, 1 fully supported, 3 blocked; 400 calls, 3 unsupported; 2 distinct gaps; weighted completeness 0.5% (weight 5 of 1025)');
  expect(renderText(weighted)).toMatch(/ 1  membarrier: no rule +2\/4 \(98\.0%\)  big app\n/);
});

test('the CLI reads --weights and names a bad line', () => {
  const dir = tempDir('sctrace-weights-');
  reports.forEach((r, i) => writeFileSync(path.join(dir, `${i}.json`), r));
  const weights = path.join(dir, 'popcon.txt');
  writeFileSync(weights, 'big app 1000\n');
  const ok = sctrace(['combine', path.join(dir, '*.json'), '--weights', weights], path.join(dir, 'cache'));
  expect(ok.status).toBe(0);
  expect(ok.out).toContain('weighted completeness 0.0% (weight 0 of 1000)');
  writeFileSync(weights, 'a 1\nb -3\n');
  const bad = sctrace(['combine', path.join(dir, '*.json'), '--weights', weights], path.join(dir, 'cache'));
  expect(bad.status).toBe(1);
  expect(bad.err).toBe(`sctrace: ${weights}:2: the weight of 'b' must be a number of 0 or more, not '-3'\n`);
});
