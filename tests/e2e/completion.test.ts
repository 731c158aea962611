/**
 * `sctrace completion bash|zsh|fish`: scripts made from the commands' option
 * tables. The bash one is run in bash: options, formats, shipped sets'
 * names, combine's own options, scmlc's options.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SPEC } from '../../cli/sctrace-options';
import { sctrace, useScratch } from './helpers';

const scratch = useScratch();

function complete(script: string, fn: string, words: string[]): string[] {
  const file = path.join(scratch.dir, 'completion.bash');
  writeFileSync(file, script);
  // An empty folder to complete in: file names there would complete too.
  const cwd = path.join(scratch.dir, 'empty');
  mkdirSync(cwd, { recursive: true });
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; ${fn}; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '');
}

test('bash: options, their values, combine and scmlc', () => {
  const r = sctrace(['completion', 'bash'], { env: scratch.env });
  expect(r.status).toBe(0);
  expect(spawnSync('bash', ['-n'], { input: r.out }).status).toBe(0);
  expect(complete(r.out, '_sctrace', ['sctrace', '--imp'])).toEqual([]);
  expect(complete(r.out, '_sctrace', ['sctrace', '--in'])).toEqual(['--input']);
  expect(complete(r.out, '_sctrace', ['sctrace', '--format', ''])).toEqual(['text', 'json', 'jsonl']);
  expect(complete(r.out, '_sctrace', ['sctrace', '-m', 'aster'])).toEqual(['asterinas']);
  expect(complete(r.out, '_sctrace', ['sctrace', 'com'])).toEqual(['combine', 'completion']);
  expect(complete(r.out, '_sctrace', ['sctrace', 'combine', '--f'])).toEqual(['--format']);
  expect(complete(r.out, '_sctrace', ['sctrace', 'combine', '--format', 'h'])).toEqual(['html']);
  expect(complete(r.out, '_scmlc', ['scmlc', '--pack'])).toEqual(['--package']);
  // Every long option of sctrace completes.
  const all = complete(r.out, '_sctrace', ['sctrace', '--']);
  for (const option of Object.keys(SPEC).filter((k) => k.startsWith('--'))) expect(all).toContain(option);
});

test('zsh loads the same functions through bashcompinit; fish gets complete lines', () => {
  const zsh = sctrace(['completion', 'zsh'], { env: scratch.env }).out;
  expect(zsh).toContain('autoload -U +X bashcompinit && bashcompinit\n_sctrace() {\n');
  expect(zsh).toContain('complete -o filenames -F _sctrace sctrace');
  const fish = sctrace(['completion', 'fish'], { env: scratch.env }).out;
  expect(fish).toContain("complete -c sctrace -n 'not __fish_seen_subcommand_from combine completion' -l format -x -a 'text json jsonl'");
  expect(fish).toContain("complete -c sctrace -n 'not __fish_seen_subcommand_from combine completion' -l input -s i -r -F");
  expect(fish).toContain("complete -c sctrace -n '__fish_seen_subcommand_from combine' -l format -x -a 'text md html json'");
  expect(fish).toContain('complete -c scmlc -l package -r -F');
});

test('an unknown shell is a usage error', () => {
  const r = sctrace(['completion', 'tcsh'], { env: scratch.env });
  expect(r.status).toBe(2);
  expect(r.err).toContain('completion needs one shell: bash, zsh, fish');
});
