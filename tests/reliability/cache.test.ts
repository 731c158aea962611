/**
 * The cache trusts only what the user owns (issue: with XDG_CACHE_HOME on a
 * folder others can write, a forged entry with a valid checksum ran
 * silently; a symlinked entry was loaded from outside the cache and its
 * target's mtime updated; then: a cache folder of ours under a folder others
 * can write could be swapped for theirs).
 */
import { chmodSync, chownSync, copyFileSync, existsSync, lchownSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, rmSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { readEntry, writeEntry } from '../../cli/matcher-cache';
import { EXAMPLE_LOG, EXAMPLE_RULES, sctrace, tempDir, testEnv } from '../e2e/helpers';

interface Setup {
  cache: string;
  env: NodeJS.ProcessEnv;
  entry: string;
  key: string;
  marker: string;
  expectedOut: Buffer;
  cleanup: () => void;
}

/** A cache with the example rules' entry, then forged: loading it creates `marker`. */
function forgedCache(): Setup {
  const tmp = tempDir('sctrace-trust-');
  const env = testEnv(path.join(tmp.dir, 'xdg'));
  const first = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env });
  expect(first.status).toBe(0);
  const cache = path.join(tmp.dir, 'xdg', 'sctrace');
  const name = readdirSync(cache).find((n) => n.endsWith('.js')) as string;
  const key = name.slice(0, -3);
  const found = readEntry(cache, key);
  if (found.kind !== 'hit') throw new Error('no entry');
  const marker = path.join(tmp.dir, 'forged-module-ran');
  expect(writeEntry(cache, key, `process.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n${found.code}`, found.warnings ?? '')).toBe(true);
  return { cache, env, entry: path.join(cache, name), key, marker, expectedOut: first.stdout, cleanup: tmp.cleanup };
}

describe('cache trust', () => {
  test('control: a forged entry in a folder of ours does load (the checksum is no authentication)', () => {
    const s = forgedCache();
    try {
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: s.env });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(true);
    } finally {
      s.cleanup();
    }
  });

  test.each([
    { which: 'the cache folder', mode: '0777' },
    { which: 'a folder above it', mode: '0777' },
    { which: 'a folder above it', mode: '0775' },
  ])('$which writable by others (mode $mode): the cache is bypassed with one warning; nothing in it runs or is written', ({ which, mode }) => {
    const s = forgedCache();
    try {
      const parent = path.dirname(s.cache);
      const folderItself = which === 'the cache folder';
      chmodSync(folderItself ? s.cache : parent, parseInt(mode, 8));
      const reason = folderItself ? `writable by others (mode ${mode})` : `the folder ${parent} above it is writable by others (mode ${mode})`;
      const before = readFileSync(s.entry);
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: s.env });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(false);
      expect(r.stdout.equals(s.expectedOut)).toBe(true);
      expect(r.err.match(/warning: not using the cache/g)).toHaveLength(1);
      expect(r.err).toContain(`not using the cache ${s.cache}: ${reason}; compiling afresh`);
      expect(readFileSync(s.entry).equals(before)).toBe(true);
      expect(readdirSync(s.cache)).toEqual([path.basename(s.entry)]);
    } finally {
      s.cleanup();
    }
  });

  test('a cache in $HOME/.cache under a sticky folder like /tmp is made 0700 and used, with no warning', () => {
    const tmp = tempDir('sctrace-trust-');
    try {
      const sticky = path.join(tmp.dir, 'sticky-tmp');
      mkdirSync(sticky);
      chmodSync(sticky, 0o1777);
      const home = path.join(sticky, 'me');
      mkdirSync(home, { mode: 0o755 });
      const env: NodeJS.ProcessEnv = { ...testEnv(''), HOME: home };
      delete env.XDG_CACHE_HOME;
      const first = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env });
      expect(first.status).toBe(0);
      expect(first.err).not.toContain('warning');
      const cache = path.join(home, '.cache', 'sctrace');
      expect(statSync(cache).mode & 0o777).toBe(0o700);
      const [name] = readdirSync(cache);
      const key = name.slice(0, -3);
      const found = readEntry(cache, key);
      if (found.kind !== 'hit') throw new Error('no entry');
      // A marked entry proves the second run loaded it rather than compiling again.
      const marker = path.join(tmp.dir, 'entry-ran');
      expect(writeEntry(cache, key, `process.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n${found.code}`)).toBe(true);
      const second = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env });
      expect(second.status).toBe(0);
      expect(second.err).toBe(first.err);
      expect(existsSync(marker)).toBe(true);
      expect(second.stdout.equals(first.stdout)).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  (process.getuid?.() === 0 ? test : test.skip)("as root: a cache reached through another user's symbolic link is bypassed", () => {
    const s = forgedCache();
    try {
      const top = path.dirname(path.dirname(s.cache));
      const link = path.join(top, 'link');
      symlinkSync(path.dirname(s.cache), link);
      lchownSync(link, 65534, 65534);
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: { ...s.env, XDG_CACHE_HOME: link } });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(false);
      expect(r.err).toContain(`not using the cache ${path.join(link, 'sctrace')}: the symbolic link ${link} on the way is owned by user 65534, neither by you (0) nor by root`);
    } finally {
      s.cleanup();
    }
  });

  test('an entry writable by others is not loaded, and is rebuilt', () => {
    const s = forgedCache();
    try {
      chmodSync(s.entry, 0o666);
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: s.env });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(false);
      expect(r.err).toContain(`not loading cache entry ${s.entry}: writable by others (mode 0666); compiling again`);
      expect(statSync(s.entry).mode & 0o777).toBe(0o644);
      expect(readEntry(s.cache, s.key).kind).toBe('hit');
    } finally {
      s.cleanup();
    }
  });

  (process.getuid?.() === 0 ? test : test.skip)('as root: an entry owned by another user is not loaded', () => {
    const s = forgedCache();
    try {
      chownSync(s.entry, 65534, 65534);
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: s.env });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(false);
      expect(r.err).toContain(`not loading cache entry ${s.entry}: owned by user 65534, not by you (0)`);
    } finally {
      s.cleanup();
    }
  });

  test('a symlinked entry is neither loaded nor touched; the link is replaced by a real entry', () => {
    const s = forgedCache();
    try {
      const outside = path.join(path.dirname(path.dirname(s.cache)), 'outside.js');
      copyFileSync(s.entry, outside);
      const old = new Date(2020, 0, 1);
      utimesSync(outside, old, old);
      rmSync(s.entry);
      symlinkSync(outside, s.entry);
      const r = sctrace([EXAMPLE_RULES, '--input', EXAMPLE_LOG], { env: s.env });
      expect(r.status).toBe(0);
      expect(existsSync(s.marker)).toBe(false);
      expect(r.err).toContain(`not loading cache entry ${s.entry}: a symbolic link; compiling again`);
      expect(statSync(outside).mtimeMs).toBe(old.getTime());
      expect(lstatSync(s.entry).isFile()).toBe(true);
    } finally {
      s.cleanup();
    }
  });
});
