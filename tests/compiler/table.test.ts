/**
 * `scmlc RULES --table md|html`: the compatibility table of a rule set, its
 * Markdown and HTML renderings (escaped), and the CLI around it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/scmlc';
import { compatibilityTable } from '../../compiler/table/model';
import { renderTableHtml } from '../../compiler/table/render-html';
import { renderTableMarkdown } from '../../compiler/table/render-markdown';
import { shippedSets } from '../../cli/shipped-sets';
import { shippedTable } from '../../tools/build-shipped';
import { REPO_ROOT } from '../fixtures/paths';
import { irOf } from './helpers';

const RULES = [
  'mmap(addr, len, prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS, fd, off);',
  'read(fd, buf, count);',
  'umount(target);',
].join('\n');

test('one row per x86_64 syscall by number, then the rules\u2019 syscalls x86_64 lacks', () => {
  const table = compatibilityTable(irOf(RULES));
  expect(table.rows[0]).toEqual({ number: 0, syscall: 'read', supported: true, rules: ['t.scml:2'], flags: [] });
  expect(table.rows[1]).toMatchObject({ number: 1, syscall: 'write', supported: false, rules: [] });
  const mmap = table.rows.find((r) => r.syscall === 'mmap');
  expect(mmap).toMatchObject({ number: 9, supported: true, rules: ['t.scml:1'] });
  expect(mmap?.flags.map((f) => [f.parameter, f.allowed])).toEqual([
    ['prot', ['PROT_READ', 'PROT_WRITE']],
    ['flags', ['MAP_PRIVATE', 'MAP_ANONYMOUS']],
  ]);
  expect(table.rows[table.rows.length - 1]).toMatchObject({ number: null, syscall: 'umount', supported: true });
  expect(table.supported).toBe(2);
  expect(table.linux).toBe(table.rows.length - 1);
});

test('Markdown: a row per syscall, allowed and never-mentioned flags per argument', () => {
  const md = renderTableMarkdown(compatibilityTable(irOf(RULES)));
  expect(md.startsWith('# System call compatibility: t.scml\n\n2 of the ')).toBe(true);
  expect(md).toContain('| 0 | `read` | yes | `t.scml:2` |  |  |\n| 1 | `write` | no |  |  |  |\n');
  const mmap = md.split('\n').find((l) => l.startsWith('| 9 |')) ?? '';
  expect(mmap).toContain('**prot**: `PROT_READ`, `PROT_WRITE`<br>**flags**: `MAP_PRIVATE`, `MAP_ANONYMOUS`');
  expect(mmap).toContain('**flags**: `MAP_SHARED`, `MAP_SHARED_VALIDATE`');
  expect(mmap).toContain('`MAP_DENYWRITE`');
  expect(md).toContain('| not x86_64 | `umount` | yes | `t.scml:3` |  |  |');
});

test('a rule that leaves a flag argument free reads "any value"; file names are escaped in both formats', () => {
  const ir = irOf('mmap(addr, len, prot = PROT_READ, flags, fd, off);\nmmap(addr, len, prot, flags = MAP_SHARED, fd, off);\n');
  ir.rules[0].origin.file = 'a|<b>.scml';
  const table = compatibilityTable(ir);
  const md = renderTableMarkdown(table);
  expect(md).toContain('`a\\|<b>.scml:1`');
  expect(md).toContain('**prot**: any value<br>**flags**: any value');
  const html = renderTableHtml(table);
  expect(html).toContain('<code>a|&lt;b&gt;.scml:1</code>');
  expect(html).not.toContain('<b>.scml');
  expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
});

describe('scmlc --table', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-table-'));
    fs.writeFileSync(path.join(dir, 'r.scml'), RULES);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const status = main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir });
    return { status, stdout, stderr };
  }

  test('md to stdout; html to -o, with the summary line', () => {
    const md = run('r.scml', '--table', 'md', '-q');
    expect(md.status).toBe(0);
    expect(md.stdout.startsWith('# System call compatibility: r.scml\n')).toBe(true);
    const html = run('r.scml', '--table', 'html', '-o', 'compat.html');
    expect(html.status).toBe(0);
    expect(html.stderr).toMatch(/scmlc: wrote compat\.html \(1 file, 3 rules for 3 syscalls, \d+ warnings?\)\n$/);
    expect(fs.readFileSync(path.join(dir, 'compat.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  test('usage errors: an unknown format, with --check or --os', () => {
    expect(run('r.scml', '--table', 'pdf')).toMatchObject({ status: 2, stderr: expect.stringContaining("--table takes md or html, not 'pdf'") });
    expect(run('r.scml', '--table', 'md', '--check').status).toBe(2);
    expect(run('r.scml', '--table', 'md', '--os', 'X', '-o', 'x.md').status).toBe(2);
  });

  test('SCML errors: exit 1 and no table', () => {
    fs.writeFileSync(path.join(dir, 'bad.scml'), 'open(');
    const r = run('bad.scml', '--table', 'md');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });
});

test.each(shippedSets().map((s) => [s.name, s] as const))('the committed compatibility table of %s is what scmlc writes now (else: npm run shipped)', (_name, set) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scmlc-table-shipped-'));
  try {
    const table = shippedTable(set);
    const fresh = path.join(dir, 'table.md');
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: REPO_ROOT };
    expect(main(table.args(fresh), io)).toBe(0);
    if (fs.readFileSync(fresh, 'utf8') !== fs.readFileSync(path.join(REPO_ROOT, table.file), 'utf8')) {
      throw new Error(`${table.file} is stale: run \`npm run shipped\` and review the diff`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
