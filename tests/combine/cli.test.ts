/**
 * `sctrace combine` as a user runs it (the built CLI): inputs as files,
 * folders and globs; formats; -o; refusals (mixed rule sets, same label
 * twice, not a report) with exit 1; usage errors with exit 2. And `--label`,
 * the default label and `--html` of a single run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appReport, REPO, ruleSet, sctrace, tempDir, type FakeGap } from './helpers';

const dir = tempDir('sctrace-combine-cli-');
const cache = path.join(dir, 'cache');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const gap = (syscall: string, value: string | null, calls: number, text = `${syscall}(1) = 0`): FakeGap => ({
  syscall,
  kind: value === null ? 'no-rule' : 'flag-not-allowed',
  path: value === null ? '' : 'flags',
  value,
  calls,
  rules: value === null ? [] : [{ file: 'mm.scml', line: 7, calls }],
  example: { line: 3, text },
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const R1 = ruleSet('a1');
write('same/one.json', appReport('one', [gap('mmap', 'MAP_X', 2), gap('rseq', null, 1)], R1));
write('same/two.json', appReport('two', [gap('mmap', 'MAP_X', 5)], R1));
write('same/three.json', appReport('three', [], R1));
write('other/four.json', appReport('four', [gap('brk', null, 1)], ruleSet('b2', 'other rules')));

test('folders, files and globs; text by default; formats; -o', () => {
  const text = sctrace(['combine', path.join(dir, 'same')], cache);
  expect(text.status).toBe(0);
  expect(text.out).toContain('Apps (1 fully supported, 2 blocked):');
  expect(text.out).toMatch(/1 +mmap flags: MAP_X +flag-not-allowed +2 +7 +mm\.scml:7/);
  expect(text.out).toContain('Rule set: rules a1, 3 rules for 2 syscalls');
  const glob = sctrace(['combine', `${dir}/same/t*.json`, path.join(dir, 'same', 'one.json')], cache);
  expect(glob.out).toBe(text.out);
  for (const format of ['md', 'html', 'json']) {
    const r = sctrace(['combine', path.join(dir, 'same'), '--format', format], cache);
    expect(r.status).toBe(0);
    const out = path.join(dir, `out.${format}`);
    const o = sctrace(['combine', path.join(dir, 'same'), '--format', format, '-o', out], cache);
    expect(o.status).toBe(0);
    expect(o.out).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe(r.out);
  }
});

test('reports made with different rule sets are refused, unless --mixed-rule-sets', () => {
  const refused = sctrace(['combine', path.join(dir, 'same'), path.join(dir, 'other')], cache);
  expect(refused.status).toBe(1);
  expect(refused.out).toBe('');
  expect(refused.err).toContain('sctrace: the reports were made with 2 different rule sets');
  expect(refused.err).toContain('other rules (id b2): four');
  expect(refused.err).toContain('rules a1 (id a1): one, three, two');
  expect(refused.err).toContain('--mixed-rule-sets');
  const mixed = sctrace(['combine', path.join(dir, 'same'), path.join(dir, 'other'), '--mixed-rule-sets'], cache);
  expect(mixed.status).toBe(0);
  expect(mixed.out).toContain('(mixed: apps were checked against different rule sets)');
  expect(mixed.out).toContain('Apps (1 fully supported, 3 blocked):');
});

test('real reports of one log checked against two rule sets are refused, naming both', () => {
  const log = path.join(REPO, 'examples', 'logs', 'ls.log');
  const toy = sctrace([path.join(REPO, 'examples', 'rules'), '--format', 'json', '--input', log, '--label', 'ls-toy'], cache);
  const aster = sctrace([path.join(REPO, 'rules', 'asterinas'), '--format', 'json', '--input', log], cache);
  const a = write('real/toy.json', toy.out);
  const b = write('real/asterinas.json', aster.out);
  const refused = sctrace(['combine', a, b], cache);
  expect(refused.status).toBe(1);
  expect(refused.err).toMatch(/made with 2 different rule sets[^]*: ls\n[^]*: ls-toy\n/);
  expect(sctrace(['combine', a, b, '--mixed-rule-sets'], cache).status).toBe(0);
  expect(sctrace(['combine', b], cache).out).toContain('Rule set: ');
});

test('bad input: exit 1 naming the file; wrong usage: exit 2', () => {
  const notJson = write('bad/x.json', '{ nope');
  expect(sctrace(['combine', notJson], cache)).toMatchObject({ status: 1, err: expect.stringContaining(`${notJson}: not JSON`) });
  const other = write('bad/y.json', '{"hello": 1}');
  expect(sctrace(['combine', other], cache)).toMatchObject({ status: 1, err: expect.stringContaining(`${other}: not an sctrace report`) });
  const edited = write('bad/z.json', appReport('z', [gap('mmap', 'MAP_X', 1)]).replace('"mmap:flag', '"munmap:flag'));
  expect(sctrace(['combine', edited], cache)).toMatchObject({ status: 1, err: expect.stringContaining('blockers[0].id: expected "mmap:flag-not-allowed:flags:MAP_X"') });
  const twice = write('twice/a.json', appReport('one', []));
  expect(sctrace(['combine', twice, path.join(dir, 'same', 'one.json')], cache).err).toContain("two reports are labelled 'one'");
  expect(sctrace(['combine', path.join(dir, 'nothing-here')], cache)).toMatchObject({ status: 1, err: expect.stringContaining('no such file or directory') });
  expect(sctrace(['combine'], cache).status).toBe(2);
  expect(sctrace(['combine', path.join(dir, 'same'), '--format', 'pdf'], cache)).toMatchObject({ status: 2, err: expect.stringContaining('--format must be one of text, md, html, json') });
  const help = sctrace(['combine', '--help'], cache);
  expect(help.status).toBe(0);
  expect(help.out).toContain('--mixed-rule-sets');
});

test('untrusted labels and lines are escaped: HTML shows them, Markdown keeps them in code spans', () => {
  const evil = '<script>alert(1)</script>|`x`';
  const line = 'open("<img src=x onerror=alert(2)>|a") = 3';
  const file = write('evil/e.json', appReport(evil, [gap('open', 'O_<b>', 1, line)]));
  const html = sctrace(['combine', file, '--format', 'html'], cache).out;
  expect(html.match(/<script/g)).toHaveLength(1); // the page's own sorting script
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<b>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;|`x`');
  const md = sctrace(['combine', file, '--format', 'md'], cache).out;
  expect(md).toContain('`` <script>alert(1)</script>\\|`x` ``');
  expect(md).toContain('`open("<img src=x onerror=alert(2)>\\|a") = 3`');
  // Every table row has as many cells as its header (no stray `|`).
  for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
    const rows = block.split('\n').filter((l) => l !== '');
    const cells = (row: string): number => row.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0]));
  }
});

test('a single run: default label, --label, and --html writes the app\'s page', () => {
  const log = path.join(REPO, 'examples', 'logs', 'ls.log');
  const rules = path.join(REPO, 'examples', 'rules');
  const plain = JSON.parse(sctrace([rules, '--format', 'json', '--input', log], cache).out) as { label: string; blockers: unknown[] };
  expect(plain.label).toBe('ls');
  expect(plain.blockers.length).toBeGreaterThan(0);
  const page = path.join(dir, 'ls.html');
  const named = sctrace([rules, '--quiet', '--input', log, '--label', 'ls -l', '--html', page], cache);
  expect(named.status).toBe(0);
  expect(named.err).toContain('Unsupported syscall: '); // the usual output goes on
  const html = fs.readFileSync(page, 'utf8');
  expect(html).toContain('<title>sctrace: ls -l</title>');
  expect(html).toContain('<svg class="chart"');
  const unwritable = sctrace([rules, '--input', log, '--html', path.join(dir, 'no', 'such', 'dir', 'x.html')], cache);
  expect(unwritable.status).toBe(1);
  expect(unwritable.err).toContain('cannot write the HTML page to');
});

describe('reports from elsewhere', () => {
  test('a byte order mark is accepted; an unknown schema and an empty label are refused', () => {
    const file = path.join(dir, 'elsewhere.json');
    const report = appReport('ls', [gap('ioctl', null, 2)]);
    fs.writeFileSync(file, '\ufeff' + report);
    expect(sctrace(['combine', file], cache).status).toBe(0);
    fs.writeFileSync(file, report.replace('"schema":2', '"schema":99'));
    const schema = sctrace(['combine', file], cache);
    expect(schema.status).toBe(1);
    expect(schema.err).toContain(`${file}: schema: 99: this sctrace reads reports of schema 2 or 3`);
    fs.writeFileSync(file, report.replace('"label":"ls"', '"label":""'));
    const empty = sctrace(['combine', file], cache);
    expect(empty.status).toBe(1);
    expect(empty.err).toContain(`${file}: label: empty: every app needs a name`);
  });
});
