/**
 * Rule-level matching (docs/behaviour.md section 2, last paragraph): names,
 * argument counts, `..`, first rule in IR order, and what the emitted module
 * may read — always differential (module and interpreter must agree).
 */
import { ANY, INTEGER, PATH, buildIR, call, Differential, flagSet, flags, int, str } from '../compiler/emit/harness';
import type { Value } from '../../runtime/abi';

const OFLAGS = flagSet(['O_RDONLY', 'O_CLOEXEC']);

describe('argument count and variadic rules', () => {
  const diff = new Differential(
    buildIR([
      { syscall: 'open', params: [ANY, OFLAGS] },
      { syscall: 'open', params: [ANY, flagSet(['O_CREAT', 'O_RDONLY']), ANY] },
      { syscall: 'ioctl', params: [ANY, flagSet(['FIONBIO'])], variadic: true },
      { syscall: 'anything', params: [], variadic: true },
      { syscall: 'none', params: [] },
    ]),
  );
  test('exact count', () => {
    expect(diff.match(call('open', [str('/a'), flags('O_RDONLY')]))).toBe(0);
    expect(diff.match(call('open', [str('/a'), flags('O_CREAT'), int('0644')]))).toBe(1);
    expect(diff.match(call('open', [str('/a'), flags('O_CREAT')]))).toBe(-1);
    expect(diff.match(call('open', [str('/a')]))).toBe(-1);
    expect(diff.match(call('open', [str('/a'), flags('O_RDONLY'), int('1'), int('2')]))).toBe(-1);
  });
  test('`..` accepts any number of further arguments, not fewer', () => {
    expect(diff.match(call('ioctl', [int('3'), flags('FIONBIO')]))).toBe(2);
    expect(diff.match(call('ioctl', [int('3'), flags('FIONBIO'), int('1'), str('x')]))).toBe(2);
    expect(diff.match(call('ioctl', [int('3')]))).toBe(-1);
    expect(diff.match(call('ioctl', [int('3'), flags('TCGETS'), int('1')]))).toBe(-1);
  });
  test('`(..)` alone accepts any arguments', () => {
    expect(diff.match(call('anything', []))).toBe(3);
    expect(diff.match(call('anything', [int('1'), str('x'), flags('A')]))).toBe(3);
  });
  test('empty parameter list', () => {
    expect(diff.match(call('none', []))).toBe(4);
    expect(diff.match(call('none', [int('0')]))).toBe(-1);
  });
  test('names must be equal; a syscall with no rule is -1', () => {
    expect(diff.match(call('Open', [str('/a'), flags('O_RDONLY')]))).toBe(-1);
    expect(diff.match(call('openat', [str('/a'), flags('O_RDONLY')]))).toBe(-1);
    expect(diff.hasRules('open')).toBe(true);
    expect(diff.hasRules('openat')).toBe(false);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(diff.hasRules(name)).toBe(false);
      expect(diff.match(call(name, []))).toBe(-1);
    }
  });
});

describe('rule order', () => {
  test('the first matching rule in IR order wins, across files', () => {
    const diff = new Differential(
      buildIR([
        { syscall: 'mmap', params: [ANY, flagSet(['PROT_READ'])] },
        { syscall: 'brk', params: [ANY] },
        { syscall: 'mmap', params: [ANY, flagSet(['PROT_READ', 'PROT_WRITE'])] },
        { syscall: 'mmap', params: [ANY, ANY], origin: { file: 'b.scml', line: 1, column: 1 } },
      ]),
    );
    expect(diff.match(call('mmap', [int('0'), flags('PROT_READ')]))).toBe(0);
    expect(diff.match(call('mmap', [int('0'), flags('PROT_READ', 'PROT_WRITE')]))).toBe(2);
    expect(diff.match(call('mmap', [int('0'), flags('PROT_EXEC')]))).toBe(3);
    expect(diff.module.rules.map((r) => r.file)).toEqual(['t.scml', 't.scml', 't.scml', 'b.scml']);
  });
});

describe('what the emitted module reads', () => {
  const ir = buildIR([
    { syscall: 'openat', params: [ANY, ANY, flagSet(['O_RDONLY'])] },
    { syscall: 'openat', params: [ANY, PATH, flagSet(['O_RDONLY', 'O_CLOEXEC']), ANY] },
    { syscall: 'openat', params: [ANY, ANY, flagSet(['O_RDONLY', 'O_CLOEXEC', 'O_CREAT']), INTEGER] },
    { syscall: 'write', params: [ANY, ANY, ANY] },
  ]);
  const diff = new Differential(ir);

  /** A call whose unconstrained arguments throw when read. */
  function guarded(name: string, args: (Value | null)[]) {
    const c = call(name, args.map((a) => a ?? str('unused')));
    const arg = c.arg.bind(c);
    return Object.assign(c, {
      arg(i: number): Value {
        if (args[i] === null) throw new Error(`argument ${i} is unconstrained and must not be read`);
        return arg(i);
      },
    });
  }

  test('an unconstrained parameter never touches call.arg(i)', () => {
    expect(diff.module.match(guarded('write', [null, null, null]))).toBe(3);
    expect(diff.module.match(guarded('openat', [null, str('/x'), flags('O_CREAT'), int('0644')]))).toBe(2);
  });

  test('each argument is read at most once per call, even when several rules test it', () => {
    const c = call('openat', [flags('AT_FDCWD'), str('/x'), flags('O_CREAT', 'O_CLOEXEC'), int('0644')]);
    expect(diff.module.match(c)).toBe(2);
    expect(c.reads[2]).toBe(1);
    expect(c.reads[0]).toBe(0);
    expect(c.reads[1]).toBe(1);
    expect(diff.match(call('openat', [flags('AT_FDCWD'), str('/x'), flags('O_CREAT', 'O_CLOEXEC'), int('0644')]))).toBe(2);
  });

  test('no argument is read when the count rules every rule out', () => {
    const c = call('openat', [flags('AT_FDCWD'), str('/x')]);
    expect(diff.match(c)).toBe(-1);
    const d = call('openat', [flags('AT_FDCWD'), str('/x')]);
    diff.module.match(d);
    expect(d.reads).toEqual([0, 0]);
  });
});
