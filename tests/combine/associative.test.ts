/**
 * Combining is associative (and order-free): the JSON output of a
 * combination is itself an input, and combine(combine(A, B), C) prints
 * exactly what combine(A, B, C) prints, in every format.
 */
import fc from 'fast-check';
import { analyze } from '../../combine/analyze';
import { combine, type Combination } from '../../combine/model';
import { parseReport } from '../../combine/read-report';
import { renderHtml } from '../../combine/render-html';
import { renderJson } from '../../combine/render-json';
import { renderMarkdown } from '../../combine/render-markdown';
import { renderText } from '../../combine/render-text';
import { appReport, gapIdOf, ruleSet, type FakeGap } from './helpers';

const kinds = ['no-rule', 'flag-not-allowed', 'arg-count', 'integer-not-allowed', 'field-missing'] as const;

const gapArb: fc.Arbitrary<FakeGap> = fc
  .record({
    syscall: fc.constantFrom('mmap', 'futex', 'openat', 'rseq'),
    kind: fc.constantFrom(...kinds),
    value: fc.constantFrom('A', 'B', 'C|D', '`x`'),
    calls: fc.integer({ min: 1, max: 50 }),
    rule: fc.constantFrom(1, 2, 3),
    line: fc.integer({ min: 1, max: 9 }),
    text: fc.string({ maxLength: 12 }),
  })
  .map(({ syscall, kind, value, calls, rule, line, text }) => ({
    syscall,
    kind,
    path: kind === 'no-rule' || kind === 'arg-count' ? '' : 'flags',
    value: kind === 'no-rule' || kind === 'integer-not-allowed' ? null : value,
    calls,
    rules: kind === 'no-rule' ? [] : [{ file: `r${rule}.scml`, line: rule * 10, calls }],
    example: { line, text: `${syscall}(${text}) = 0` },
  }));

/** Apps with distinct labels (not blank: refused), each a report as sctrace writes it, split into three groups. */
const appsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).filter((l) => l.trim() !== ''), { minLength: 0, maxLength: 8 })
  .chain((labels) =>
    fc.tuple(
      fc.tuple(
        ...labels.map((label) =>
          fc
            .uniqueArray(fc.tuple(gapArb, fc.boolean()), { maxLength: 4, selector: ([g]) => `${g.syscall}:${g.kind}:${g.path}:${g.value}` })
            // Some gaps the app was seen to tolerate (sctrace probe).
            .map((pairs) => ({ label, gaps: pairs.map(([g]) => g), tolerated: pairs.filter(([, t]) => t).map(([g]) => gapIdOf(g)) })),
        ),
      ),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: labels.length, maxLength: labels.length }),
    ),
  );

const RULES = ruleSet('ab');
const parse = (report: string, name: string): Combination => parseReport(report, name);
const asJson = (c: Combination): string => renderJson(analyze(c));

test('combine(combine(A, B), C) == combine(A, B, C) == combine(C, combine(B, A)), in every format', () => {
  fc.assert(
    fc.property(appsArb, ([apps, groupOf]) => {
      const groups: Combination[][] = [[], [], []];
      apps.forEach((app, i) => groups[groupOf[i]].push(parse(appReport(app.label, app.gaps, RULES, 100, app.tolerated), app.label)));
      const [a, b, c] = groups.map((g) => combine(g));
      const all = combine([a, b, c]);
      const ab = parse(asJson(combine([a, b])), 'ab.json');
      const ba = parse(asJson(combine([b, a])), 'ba.json');
      const left = combine([ab, c]);
      const right = combine([c, ba]);
      for (const render of [renderJson, renderText, renderMarkdown, renderHtml]) {
        expect(render(analyze(left))).toBe(render(analyze(all)));
        expect(render(analyze(right))).toBe(render(analyze(all)));
      }
      // And reading the output back changes nothing.
      expect(asJson(parse(asJson(all), 'all.json'))).toBe(asJson(all));
    }),
    { numRuns: 200 },
  );
});

test('the same label twice is refused, whether from two reports or two combinations', () => {
  const one = parse(appReport('ls', []), 'a.json');
  expect(() => combine([one, parse(appReport('ls', []), 'b.json')])).toThrow(/two reports are labelled 'ls'/);
  expect(() => combine([parse(asJson(one), 'c.json'), one])).toThrow(/labelled 'ls'/);
});
