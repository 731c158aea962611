/**
 * The real Asterinas rule set (75 files) must compile cleanly, and the IR
 * must be deterministic.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../compiler/analyze';
import { discoverScml } from '../../compiler/discover';
import { formatDiagnostics } from '../../compiler/diagnostics';
import type { Pattern, StructPattern } from '../../runtime/ir';
import { ASTERINAS_DIR } from './helpers';

const files = discoverScml([ASTERINAS_DIR]).files;
const inputs = () => files.map((p) => ({ path: path.relative(ASTERINAS_DIR, p), bytes: readFileSync(p) }));

describe('the Asterinas rule set', () => {
  const result = analyze(inputs());
  const ir = result.ir!;

  test('has 75 files in 10 folders', () => {
    expect(files).toHaveLength(75);
    expect(new Set(files.map((f) => path.dirname(path.relative(ASTERINAS_DIR, f)))).size).toBe(10);
  });

  test('analyzes with zero errors and zero warnings (reviewed: no unused rule, no duplicate rule) besides the Linux ones', () => {
    // The warnings from the Linux facts are listed exactly in linux-checks.test.ts.
    expect(formatDiagnostics(result.diagnostics.filter((d) => d.topic !== 'linux'))).toBe('');
    expect(result.diagnostics.filter((d) => d.topic === 'linux')).toHaveLength(10);
    expect(ir).not.toBeNull();
  });

  test('rule and syscall counts, sources and ids', () => {
    expect(ir.sources).toHaveLength(75);
    expect(ir.sources.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
    expect(ir.rules.length).toBe(314);
    expect(ir.syscalls.length).toBe(244);
    expect(ir.rules.every((r, i) => r.id === i)).toBe(true);
    const names = ir.syscalls.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(ir.syscalls.flatMap((s) => s.rules).sort((a, b) => a - b)).toEqual(ir.rules.map((r) => r.id));
  });

  test('every rule text is the exact source of its statement', () => {
    for (const rule of ir.rules) {
      const body = readFileSync(path.join(ASTERINAS_DIR, rule.origin.file), 'utf8');
      const lines = body.split('\n');
      const offset = lines.slice(0, rule.origin.line - 1).reduce((n, l) => n + l.length + 1, 0) + rule.origin.column - 1;
      expect(body.slice(offset, offset + rule.text.length)).toBe(rule.text);
      expect(rule.text.startsWith(rule.syscall)).toBe(true);
      expect(rule.text.endsWith(';')).toBe(true);
    }
  });

  test('known rules resolve as the files say', () => {
    const byName = (n: string) => ir.syscalls.find((s) => s.name === n)!.rules.map((id) => ir.rules[id]);
    // clone: two bitflags rules flattened into one set
    const clone = byName('clone')[0];
    const cloneFlags = clone.params[2].pattern as Extract<Pattern, { kind: 'flags' }>;
    expect(clone.variadic).toBe(true);
    expect(cloneFlags.kind).toBe('flags');
    expect(cloneFlags.names).toContain('CLONE_VM');
    expect(cloneFlags.names).toContain('SIGCHLD');
    expect(cloneFlags.names).toHaveLength(14 + 32);
    // `flags = 0` is the flag named "0"
    expect(byName('preadv2')[0].params[4].pattern).toEqual({ kind: 'flags', names: ['0'], integer: false });
    // connect: <sockaddr> is a struct reference
    const addr = byName('connect')[0].params[1].pattern as StructPattern;
    expect(addr).toMatchObject({ kind: 'struct', name: 'sockaddr' });
  });

  test('determinism: analyzing twice gives identical JSON, and the IR survives a JSON round trip', () => {
    const again = analyze(inputs());
    const json = JSON.stringify(ir);
    expect(JSON.stringify(again.ir)).toBe(json);
    expect(JSON.parse(json)).toEqual(ir);
  });

  test('analysis is fast', () => {
    const t0 = process.hrtime.bigint();
    analyze(inputs());
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(ms).toBeLessThan(1000);
  });
});
