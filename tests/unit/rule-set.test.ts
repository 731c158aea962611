/**
 * What a run was checked against (runtime/report/rule-set.ts): the label for
 * people, and an id that depends only on the sources' paths and bytes.
 */
import { createHash } from 'node:crypto';
import type { IR } from '../../runtime/ir';
import { describeRuleSet, rulePlace, ruleSetId, ruleSetLine } from '../../runtime/report/rule-set';

function irWith(paths: string[], rules = 3, syscalls = 2): IR {
  return {
    version: 1,
    sources: paths.map((p, i) => ({ path: p, sha256: String(i).repeat(64).slice(0, 64) })),
    rules: Array.from({ length: rules }, () => ({}) as IR['rules'][number]),
    syscalls: Array.from({ length: syscalls }, () => ({ name: 'x', rules: [] })),
  };
}

test('a stamped module is named by its OS and version', () => {
  const set = describeRuleSet(irWith(['rules/a.scml']), { os: 'Asterinas', version: '604948581', source: 'https://x/y' });
  expect(set).toMatchObject({ label: 'Asterinas commit 604948581', os: 'Asterinas', version: '604948581', source: 'https://x/y' });
  expect(ruleSetLine(set)).toBe('Rules: Asterinas commit 604948581, 3 rules for 2 syscalls\n');
  expect(describeRuleSet(irWith(['a.scml']), { os: 'MyOS', version: null, source: null }).label).toBe('MyOS');
  // A release stays as it is; only a commit hash says so.
  expect(describeRuleSet(irWith(['a.scml']), { os: 'MyOS', version: '1.2', source: null }).label).toBe('MyOS 1.2');
  expect(describeRuleSet(irWith(['a.scml']), { os: 'MyOS', version: 'deadbeefcafe', source: null }).label).toBe('MyOS commit deadbeefcafe');
  expect(describeRuleSet(irWith(['a.scml']), { os: 'MyOS', version: '2024', source: null }).label).toBe('MyOS 2024');
});

test('rule places: relative to the set\'s folder with a link when it names its source; only web addresses link', () => {
  const sources = [{ path: 'rules/os/fs/open.scml', sha256: 'a' }, { path: 'rules/os/mm.scml', sha256: 'b' }];
  const place = rulePlace({ source: 'https://example.org/os/tree/v1/rules/', sources });
  expect(place('rules/os/fs/open.scml', 7)).toEqual({ text: 'fs/open.scml:7', url: 'https://example.org/os/tree/v1/rules/fs/open.scml#L7' });
  expect(place('elsewhere/x y.scml', 2)).toEqual({ text: 'elsewhere/x y.scml:2', url: 'https://example.org/os/tree/v1/rules/elsewhere/x%20y.scml#L2' });
  expect(rulePlace({ source: null, sources })('rules/os/mm.scml', 3)).toEqual({ text: 'rules/os/mm.scml:3', url: null });
  expect(rulePlace({ source: 'javascript:alert(1)', sources })('rules/os/mm.scml', 3)).toEqual({ text: 'mm.scml:3', url: null });
});

test('without a stamp the files are named: up to three by path, more by their folder', () => {
  expect(describeRuleSet(irWith(['rules/mm.scml'], 1, 1), null)).toMatchObject({ label: 'rules/mm.scml', os: null, version: null, source: null });
  expect(ruleSetLine(describeRuleSet(irWith(['rules/mm.scml'], 1, 1), null))).toBe('Rules: rules/mm.scml, 1 rule for 1 syscall\n');
  expect(describeRuleSet(irWith(['a/x.scml', 'b/y.scml']), undefined).label).toBe('a/x.scml, b/y.scml');
  const many = ['rules/asterinas/a/1.scml', 'rules/asterinas/a/2.scml', 'rules/asterinas/b/3.scml', 'rules/asterinas/4.scml'];
  expect(describeRuleSet(irWith(many), null).label).toBe('rules/asterinas (4 SCML files)');
  expect(describeRuleSet(irWith(['/r/a/1.scml', '/r/a/2.scml', '/r/b/3.scml', '/r/4.scml']), null).label).toBe('/r (4 SCML files)');
  expect(describeRuleSet(irWith(['a/1.scml', 'b/2.scml', 'c/3.scml', 'd/4.scml']), null).label).toBe('4 SCML files');
  expect(describeRuleSet(irWith([], 0, 0), null).label).toBe('no SCML files');
});

test('the id is sha256sum over the sources (what `sha256sum` prints for the files), and only them', () => {
  const ir = irWith(['rules/a.scml', 'rules/b.scml']);
  const expected = createHash('sha256')
    .update(ir.sources.map((s) => `${s.sha256}  ${s.path}\n`).join(''))
    .digest('hex');
  expect(describeRuleSet(ir, null).id).toBe(expected);
  // The stamp and the rule counts do not change it; a path or a file's bytes do.
  expect(describeRuleSet(irWith(['rules/a.scml', 'rules/b.scml'], 9, 9), { os: 'X', version: null, source: null }).id).toBe(expected);
  expect(ruleSetId([{ path: 'rules/a.scml', sha256: ir.sources[0].sha256 }, { path: 'rules/c.scml', sha256: ir.sources[1].sha256 }])).not.toBe(expected);
  expect(ruleSetId([{ path: 'rules/a.scml', sha256: ir.sources[1].sha256 }, { path: 'rules/b.scml', sha256: ir.sources[1].sha256 }])).not.toBe(expected);
});

test('the JSON document and the JSONL totals describe ruleSet with one schema', () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const dir = path.join(__dirname, '..', '..', 'runtime', 'report', 'schema');
  const def = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).$defs.ruleSet;
  expect(def('call.schema.json')).toEqual(def('report.schema.json'));
  expect(Object.keys(def('report.schema.json').properties)).toEqual(Object.keys(describeRuleSet(irWith(['a.scml']), null)));
});
