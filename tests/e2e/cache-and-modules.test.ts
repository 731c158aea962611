/**
 * One log through every way of getting a matcher module: SCML paths (a
 * cache miss), the cache on a hit, a module built by scmlc (`--matchers`);
 * with the small example rules also --no-cache and a rebuilt damaged entry. The output must be the same
 * bytes every time. A cache hit must not load the compiler.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ASTERINAS, EXAMPLE_LOG, EXAMPLE_RULES, LOGS, type RunResult, lines, readdirOrEmpty, scmlc, sctrace, tempDir, testEnv } from './helpers';

const LOG = path.join(LOGS, 'python3_subprocess.log');

let tmp: ReturnType<typeof tempDir>;
let cacheHome: string;
let env: NodeJS.ProcessEnv;
let reference: RunResult;

beforeAll(() => {
  tmp = tempDir();
  cacheHome = path.join(tmp.dir, 'cache');
  env = testEnv(cacheHome);
  // SCML paths, cache miss: compiles and stores the module.
  reference = sctrace([ASTERINAS, '--input', LOG], { env });
});
afterAll(() => tmp.cleanup());

function entries(): string[] {
  return readdirOrEmpty(path.join(cacheHome, 'sctrace'));
}

function expectSameOutput(r: RunResult): void {
  expect(r.status).toBe(reference.status);
  expect(r.stdout.equals(reference.stdout)).toBe(true);
  expect(r.stderr.equals(reference.stderr)).toBe(true);
}

test('the reference run classifies something both ways', () => {
  expect(reference.status).toBe(0);
  expect(lines(reference.out).length).toBeGreaterThan(100);
  expect(reference.err).toContain(' (unsupported)\n');
  expect(reference.err).not.toContain('\x1b['); // not a terminal: no colour
  expect(entries()).toHaveLength(1);
  expect(entries()[0]).toMatch(/^[0-9a-f]{64}\.js$/);
});

test('a module from scmlc gives the same bytes', () => {
  const module = path.join(tmp.dir, 'asterinas.js');
  const built = scmlc([ASTERINAS, '-o', module], { env });
  expect(built.status).toBe(0);
  expectSameOutput(sctrace(['--matchers', module, '--input', LOG], { env }));
});

test('a cache hit gives the same bytes as the miss, and loads no compiler', () => {
  const loadedList = path.join(tmp.dir, 'loaded.json');
  const preload = path.join(tmp.dir, 'record-modules.js');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(loadedList)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  expectSameOutput(sctrace([ASTERINAS, '--input', LOG], { env, nodeArgs: ['-r', preload] }));
  const loaded = JSON.parse(readFileSync(loadedList, 'utf8')) as string[];
  expect(loaded.some((f) => f.endsWith(path.join('dist', 'cli', 'sctrace.js')))).toBe(true);
  const heavy = loaded.filter(
    (f) =>
      /[\\/]node_modules[\\/](typescript|ts-morph|@ts-morph)[\\/]/.test(f) ||
      (/[\\/]dist[\\/]compiler[\\/]/.test(f) && !/[\\/]compiler[\\/](version|discover)\.js$/.test(f)),
  );
  expect(heavy).toEqual([]);
});

describe('with the example rules', () => {
  const small = [EXAMPLE_RULES, '--input', EXAMPLE_LOG];
  let smallReference: RunResult;
  let smallCache: string;
  beforeAll(() => {
    smallCache = path.join(tmp.dir, 'small-cache');
    smallReference = sctrace(small, { env: testEnv(smallCache) });
    expect(smallReference.status).toBe(0);
  });

  test('a damaged cache entry is noticed, rebuilt, and the output is unchanged', () => {
    const [entry] = readdirSync(path.join(smallCache, 'sctrace'));
    const file = path.join(smallCache, 'sctrace', entry);
    const text = readFileSync(file, 'utf8');
    // Flip one character in the body: the checksum no longer matches.
    const at = text.indexOf('\n') + 50;
    writeFileSync(file, text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));

    const r = sctrace(small, { env: testEnv(smallCache) });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(smallReference.stdout)).toBe(true);
    const warning = lines(r.err)[0];
    expect(warning).toMatch(/^sctrace: warning: ignoring damaged cache entry .*checksum/);
    expect(r.err.slice(warning.length + 1)).toBe(smallReference.err);
    expect(readFileSync(file, 'utf8')).toBe(text); // rebuilt in place
  });

  test('--no-cache gives the same bytes and neither reads nor writes the cache', () => {
    const fresh = path.join(tmp.dir, 'untouched-cache');
    const r = sctrace([...small, '--no-cache'], { env: testEnv(fresh) });
    expect(r.stdout.equals(smallReference.stdout)).toBe(true);
    expect(r.stderr.equals(smallReference.stderr)).toBe(true);
    expect(readdirOrEmpty(fresh)).toEqual([]);
  });

  test('an unwritable cache folder only costs speed', () => {
    const blocked = path.join(tmp.dir, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder should be');
    const r = sctrace(small, { env: testEnv(blocked) });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(smallReference.stdout)).toBe(true);
    expect(r.stderr.equals(smallReference.stderr)).toBe(true);
  });
});

test('changing a rule file gives a new cache entry', () => {
  const rules = path.join(tmp.dir, 'rules.scml');
  writeFileSync(rules, 'read(fd, buf, count);\n');
  const first = sctrace([rules, '--quiet', '--input', LOG], { env });
  writeFileSync(rules, 'write(fd, buf, count);\n');
  const second = sctrace([rules, '--quiet', '--input', LOG], { env });
  expect(first.status).toBe(0);
  expect(second.status).toBe(0);
  expect(first.err).toContain('Unsupported syscall: ');
  expect(first.err).not.toMatch(/Unsupported syscall: \S+\s+read\(/);
  expect(second.err).toMatch(/Unsupported syscall: \S+\s+read\(/);
  expect(second.err).not.toMatch(/Unsupported syscall: \S+\s+write\(/);
});
