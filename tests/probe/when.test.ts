/** Choosing strace's when= for a flag gap: the refused calls of every thread, and no call the rules allow. */
import { whenExpression } from '../../probe/injection';
import type { ObservedCall } from '../../probe/observe';

const GAP = 'mmap:flag-not-allowed:flags:MAP_DENYWRITE';

/** Calls of one syscall per thread: 'x' a call with the gap, '.' one the rules allow. */
function calls(threads: Record<number, string>): ObservedCall[] {
  return Object.entries(threads).flatMap(([pid, pattern]) =>
    [...pattern].map((c, i) => ({ name: 'mmap', pid: Number(pid), ordinal: i + 1, gaps: c === 'x' ? [GAP] : [], injected: false, line: 1, text: '' })),
  );
}

test('one refused call: its ordinal alone', () => {
  expect(whenExpression(calls({ 1: '..x.' }), GAP)).toEqual({ expr: '3', covered: 1 });
});

test('a run of refused calls: a range', () => {
  expect(whenExpression(calls({ 1: '.xxx.' }), GAP)).toEqual({ expr: '2..4+1', covered: 3 });
});

test('every other call: a range with a step', () => {
  expect(whenExpression(calls({ 1: '.x.x.x' }), GAP)).toEqual({ expr: '2..6+2', covered: 3 });
});

test('the same ordinals in two threads count twice; an allowed call in another thread stops the range', () => {
  expect(whenExpression(calls({ 1: '.xx', 2: '.xx' }), GAP)).toEqual({ expr: '2..3+1', covered: 4 });
  expect(whenExpression(calls({ 1: '.xxx', 2: '.x.' }), GAP)).toEqual({ expr: '2..4+2', covered: 3 });
});

test('the first refused call is covered when it can be, even if a later start covers more', () => {
  // 2, 4 and 6 rather than 4..6: the first refused call decides whether the program survives it.
  expect(whenExpression(calls({ 1: '.x.xxx' }), GAP)).toEqual({ expr: '2..6+2', covered: 3 });
  expect(whenExpression(calls({ 1: '.x.xxxx' }), GAP)).toEqual({ expr: '2..6+2', covered: 3 });
  expect(whenExpression(calls({ 1: '.x.xxx', 2: '.x' }), GAP)).toEqual({ expr: '2..6+2', covered: 4 });
  // Another thread's allowed call at the first's ordinal: the best elsewhere.
  expect(whenExpression(calls({ 1: '.x.xxx', 2: '..' }), GAP)).toEqual({ expr: '4..6+1', covered: 3 });
});

test('no exact expression: the first refused call alone (the rerun log shows the extra refusal)', () => {
  expect(whenExpression(calls({ 1: '.x', 2: '..' }), GAP)).toEqual({ expr: '2', covered: 1 });
});
