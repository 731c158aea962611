/**
 * The man pages (man/*.1, installed through package.json `man`) describe
 * every option of their command and every exit status, and render cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SPEC as COMBINE } from '../../cli/combine';
import { SPEC as PROBE } from '../../cli/probe';
import { SPEC as SCMLC } from '../../cli/scmlc';
import { SPEC as SCTRACE } from '../../cli/sctrace-options';
import { EXIT } from '../../cli/sctrace';
import { REPO } from './helpers';

const page = (name: string) => readFileSync(path.join(REPO, 'man', name), 'utf8');
const roff = (option: string) => option.replace(/-/g, '\\-');

test.each([
  ['sctrace.1', { ...SCTRACE, ...COMBINE, ...PROBE }],
  ['scmlc.1', SCMLC],
])('%s names every option', (name, spec) => {
  const text = page(name);
  for (const option of Object.keys(spec)) expect(text).toContain(roff(option));
});

test('sctrace.1 names every exit status, and package.json installs both pages', () => {
  const text = page('sctrace.1');
  for (const status of Object.values(EXIT)) expect(text).toContain(`.B ${status}\n`);
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  expect(manifest.man).toEqual(['./man/sctrace.1', './man/scmlc.1']);
  expect(manifest.files).toContain('man');
});

const groff = ['/usr/bin/groff', '/bin/groff'].find((g) => existsSync(g));
(groff === undefined ? test.skip : test).each(['sctrace.1', 'scmlc.1'])('%s renders without warnings', (name) => {
  const r = spawnSync(groff as string, ['-man', '-Tutf8', '-ww', '-z', path.join(REPO, 'man', name)], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
