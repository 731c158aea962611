/**
 * The pieces behind the sctrace CLI, in process: option rules, colour
 * detection, the buffered sink, the cache's key and entry checks, the module
 * loader's checks, and the classification loop.
 */
import { closeSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ABI_VERSION, type CallView, type MatcherModule } from '../../runtime/abi';
import { createClassifier } from '../../runtime/classify';
import { ModuleLoadError, checkMatcherModule, loadMatcherModuleFromText } from '../../runtime/load-module';
import { colorEnabled } from '../../runtime/output/color';
import { FdSink } from '../../runtime/output/fd-sink';
import type { CallRecord } from '../../runtime/record';
import type { Reporter } from '../../runtime/report/reporter';
import { cacheDir, cacheKey, entryPath, readEntry, writeEntry } from '../../cli/matcher-cache';
import { UsageError, parseSctraceArgs } from '../../cli/sctrace-options';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => (tmp = tempDir()));
afterAll(() => tmp.cleanup());

describe('options', () => {
  test('everything after -- is the program, untouched, even options of ours', () => {
    const p = parseSctraceArgs(['rules', '-q', '--', 'prog', '--input', 'x', '--', '-q']);
    expect(p).toEqual({
      kind: 'run',
      options: expect.objectContaining({ scml: ['rules'], quiet: true, inputs: [], command: ['prog', '--input', 'x', '--', '-q'] }),
    });
  });

  test('several inputs, stdin, and --matchers', () => {
    const p = parseSctraceArgs(['-m', 'mod.js', '--input', 'a.log', '-i', '-', '--fail-on-unsupported', '--no-cache']);
    expect(p).toEqual({
      kind: 'run',
      options: expect.objectContaining({
        scml: [],
        matchers: 'mod.js',
        inputs: ['a.log', '-'],
        command: [],
        quiet: false,
        noCache: true,
        failOnUnsupported: true,
      }),
    });
  });

  test('--help and --version win over missing operands', () => {
    expect(parseSctraceArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseSctraceArgs(['-V'])).toEqual({ kind: 'version' });
  });

  test.each([[['rules', '--input']], [['rules', '--input', 'a', '--', 'p']], [['rules']], [['--input', 'a']], [['rules', '-x', '--input', 'a']]])(
    'usage error: %j',
    (argv) => {
      expect(() => parseSctraceArgs(argv)).toThrow(UsageError);
    },
  );
});

