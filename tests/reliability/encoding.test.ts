/**
 * Text from the log in JSON and on the page (issue: `café` in a log showed
 * as `cafÃ©`): valid UTF-8 is shown as the text it encodes; bytes that are
 * not UTF-8 keep one character per byte, so nothing is lost. Text output
 * stays byte for byte.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { utf8Text } from '../../runtime/report/json-text';
import { EXAMPLE_RULES, sctrace, useScratch } from '../e2e/helpers';

const scratch = useScratch();
const LOG = Buffer.concat([
  Buffer.from('1 unlinkat(AT_FDCWD, "/tmp/caf\xc3\xa9", 0) = 0\n', 'latin1'),
  Buffer.from('1 unlinkat(AT_FDCWD, "/tmp/x\xff", 0) = 0\n', 'latin1'),
]);

describe('UTF-8 in the JSON and the page', () => {
  test('utf8Text decodes valid UTF-8 byte strings only', () => {
    expect(utf8Text('caf\xc3\xa9')).toBe('café');
    expect(utf8Text('x\xff')).toBe('x\xff');
    expect(utf8Text('plain')).toBe('plain');
    expect(utf8Text('Ā and \xc3\xa9')).toBe('Ā and \xc3\xa9'); // already text (a char over U+00FF)
  });

  test('jsonl and json: café as café, an invalid byte as U+00FF; text output unchanged', () => {
    const jsonl = sctrace([EXAMPLE_RULES, '--format', 'jsonl', '--input', '-'], { env: scratch.env, input: LOG });
    const texts = jsonl.stdout.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; text?: string }).filter((o) => o.type === 'call').map((o) => o.text);
    expect(texts).toEqual(['1 unlinkat(AT_FDCWD, "/tmp/café", 0) = 0', '1 unlinkat(AT_FDCWD, "/tmp/x\u00ff", 0) = 0']);
    const json = sctrace([EXAMPLE_RULES, '--format', 'json', '--input', '-'], { env: scratch.env, input: LOG });
    expect(json.stdout.toString('utf8')).toContain('/tmp/café');
    const text = sctrace([EXAMPLE_RULES, '--input', '-'], { env: scratch.env, input: LOG });
    expect(Buffer.concat([text.stdout, text.stderr]).includes(Buffer.from('/tmp/caf\xc3\xa9"', 'latin1'))).toBe(true);
  });

  test('--html: café on the page', () => {
    const page = path.join(scratch.dir, 'page.html');
    expect(sctrace([EXAMPLE_RULES, '--html', page, '--input', '-'], { env: scratch.env, input: LOG }).status).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('/tmp/café');
    expect(html).not.toContain('cafÃ©');
  });
});
