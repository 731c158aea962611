/**
 * The terminal captures and cut logs of tests/fixtures/captures: no call is
 * lost. What stays unreadable is only what is not strace's: the first and
 * last line that `script` adds, and program output written while strace
 * was not yet attached.
 */
import * as fs from 'fs';
import * as path from 'path';
import { read } from './helpers';
import { FIXTURE_CAPTURES } from '../fixtures/paths';

/** Lines that are nobody's call: script(1)'s own lines, output printed before strace attached. */
const NOT_STRACE = /^(Script started on |Script done on |waiter [0-9] blocking$|main: joining$)/;

/** Per capture: how many lines stay unreadable (all NOT_STRACE), and how many calls strace never finished. */
const expected: Record<string, { unreadable: number; incomplete: number }> = {
  'attach_tty.txt': { unreadable: 6, incomplete: 4 },
  'killed_cut.log': { unreadable: 0, incomplete: 4 },
  'killed_tty.txt': { unreadable: 2, incomplete: 4 },
  'old_messages.log': { unreadable: 0, incomplete: 0 },
  'summary_C_tty.txt': { unreadable: 2, incomplete: 0 },
  'threads_n_tty.txt': { unreadable: 2, incomplete: 0 },
  'writes_tty.txt': { unreadable: 2, incomplete: 0 },
};

const files = fs.readdirSync(FIXTURE_CAPTURES).filter((f) => /\.(txt|log)$/.test(f)).sort();

describe('captures: every call gets a verdict', () => {
  test('the captures are there', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  test.each(files)('%s', (file) => {
    const r = read(fs.readFileSync(path.join(FIXTURE_CAPTURES, file)), { incomplete: true });
    expect(r.problems.filter((p) => !NOT_STRACE.test(p.text))).toEqual([]);
    expect(r.problems).toHaveLength(expected[file].unreadable);
    expect(r.records.filter((c) => c.incomplete === true)).toHaveLength(expected[file].incomplete);
    expect(r.stats.calls).toBeGreaterThan(0);
  });

  test('healed calls hold no message, and have a result', () => {
    const r = read(fs.readFileSync(path.join(FIXTURE_CAPTURES, 'threads_n_tty.txt')));
    expect(r.calls.filter((c) => c.text.includes('strace: ') || c.result === '')).toEqual([]);
  });
});
