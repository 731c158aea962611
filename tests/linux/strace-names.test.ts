/**
 * The strace name tables in linux/: the generated module is what the TSV
 * renders to (regenerate with `npm run strace-names`), the TSV keeps its
 * provenance, and the extractor (tools/extract-strace-names.ts) reads
 * strace's formats as strace does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NAMES_MODULE, NAMES_TSV, renderNamesModule } from '../../linux/generate-names';
import { nameTableNames, tablesWithName } from '../../linux/strace-names';
import { ioctlRows, signalRows, xlatToC } from '../../tools/extract-strace-names';

const ROOT = path.join(__dirname, '..', '..');

test(`${NAMES_MODULE} is what ${NAMES_TSV} renders to`, () => {
  const fresh = renderNamesModule(fs.readFileSync(path.join(ROOT, NAMES_TSV), 'utf8'));
  const committed = fs.readFileSync(path.join(ROOT, NAMES_MODULE), 'utf8');
  if (committed !== fresh) throw new Error(`${NAMES_MODULE} is stale: run \`npm run strace-names\` and review the diff`);
});

test('the TSV keeps its provenance; the tables are strace\'s', () => {
  const tsv = fs.readFileSync(path.join(ROOT, NAMES_TSV), 'utf8');
  expect(tsv).toMatch(/git 3e4d70a5e497dc924fba50766f1dc31081c7a59b/);
  expect(tsv).toMatch(/LGPL-2.1-or-later/);
  expect(nameTableNames().length).toBeGreaterThan(750);
  expect(tablesWithName('MAP_DENYWRITE')).toEqual(['mmap_flags']);
  expect(tablesWithName('O_CLOEXEC')).toContain('open_mode_flags');
  expect(tablesWithName('PROT_WRTE')).toEqual([]);
});

test('a malformed row is refused with its line', () => {
  expect(() => renderNamesModule('# x\nmmap_flags\tMAP_SHARED\tone\n')).toThrow(`${NAMES_TSV}:2:`);
  expect(renderNamesModule('# p\nt\tA\t-100\nt\tB\t\n')).toContain("['t', 'A=-0x64 B'],");
});

test('the extractor: xlat entries, #if blocks kept for the C preprocessor, expressions reduced to their names', () => {
  const c = xlatToC(['#Prefix MAP_', 'MAP_SHARED\t0x1', '/* comment */', '#if defined __alpha__', 'MAP_FIXED 0x100', '#else', 'MAP_FIXED 0x10', '#endif', 'MAP_STACK', 'FUTEX_FD|FUTEX_PRIVATE_FLAG'].join('\n'));
  expect(c.names).toEqual(['MAP_SHARED', 'MAP_FIXED', 'MAP_FIXED', 'MAP_STACK', 'FUTEX_FD', 'FUTEX_PRIVATE_FLAG']);
  expect(c.body).toContain('#if defined __alpha__');
  expect(c.body).toContain('# define MAP_SHARED (0x1)');
  expect(c.body).toContain('#ifdef MAP_STACK\nE(MAP_STACK)\n#else\nU(MAP_STACK)\n#endif');
  expect(c.body).not.toContain('Prefix');
  expect(xlatToC('A 1\nB (A+1)\n', new Set(['B'])).body).toContain('U(B)');
});

test('the extractor: ioctl codes built from direction, code and size; signal numbers', () => {
  expect(ioctlRows('{ "asm-generic/ioctls.h", "TCGETS", 0, 0x5401, 0 },\n{ "linux/fs.h", "BLKGETSIZE64", _IOC_READ, 0x1272, 0x08 },')).toEqual([
    { table: 'ioctl_codes', name: 'TCGETS', value: 0x5401n },
    { table: 'ioctl_codes', name: 'BLKGETSIZE64', value: 0x80081272n },
  ]);
  expect(signalRows('\t"0",\t\t/* 0 */\n\t"SIGHUP",\t/* 1 */\n')).toEqual([{ table: 'signals', name: 'SIGHUP', value: 1n }]);
});
