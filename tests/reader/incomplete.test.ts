/**
 * Calls strace never finished (runtime/reader/incomplete-call.ts): with the
 * `incomplete` option they are call records with the arguments strace
 * printed, the rest unprinted (they match every pattern); without it they
 * are reported as before.
 */
import fc from 'fast-check';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord, Problem } from '../../runtime/record';
import { isUnprinted } from '../../runtime/match/kernel-view';
import type { IncompleteCall } from '../../runtime/reader/incomplete-call';

function readAll(text: string, incomplete: boolean): { calls: CallRecord[]; problems: Problem[] } {
  const calls: CallRecord[] = [];
  const problems: Problem[] = [];
  const reader = new StraceReader({ call: (c) => calls.push(c), unreadable: (p) => problems.push(p), notice: () => {} }, { incomplete });
  reader.push(Buffer.from(text, 'latin1'));
  reader.end();
  return { calls, problems };
}

/** Each position: the argument's text, or `*` when unprinted. */
function view(c: CallRecord): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.argCount(); i++) {
    const v = c.arg(i);
    out.push(isUnprinted(c.unprinted ?? 0, i) ? '*' : 'text' in v ? v.text : v.kind === 'flags' ? v.parts.join('|') : v.kind);
  }
  return out;
}

const FUTEX = '12175 futex(0x22a39f60, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY';

describe('calls never finished', () => {
  test('a futex wait never resumed: all its entry arguments were printed, only the result is missing', () => {
    const { calls, problems } = readAll(`${FUTEX} <unfinished ...>\n12172 close(3) = 0\n`, true);
    expect(problems).toEqual([]);
    const c = calls.find((x) => x.name === 'futex') as CallRecord;
    expect([c.incomplete, c.pid, c.line, c.endLine, c.result, c.text]).toEqual([true, 12175, 1, 1, '', `${FUTEX} <unfinished ...>`]);
    expect(view(c)).toEqual(['0x22a39f60', 'FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME', '0', 'NULL', 'FUTEX_BITSET_MATCH_ANY']);
    expect(calls.find((x) => x.name === 'close')?.incomplete).toBeUndefined();
  });

  test('arguments strace prints on exit are unprinted, up to the kernel\'s count', () => {
    const { calls } = readAll('7 read(3,  <unfinished ...>\n7 wait4(-1,  <unfinished ...>\n7 pause( <unfinished ...>\n', true);
    expect(calls.map((c) => [c.name, view(c)])).toEqual([
      ['read', ['3', '*', '*']],
      ['wait4', ['-1', '*', '*', '*']],
      ['pause', []],
    ]);
  });

  test('a line cut at the end of the log: its last argument may be cut too', () => {
    const { calls, problems } = readAll(`7 write(1, "ok\\n", 3) = 3\n${FUTEX}`, true);
    expect(problems).toEqual([]);
    expect(calls.map((c) => [c.name, c.incomplete === true, c.line])).toEqual([['write', false, 1], ['futex', true, 2]]);
    // Up to the kernel's count (strace may have had more to print), or only what it shows (printedOnly).
    expect(view(calls[1])).toEqual(['0x22a39f60', 'FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME', '0', 'NULL', '*', '*']);
    expect(view((calls[1] as IncompleteCall).printedOnly() as CallRecord)).toEqual(['0x22a39f60', 'FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME', '0', 'NULL', '*']);
    expect(calls[1].text).toBe(FUTEX);
  });

  test('a line cut in the middle of a log (a copy that lost the end of a line) is an incomplete call too', () => {
    const { calls, problems } = readAll('7 read(3, "TZif2\\0\\0...\n7 close(3) = 0\n7 openat(AT_FDCWD, "/x", O_RDONLY\n7 write(1, "a", 1) = 1\n', true);
    expect(problems).toEqual([]);
    expect(calls.map((c) => [c.name, c.incomplete === true, c.line, view(c)])).toEqual([
      ['read', true, 1, ['3', '*', '*']],
      ['close', false, 2, ['3']],
      ['openat', true, 3, ['AT_FDCWD', '/x', '*', '*']],
      ['write', false, 4, ['1', 'a', '1']],
    ]);
    expect(view((calls[2] as IncompleteCall).printedOnly() as CallRecord)).toEqual(['AT_FDCWD', '/x', '*']);
    // Mid-log, only a syscall name counts: garbage that looks like `word(` stays unreadable.
    expect(readAll('7 zzq(3, 4\n7 close(3) = 0\n', true).problems.map((p) => [p.line, p.message])).toEqual([[1, 'system call without " = result"']]);
    // At the end of a log too: a last line `Xr(...` cut off is no call.
    expect(readAll('7 close(3) = 0\nXr(\x8f\x01', true).calls.map((c) => c.name)).toEqual(['close']);
    // Without the option (--as-printed): unreadable, as before.
    expect(readAll('7 read(3, "TZif\n7 close(3) = 0\n', false).problems.map((p) => [p.line, p.message])).toEqual([[1, 'system call without " = result"']]);
  });

  test('random bytes never read as a call, wherever a `word(` falls in them', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (bytes) => {
      const reader = new StraceReader({ call: (c) => { throw new Error(`read a call: ${c.text}`); }, unreadable: () => {}, notice: () => {} }, { incomplete: true });
      reader.push(Buffer.from(bytes));
      reader.end();
    }), { numRuns: 2000, seed: 20261203 });
  });

  test('strace detaching mid-call (`<detached ...>`), in one line or after an unfinished start', () => {
    const { calls, problems } = readAll('5 futex(0x1, FUTEX_WAIT_PRIVATE, 2, NULL <detached ...>\n6 read(0,  <unfinished ...>\n6 <... read resumed> <detached ...>\n', true);
    expect(problems).toEqual([]);
    expect(calls.map((c) => [c.name, c.incomplete, c.line, c.endLine, view(c)])).toEqual([
      ['futex', true, 1, 1, ['0x1', 'FUTEX_WAIT_PRIVATE', '2', 'NULL']],
      ['read', true, 2, 2, ['0', '*', '*']],
    ]);
  });

  test('a new start for a pid whose call is still pending: the old one never resumed', () => {
    const { calls } = readAll('5 read(0,  <unfinished ...>\n5 close(3 <unfinished ...>\n5 <... close resumed>) = 0\n', true);
    expect(calls.map((c) => [c.name, c.incomplete === true])).toEqual([['read', true], ['close', false]]);
  });

  test('without the option (sctrace --as-printed): reported unreadable, as before', () => {
    const { calls, problems } = readAll(`${FUTEX} <unfinished ...>\n7 read(3, `, false);
    expect(calls).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'system call without " = result"'],
      [1, 'call never resumed'],
    ]);
  });
});
