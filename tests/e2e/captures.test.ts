/**
 * Calls strace never finished, through the CLI: checked and marked
 * incomplete by default; reported unreadable with --as-printed.
 */
import * as path from 'node:path';
import { FIXTURE_CAPTURES } from '../fixtures/paths';
import { lines, sctrace, useScratch } from './helpers';

const scratch = useScratch();
const CUT = path.join(FIXTURE_CAPTURES, 'killed_cut.log');

describe('calls never finished (strace killed while threads block in futex)', () => {
  test('--format jsonl: checked, marked incomplete', () => {
    const r = sctrace(['--matchers', 'asterinas', '--format', 'jsonl', '--input', CUT], { env: scratch.env });
    expect(r.status).toBe(0);
    const objects = lines(r.out).map((l) => JSON.parse(l) as { type: string; syscall?: string; supported?: boolean; incomplete?: boolean; line?: number });
    const incomplete = objects.filter((o) => o.incomplete === true);
    expect(incomplete.map((o) => [o.line, o.syscall, o.supported])).toEqual([
      [601, 'futex', true], [549, 'futex', true], [588, 'futex', true], [600, 'futex', true],
    ]);
    expect(objects.filter((o) => o.type === 'unreadable')).toEqual([]);
    expect(objects.filter((o) => o.type === 'call' && o.incomplete !== undefined && o.incomplete !== true)).toEqual([]);
  });

  test('text: the line, then (incomplete)', () => {
    const r = sctrace(['--matchers', 'asterinas', '--input', CUT], { env: scratch.env });
    expect(r.status).toBe(0);
    const marked = lines(r.out).filter((l) => l.endsWith(' (incomplete)'));
    expect(marked).toHaveLength(4);
    expect(marked[1]).toMatch(/^17381 futex\(.* <unfinished \.\.\.> \(incomplete\)$/);
    expect(r.err).not.toContain('Strace Parse Error');
  });

  test('--as-printed: reported unreadable, as the original tool', () => {
    const r = sctrace(['--matchers', 'asterinas', '--as-printed', '--input', CUT], { env: scratch.env });
    expect(r.status).toBe(0);
    expect(r.out).not.toContain('(incomplete)');
    expect(lines(r.err).filter((l) => l.startsWith('Strace Parse Error: '))).toHaveLength(4);
  });
});
