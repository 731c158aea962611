import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILER_VERSION } from '../../compiler/version';

test('COMPILER_VERSION equals the package version', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
  expect(COMPILER_VERSION).toBe(pkg.version);
});
