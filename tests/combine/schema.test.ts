/**
 * Every JSON document names its schema ($schema), and the combined JSON
 * output has a schema too: real outputs validate against the files their
 * $schema names, which the package exports under that name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../gaps/json-schema';
import { ASTERINAS, appLogs, REPO, sctrace, tempDir } from './helpers';

const dir = tempDir('sctrace-combine-schema-');
const cache = path.join(dir, 'cache');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The schema file a `$schema` names, found as the package's `exports` map it. */
function schemaFor(id: string): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const target = manifest.exports['./schema/*'] as string;
  const file = path.join(REPO, target.replace('*', id.replace(/^sctrace\/schema\//, '')));
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(schema.$id).toBe(id);
  return schema;
}

test('app reports and the combined output validate against the schema their $schema names', () => {
  const reports = path.join(dir, 'reports');
  fs.mkdirSync(reports);
  for (const log of appLogs()) {
    const r = sctrace([ASTERINAS, '--format', 'json', '--input', log], cache);
    const doc = JSON.parse(r.out);
    expect(doc.$schema).toBe('sctrace/schema/report.schema.json');
    expect(validate(schemaFor(doc.$schema), doc)).toEqual([]);
    fs.writeFileSync(path.join(reports, `${path.basename(log, '.log')}.json`), r.out);
  }
  const combined = JSON.parse(sctrace(['combine', reports, '--format', 'json'], cache).out);
  expect(combined.$schema).toBe('sctrace/schema/combined.schema.json');
  const schema = schemaFor(combined.$schema);
  expect(validate(schema, combined)).toEqual([]);
  expect(combined.gaps.length).toBeGreaterThan(0);
  // The schema is strict: an unknown field or a wrong kind is refused.
  expect(validate(schema, { ...combined, extra: 1 })).toEqual(['$: unexpected property extra']);
  expect(validate(schema, { ...combined, gaps: [{ ...combined.gaps[0], kind: 'bogus' }] })).toEqual(['$.gaps[0].kind: "bogus" not in enum']);

  // With probe results (an app that tolerates a gap) and --weights, the optional fields validate too.
  const first = fs.readdirSync(reports).sort()[0];
  const doc = JSON.parse(fs.readFileSync(path.join(reports, first), 'utf8'));
  doc.verdict.tolerated = [doc.blockers[0].id];
  fs.writeFileSync(path.join(reports, first), JSON.stringify(doc));
  const weights = path.join(dir, 'weights.txt');
  fs.writeFileSync(weights, fs.readdirSync(reports).map((f, i) => `${path.basename(f, '.json')} ${i + 1}\n`).join(''));
  const probed = JSON.parse(sctrace(['combine', reports, '--format', 'json', '--weights', weights], cache).out);
  expect(probed.apps.some((a: { tolerated?: string[] }) => a.tolerated !== undefined)).toBe(true);
  expect(probed.totals.weight).toBeDefined();
  expect(probed.plan.every((s: { supportedWeight?: number }) => s.supportedWeight !== undefined)).toBe(true);
  expect(validate(schema, probed)).toEqual([]);
});