describe('colour', () => {
  test('NO_COLOR beats FORCE_COLOR; FORCE_COLOR=0 and false mean off; otherwise only a terminal', () => {
    const fd = openSync(path.join(tmp.dir, 'not-a-tty'), 'w');
    try {
      expect(colorEnabled(fd, {})).toBe(false);
      expect(colorEnabled(fd, { FORCE_COLOR: '1' })).toBe(true);
      expect(colorEnabled(fd, { FORCE_COLOR: '' })).toBe(true);
      expect(colorEnabled(fd, { FORCE_COLOR: '0' })).toBe(false);
      expect(colorEnabled(fd, { FORCE_COLOR: 'false' })).toBe(false);
      expect(colorEnabled(fd, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
      expect(colorEnabled(fd, { FORCE_COLOR: '1', NO_COLOR: '' })).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe('FdSink', () => {
  test('buffers until flush, writes latin1 bytes, and flushes by itself when the buffer is large', () => {
    const file = path.join(tmp.dir, 'sink.out');
    const fd = openSync(file, 'w');
    try {
      const sink = new FdSink(fd, false);
      sink.write('caf\u00e9 \u00ff\n');
      expect(readFileSync(file).length).toBe(0);
      sink.flush();
      expect(readFileSync(file)).toEqual(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]));
      const big = 'x'.repeat(100_000);
      sink.write(big);
      expect(readFileSync(file).length).toBe(7 + big.length); // over the threshold: written without flush()
    } finally {
      closeSync(fd);
    }
  });

  test('two sinks on one file keep the order of their writes', () => {
    const file = path.join(tmp.dir, 'pair.out');
    const fd1 = openSync(file, 'a');
    const fd2 = openSync(file, 'a');
    try {
      // Different descriptors, but appending to one file: ordered only when paired.
      const a = new FdSink(fd1, false);
      const b = new FdSink(fd2, false);
      FdSink.pairIfSameTarget(a, b);
      a.write('1\n');
      b.write('2\n');
      a.write('3\n');
      a.flush();
      b.flush();
    } finally {
      closeSync(fd1);
      closeSync(fd2);
    }
    expect(readFileSync(file, 'latin1')).toBe('1\n2\n3\n');
  });
});

describe('cache', () => {
  const src = (p: string, text: string) => ({ path: p, bytes: Buffer.from(text) });

  test('the key covers the compiler version, each path and each byte, and the file list', () => {
    const base = cacheKey('1.0.0', [src('a.scml', 'read(fd);'), src('b.scml', 'x;')]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('1.0.0', [src('a.scml', 'read(fd);'), src('b.scml', 'x;')])).toBe(base);
    const variants = [
      cacheKey('1.0.1', [src('a.scml', 'read(fd);'), src('b.scml', 'x;')]),
      cacheKey('1.0.0', [src('A.scml', 'read(fd);'), src('b.scml', 'x;')]),
      cacheKey('1.0.0', [src('a.scml', 'read(fd) ;'), src('b.scml', 'x;')]),
      cacheKey('1.0.0', [src('a.scml', 'read(fd);')]),
      // Bytes moving across the boundary between path and contents, or between files.
      cacheKey('1.0.0', [src('a.scml', 'read(fd);b.scml'), src('', 'x;')]),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  test('XDG_CACHE_HOME is used when absolute, else ~/.cache', () => {
    expect(cacheDir({ XDG_CACHE_HOME: '/x/y' })).toBe(path.join('/x/y', 'sctrace'));
    expect(cacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/[\\/]\.cache[\\/]sctrace$/);
    expect(cacheDir({})).toMatch(/[\\/]\.cache[\\/]sctrace$/);
  });

  test('an entry reads back; a damaged, foreign or missing one does not', () => {
    const dir = path.join(tmp.dir, 'cache');
    const key = 'a'.repeat(64);
    expect(readEntry(dir, key)).toEqual({ kind: 'miss' });
    expect(writeEntry(dir, key, 'module.exports = 1;\n')).toBe(true);
    expect(readEntry(dir, key)).toEqual({ kind: 'hit', code: 'module.exports = 1;\n' });
    expect(readdirSync(dir)).toEqual([`${key}.js`]); // no temporary file left behind

    const file = entryPath(dir, key);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('= 1', '= 2'));
    expect(readEntry(dir, key)).toEqual({ kind: 'damaged', reason: 'checksum mismatch' });
    const other = 'b'.repeat(64);
    writeFileSync(entryPath(dir, other), text);
    expect(readEntry(dir, other)).toEqual({ kind: 'damaged', reason: 'made for another key' });
    writeFileSync(file, text.slice(0, text.length - 3)); // truncated
    expect(readEntry(dir, key).kind).toBe('damaged');
    writeFileSync(file, 'garbage');
    expect(readEntry(dir, key)).toEqual({ kind: 'damaged', reason: 'no valid header' });
  });

  test('an unwritable folder makes writeEntry return false, not throw', () => {
    const blocker = path.join(tmp.dir, 'blocker');
    writeFileSync(blocker, '');
    expect(writeEntry(path.join(blocker, 'sctrace'), 'c'.repeat(64), 'x')).toBe(false);
  });
});

describe('module loader', () => {
  const good = `module.exports = { abi: ${ABI_VERSION}, compiler: 'scmlc 0', sources: [], rules: [], ir: { version: 1, sources: [], rules: [], syscalls: [] }, hasRules: () => false, match: () => -1, matchAsPrinted: () => -1 };`;

  test('accepts a well-formed module', () => {
    const m = loadMatcherModuleFromText(good, 'good.js');
    expect(m.abi).toBe(ABI_VERSION);
    expect(m.match({ name: 'read', argCount: () => 0, arg: () => ({ kind: 'other', text: '' }) })).toBe(-1);
  });

  test.each([
    ['syntax error', 'module.exports = {', /not a loadable JavaScript module/],
    ['throws while loading', 'throw new Error("boom")', /not a loadable JavaScript module \(boom\)/],
    ['exports nothing useful', 'module.exports = 42;', /not an sctrace matcher module/],
    ['other ABI', good.replace(`abi: ${ABI_VERSION}`, 'abi: 0'), /built by scmlc 0 for ABI 0, but this sctrace needs ABI/],
    ['no match()', good.replace('match: () => -1', 'match: 1'), /missing or wrong: match\(\)/],
    ['no matchAsPrinted() (an ABI 1 module stamped 2)', good.replace(', matchAsPrinted: () => -1', ''), /missing or wrong: matchAsPrinted\(\)/],
    ['no ir', good.replace(/ir: \{[^}]*\}/, 'ir: null'), /missing or wrong: ir/],
  ])('refuses: %s', (_name, code, message) => {
    expect(() => loadMatcherModuleFromText(code, 'm.js')).toThrow(ModuleLoadError);
    expect(() => loadMatcherModuleFromText(code, 'm.js')).toThrow(message);
  });

  test('checkMatcherModule refuses null', () => {
    expect(() => checkMatcherModule(null, 'x.js')).toThrow(/not an sctrace matcher module/);
  });
});

describe('classification loop', () => {
  test('each call goes through match() to the reporter, and is counted', () => {
    const seen: [string, number][] = [];
    const reporter: Reporter = {
      call: (r, id) => seen.push([r.text, id]),
      unreadable: (p) => seen.push([p.text, NaN]),
      notice: (m) => seen.push([m, NaN]),
      finish: () => {},
    };
    const matcher: Pick<MatcherModule, 'match'> = { match: (c: CallView) => (c.name === 'read' ? 4 : -1) };
    const call = (name: string): CallRecord => ({
      name,
      pid: 1,
      text: `1 ${name}()`,
      line: 1,
      endLine: 1,
      result: '0',
      argCount: () => 0,
      arg: () => ({ kind: 'other', text: '' }),
    });
    const c = createClassifier(matcher, reporter);
    c.call(call('read'));
    c.call(call('ioctl'));
    c.unreadable({ line: 3, text: 'junk', message: 'unreadable' });
    c.notice('hello');
    expect(seen).toEqual([
      ['1 read()', 4],
      ['1 ioctl()', -1],
      ['junk', NaN],
      ['hello', NaN],
    ]);
    expect([c.callCount, c.unsupportedCount, c.unreadableCount]).toEqual([2, 1, 1]);
  });
});

