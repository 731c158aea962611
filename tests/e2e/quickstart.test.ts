/**
 * The README's two-command start works as written: after the build, the
 * package's bins are executable and `npx sctrace examples/rules --input
 * examples/logs/ls.log` shows a real result.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, SCMLC, SCTRACE, tempDir, testEnv } from './helpers';

test('the built bins are executable', () => {
  for (const bin of [SCTRACE, SCMLC]) expect(statSync(bin).mode & 0o111).toBe(0o111);
  expect(execFileSync(SCTRACE, ['--version']).toString()).toMatch(/^sctrace \d/);
});

test('npx sctrace examples/rules --input examples/logs/ls.log', () => {
  const tmp = tempDir();
  try {
    const r = spawnSync('npx', ['--no-install', 'sctrace', 'examples/rules', '--input', 'examples/logs/ls.log'], {
      cwd: REPO,
      env: testEnv(path.join(tmp.dir, 'cache')),
    });
    expect(r.status).toBe(0);
    const out = r.stdout.toString('latin1');
    const err = r.stderr.toString('latin1');
    expect(out).toMatch(/^\d+ +execve\("\/usr\/bin\/ls", \["ls", "-l", "\/tmp\/demo"\]/);
    expect(err).toMatch(/ioctl\(.* \(unsupported\)\n/);
    expect(err).toMatch(/socket\(AF_UNIX, .* \(unsupported\)\n/);
  } finally {
    tmp.cleanup();
  }
});

test('the quick start against Asterinas, as the README shows it', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const command = 'npx sctrace --matchers asterinas --input examples/logs/ls.log';
  expect(readme).toContain(`npm ci\n${command}\n`);
  const tmp = tempDir();
  try {
    const r = spawnSync('npx', ['--no-install', ...command.split(' ').slice(1)], { cwd: REPO, env: testEnv(path.join(tmp.dir, 'cache')) });
    expect(r.status).toBe(0);
    expect(r.stdout.toString('latin1')).toMatch(/^\d+ +execve\("\/usr\/bin\/ls"/);
    expect(r.stderr.toString('latin1')).toMatch(/ \(unsupported\)\n/);
  } finally {
    tmp.cleanup();
  }
});
