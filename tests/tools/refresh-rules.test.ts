/**
 * `npm run refresh-rules`: the diff of two rule set versions (per syscall,
 * by what rules accept) and the refresh itself, run on a copy of the
 * package against a fake upstream checkout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../compiler/analyze';
import type { IR } from '../../runtime/ir';
import { main } from '../../tools/refresh-rules';
import { diffRuleSets, formatRulesDiff, type RuleSetVersion } from '../../tools/rules-diff';
import { REPO_ROOT } from '../fixtures/paths';

function version(files: Record<string, string>): RuleSetVersion {
  const result = analyze(Object.entries(files).map(([p, text]) => ({ path: p, bytes: Buffer.from(text) })));
  if (result.ir === null) throw new Error(JSON.stringify(result.diagnostics));
  return { files: new Map(Object.entries(files).map(([p, text]) => [p, text])), ir: result.ir as IR };
}

describe('diffRuleSets', () => {
  const before = version({
    'a.scml': 'mode = O_RDONLY | O_WRONLY;\nopenat(dirfd, path, flags = <mode>);\nclose(fd);\n',
    'b.scml': 'read(fd, buf, count);\nsync();\nsync();\n',
  });

  test('no change at all', () => {
    const d = diffRuleSets(before, before);
    expect(d.changes).toEqual([]);
    expect(d.files).toEqual({ added: [], removed: [], changed: [] });
  });

  test('moved rules, renamed parameters and new comments are no change; files are', () => {
    const after = version({
      'a.scml': '// moved\nmode = O_RDONLY | O_WRONLY;\n\nclose(fildes); // renamed\nopenat(dirfd, path,\n  flags = <mode>);\n',
      'b.scml': 'read(fd, buf, count);\nsync();\nsync();\n',
    });
    const d = diffRuleSets(before, after);
    expect(d.changes).toEqual([]);
    expect(d.files.changed).toEqual(['a.scml']);
  });

  test('rules added and removed per syscall, new and vanished syscalls, a changed named set, a duplicate dropped', () => {
    const after = version({
      'a.scml': 'mode = O_RDONLY | O_WRONLY | O_RDWR;\nopenat(dirfd, path, flags = <mode>);\nopenat(dirfd, path, flags = O_CREAT, mode);\n',
      'c.scml': 'read(fd, buf, count);\nsync();\nwrite(fd, buf, count);\n',
    });
    const d = diffRuleSets(before, after);
    expect(d.files).toEqual({ added: ['c.scml'], removed: ['b.scml'], changed: ['a.scml'] });
    expect(d.rules).toEqual({ before: 5, after: 5 });
    expect(d.syscalls).toEqual({ before: 4, after: 4 });
    expect(d.changes).toEqual([
      { syscall: 'close', added: [], removed: ['close(fd);'], changed: [] },
      { syscall: 'openat', added: ['openat(dirfd, path, flags = O_CREAT, mode);'], removed: [], changed: ['openat(dirfd, path, flags = <mode>);'] },
      { syscall: 'sync', added: [], removed: ['sync();'], changed: [] },
      { syscall: 'write', added: ['write(fd, buf, count);'], removed: [], changed: [] },
    ]);
    expect(formatRulesDiff(d, 'rules/x: 1', '2')).toBe(
      [
        'rules/x: 1 -> 2',
        'files: 1 added, 1 removed, 1 changed',
        '  + c.scml',
        '  - b.scml',
        '  ~ a.scml',
        'rules: 5 -> 5, for 4 -> 4 syscalls',
        '  close: +0 -1',
        '    - close(fd);',
        '  openat: +1 -0 ~1',
        '    + openat(dirfd, path, flags = O_CREAT, mode);',
        '    ~ openat(dirfd, path, flags = <mode>);  (a named flag set or struct it uses changed)',
        '  sync: +0 -1',
        '    - sync();',
        '  write: +1 -0',
        '    + write(fd, buf, count);',
        '',
      ].join('\n'),
    );
  });
});

describe('refreshing a copy of the package from a fake upstream checkout', () => {
  const FOLDER = 'book/src/kernel/linux-compatibility/syscall-flag-coverage';
  let tmp: string;
  let root: string;
  let checkout: string;
  let commit: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'sctrace-refresh-'));
    root = path.join(tmp, 'package');
    mkdirSync(path.join(root, 'rules'), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'rules'), path.join(root, 'rules'), { recursive: true });
    checkout = path.join(tmp, 'asterinas');
    const upstream = path.join(checkout, FOLDER);
    cpSync(path.join(REPO_ROOT, 'rules', 'asterinas'), upstream, { recursive: true });
    // Upstream moved on: a rule more for mprotect, msync's file gone, a new file.
    const mprotect = path.join(upstream, 'memory-management', 'mprotect.scml');
    writeFileSync(mprotect, readFileSync(mprotect, 'utf8') + '\nmprotect(addr, len, prot = PROT_SEM);\n');
    rmSync(path.join(upstream, 'memory-management', 'msync.scml'));
    writeFileSync(path.join(upstream, 'memory-management', 'mlock.scml'), 'mlock(addr, len);\n');
    const git = (...args: string[]) => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'newer');
    commit = git('rev-parse', '--short=9', 'HEAD');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('a checkout whose rules do not compile changes nothing', () => {
    const broken = path.join(tmp, 'broken');
    mkdirSync(path.join(broken, FOLDER), { recursive: true });
    writeFileSync(path.join(broken, FOLDER, 'x.scml'), 'open(path flags);\n');
    let out = '';
    expect(main([broken, '--version', 'v9'], (t) => void (out += t), root, tmp)).toBe(1);
    expect(out).toMatch(/^refresh-rules: the new rules do not compile; nothing changed:\nrules\/asterinas\/x\.scml:1:/);
    expect(readFileSync(path.join(root, 'rules', 'shipped.json'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'rules', 'shipped.json'), 'utf8'));
  });

  test('copies the files, prints the changes per syscall, and records the commit', () => {
    let out = '';
    expect(main(['asterinas'], (t) => void (out += t), root, tmp)).toBe(0);
    expect(out).toContain(`rules/asterinas: 604948581 -> ${commit}\n`);
    expect(out).toContain('files: 1 added, 1 removed, 1 changed\n  + memory-management/mlock.scml\n  - memory-management/msync.scml\n  ~ memory-management/mprotect.scml\n');
    expect(out).toContain('  mlock: +1 -0\n    + mlock(addr, len);\n');
    expect(out).toContain('  mprotect: +1 -0\n    + mprotect(addr, len, prot = PROT_SEM);\n');
    expect(out).toMatch(/\n {2}msync: \+0 -\d+\n/);
    expect(out).toContain('Next: npm run shipped');
    expect(existsSync(path.join(root, 'rules', 'asterinas', 'memory-management', 'msync.scml'))).toBe(false);
    expect(readFileSync(path.join(root, 'rules', 'asterinas', 'memory-management', 'mlock.scml'), 'utf8')).toBe('mlock(addr, len);\n');
    expect(existsSync(path.join(root, 'rules', 'asterinas', 'memory-management', 'README.md'))).toBe(true);
    const [set] = JSON.parse(readFileSync(path.join(root, 'rules', 'shipped.json'), 'utf8'));
    expect(set.version).toBe(commit);
    expect(set.source).toBe(`https://github.com/asterinas/asterinas/tree/${commit}/${FOLDER}`);
    expect(readFileSync(path.join(root, 'rules', 'README.md'), 'utf8')).toContain(`- commit: ${commit}\n`);
  });

  test('usage errors: no checkout, a folder that is no checkout, an unknown set', () => {
    const quiet = () => undefined;
    expect(main([], quiet, root, tmp)).toBe(2);
    expect(main([tmp], quiet, root, tmp)).toBe(1);
    expect(main([checkout, '--set', 'nope'], quiet, root, tmp)).toBe(2);
  });
});
