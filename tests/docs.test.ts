/**
 * The spec lives in the repository: every doc that a source comment cites
 * exists in docs/, none cites the reference notes outside the repository,
 * and every SCML example of the guide compiles without errors.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../compiler/analyze';

const REPO = path.join(__dirname, '..');
const ROOMS = ['cli', 'combine', 'compiler', 'lib', 'linux', 'probe', 'runtime', 'tools', 'tests'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const files = ROOMS.flatMap((room) => sources(path.join(REPO, room)));

test('every docs/*.md a source file cites exists, and nothing cites notes outside the repository', () => {
  const cited = new Set<string>();
  for (const file of files) {
    if (file === __filename) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/docs\/([\w-]+\.md)/g)) cited.add(m[1]);
    expect({ file: path.relative(REPO, file), cites: /semantics\.md|scml-language\.md/.test(text) }).toEqual({ file: path.relative(REPO, file), cites: false });
  }
  expect([...cited].sort()).toEqual(expect.arrayContaining(['behaviour.md', 'scml-guide.md']));
  for (const doc of cited) expect(existsSync(path.join(REPO, 'docs', doc))).toBe(true);
});

test('every SCML example in the guide compiles without errors', () => {
  const guide = readFileSync(path.join(REPO, 'docs', 'scml-guide.md'), 'utf8');
  const blocks = [...guide.matchAll(/```c\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(7);
  blocks.forEach((block, i) => {
    const { diagnostics } = analyze([{ path: `example-${i + 1}.scml`, bytes: Buffer.from(block) }]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([]);
  });
});
