/** The syscall-name cache (runtime/reader/names.ts): a hit or a miss, always the name's chars. */
import { NameCache } from '../../runtime/reader/names';

test('names come back as their chars, whatever the cache holds', () => {
  const names = new NameCache();
  const w = '1 read(3) = 0\n2 ready(1) = 0\n3 x(1) = 0\n4 read(4) = 0\n';
  const at = (name: string, from = 0): [number, number] => {
    const s = w.indexOf(` ${name}(`, from) + 1;
    return [s, s + name.length];
  };
  const first = names.get(w, ...at('read'));
  expect(first).toBe('read');
  expect(names.get(w, ...at('ready'))).toBe('ready');
  expect(names.get(w, ...at('x'))).toBe('x');
  expect(names.get(w, ...at('read', w.indexOf('4 ')))).toBe('read');
  // Two names that share a slot replace each other, and are still read right.
  const long = `${'a'.repeat(40)}(`;
  expect(names.get(long, 0, 40)).toBe('a'.repeat(40));
  for (let i = 0; i < 2000; i++) {
    const name = `n${i.toString(36)}`;
    expect(names.get(` ${name}(`, 1, 1 + name.length)).toBe(name);
  }
});
