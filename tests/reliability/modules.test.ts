/**
 * Hostile or broken matcher modules (issue: a match() that throws gave a
 * stack trace; one returning 999999 or NaN made every call supported,
 * silently; `abi: "2"` was refused as "built for ABI 2, but this sctrace
 * needs ABI 2"). Each is reported by the module's name, exit status 1,
 * with one thread and in worker threads alike. A malformed IR (a missing
 * field, an unknown pattern kind, a rule id out of range) is refused at load
 * with the fault's place, before --explain or a report reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ABI_VERSION, type MatcherModule } from '../../runtime/abi';
import { createClassifier } from '../../runtime/classify';
import { explain } from '../../runtime/explain/explain';
import { kernelNote } from '../../runtime/explain/kernel-note';
import { createInterpreter } from '../../runtime/interpret';
import { ModuleLoadError, checkMatcherModule } from '../../runtime/load-module';
import { matcherFor } from '../../runtime/match/kernel-call';
import { StraceReader } from '../../runtime/reader/index';
import type { CallRecord } from '../../runtime/record';
import type { TextSink } from '../../runtime/report/reporter';
import { createReporter } from '../../cli/reporters';
import { parseSctraceArgs } from '../../cli/sctrace-options';
import { EXAMPLE_LOG, EXAMPLE_RULES, LOGS, REPO, scmlc, sctrace, testEnv, useScratch } from '../e2e/helpers';

const scratch = useScratch();

/** A module that is the example rules' module with `override` (JS source of an object) spread over it. */
function variant(name: string, override: string): string {
  const real = path.join(scratch.dir, 'real.js');
  if (scmlc([EXAMPLE_RULES, '-o', real], { env: scratch.env }).status !== 0) throw new Error('scmlc failed');
  const file = path.join(scratch.dir, `${name}.js`);
  writeFileSync(file, `const real = require('./real.js');\nmodule.exports = { ...real, ...${override} };\n`);
  return file;
}

describe('broken matcher modules', () => {
  test.each([
    ['throws', `{ match: () => { throw new Error('boom'); } }`, /match\(\) threw on the \w+ call of line 1: boom$/m],
    ['returns 999999', `{ match: () => 999999 }`, /match\(\) returned 999999 on the \w+ call of line 1, which is not one of its \d+ rule ids \(or -1\)/],
    ['returns NaN', `{ match: () => NaN }`, /match\(\) returned NaN on the \w+ call of line 1/],
    ['returns a string', `{ match: () => '0' }`, /match\(\) returned "0" \(a string\)/],
  ])('a match() that %s is reported by name, exit 1', (name, override, message) => {
    const module = variant(name.replace(/\W/g, ''), override);
    for (const jobs of ['1', '2']) {
      const env = testEnv(path.join(scratch.dir, 'cache'), { SCTRACE_PARALLEL_MIN_BYTES: '0', SCTRACE_RANGE_BYTES: '4096' });
      const r = sctrace(['--matchers', module, '-q', '--jobs', jobs, '--input', EXAMPLE_LOG], { env });
      expect(r.status).toBe(1);
      expect(r.err).toContain(`sctrace: matcher module ${module}: `);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
    }
  });

  test('an ABI given as a string is named as such', () => {
    const module = variant('abistring', `{ abi: '${ABI_VERSION}' }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toContain(`for ABI "${ABI_VERSION}" (a string), but this sctrace needs ABI ${ABI_VERSION}`);
  });
});

describe('a module whose IR nests too deep', () => {
  test('is refused at load, before the interpreter (--explain) recurses over it', () => {
    let deep = '{ kind: "any" }';
    for (let i = 0; i < 200; i++) deep = `{ kind: "array", elements: [${deep}] }`;
    const module = variant('deepir', `{ ir: { ...real.ir, rules: [{ ...real.ir.rules[0], params: [{ name: "x", pattern: ${deep} }] }] } }`);
    const r = sctrace(['--matchers', module, '--explain', '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${module}: its rules nest patterns more than 32 levels deep, which scmlc never writes`);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('a module whose IR is malformed', () => {
  // Each is refused at load, by the module's name and the fault's place, in one line: before, some gave a stack trace in --explain.
  test.each([
    ['a missing field', `rules: real.ir.rules.map((r, i) => (i === 2 ? { ...r, syscall: undefined } : r))`, 'ir.rules[2].syscall: missing (expected a string)'],
    ['params not an array', `rules: real.ir.rules.map((r, i) => (i === 1 ? { ...r, params: { 0: r.params[0] } } : r))`, 'ir.rules[1].params: expected an array, found an object'],
    ['a rule id out of place', `rules: real.ir.rules.map((r, i) => (i === 3 ? { ...r, id: 99 } : r))`, 'ir.rules[3].id: expected 3 (its place in ir.rules), found 99'],
    ['an unknown pattern kind', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: r.params.map((p, j) => (j === 2 ? { ...p, pattern: { kind: 'zz' } } : p)) } : r))`, 'ir.rules[0].params[2].pattern.kind: unknown kind "zz"'],
    ['flag names that are not strings', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: r.params.map((p, j) => (j === 2 ? { ...p, pattern: { ...p.pattern, names: ['O_RDONLY', 7] } } : p)) } : r))`, 'ir.rules[0].params[2].pattern.names[1]: expected a string, found 7'],
    ['a syscalls entry naming a missing rule', `syscalls: real.ir.syscalls.map((s, i) => (i === 0 ? { ...s, rules: [...s.rules, 999] } : s))`, 'ir.syscalls[0].rules[1]: 999 is not a rule id (ir.rules has 24)'],
    ['a syscalls entry naming a rule of another syscall', `syscalls: real.ir.syscalls.map((s, i) => (i === 0 ? { ...s, rules: [real.ir.rules.findIndex((r) => r.syscall !== s.name)] } : s))`, /ir\.syscalls\[0\]\.rules\[0\]: rule \d+ is for "\w+", not "\w+"\); rebuild/],
    ['a rule no syscalls entry lists', `syscalls: real.ir.syscalls.slice(1)`, /ir\.syscalls: rule \d+ \("\w+"\) is not listed\); rebuild/],
    ['another IR version', `version: 2`, 'ir.version: expected 1, found 2'],
    ['a struct without alternatives', `rules: real.ir.rules.map((r, i) => (i === 0 ? { ...r, params: [{ name: 'st', pattern: { kind: 'struct', name: null } }] } : r))`, 'ir.rules[0].params[0].pattern.alternatives: missing (expected an array)'],
  ])('%s: refused in one line, exit 1', (name, irOverride, message) => {
    const module = variant(name.replace(/\W/g, ''), `{ ir: { ...real.ir, ${irOverride} } }`);
    const r = sctrace(['--matchers', module, '--explain', '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sctrace: [^\n]*\n$/);
    expect(r.err).toContain(`${module}: damaged matcher module (`);
    expect(r.err).toMatch(typeof message === 'string' ? `(${message}); rebuild it with \`scmlc\`` : message);
  });

  test('an exported rule list longer than the IR is refused', () => {
    const module = variant('longrules', `{ rules: [...real.rules, real.rules[0]] }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^sctrace: [^\n]*damaged matcher module \(rules: 25 entries, but ir\.rules has 24\)[^\n]*\n$/);
  });

  test('an IR that cannot even be read (a getter that throws) is refused by name', () => {
    const module = variant('getter', `{ ir: { ...real.ir, get rules() { throw new Error('no rules for you'); } } }`);
    const r = sctrace(['--matchers', module, '--input', EXAMPLE_LOG], { env: scratch.env });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^sctrace: [^\n]*damaged matcher module \(it could not be read: no rules for you\)[^\n]*\n$/);
  });
});

describe('random damage to a valid IR', () => {
  // The shipped Asterinas module (structs, arrays, flags, printing rules) and a real log's calls, up to 3 per syscall.
  const real = require(path.join(REPO, 'generated', 'asterinas.js')) as MatcherModule;
  const records: CallRecord[] = [];
  const perName = new Map<string, number>();
  const reader = new StraceReader(
    {
      call(record) {
        const seen = perName.get(record.name) ?? 0;
        if (seen < 3) records.push(record);
        perName.set(record.name, seen + 1);
      },
      unreadable() {},
      notice() {},
    },
    { incomplete: true },
  );
  reader.push(readFileSync(path.join(LOGS, 'node_workers.log')));
  reader.end();

  const silent: TextSink = { color: false, write() {}, flush() {} };
  const RUNS = [['--explain', '--summary', '--coverage'], ['--format', 'json'], ['--format', 'jsonl', '--as-printed'], ['--suggest-scml', 'SUGGEST', '--html', 'HTML']];

  /** Everything that reads a module's IR while a log is checked: the reporters, the interpreter, explain. */
  function useModule(module: MatcherModule): void {
    for (const run of RUNS) {
      const argv = run.map((a) => (a === 'SUGGEST' || a === 'HTML' ? path.join(scratch.dir, `out-${a}`) : a));
      const parsed = parseSctraceArgs([...argv, '--matchers', 'mutant.js', '--input', 'node_workers.log']);
      if (parsed.kind !== 'run') throw new Error('not a run');
      const { options } = parsed;
      const reporter = createReporter(options, { ir: module.ir, target: module.target ?? null, stdout: silent, stderr: silent, asPrinted: options.asPrinted }, () => records.length);
      const classifier = createClassifier(matcherFor(module, options.asPrinted), reporter);
      for (const record of records) classifier.call(record);
      reporter.finish();
    }
    const interpreter = createInterpreter(module.ir);
    for (const record of records) {
      interpreter.match(record);
      interpreter.matchAsPrinted(record);
      explain(module.ir, record);
      explain(module.ir, record, { asPrinted: true });
      kernelNote(module.ir, record);
    }
  }

  type Node = { parent: Record<string, unknown> | unknown[]; key: string | number };

  /** Every place in the IR (a field or an element), in a fixed order. */
  function places(ir: unknown): Node[] {
    const out: Node[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), walk(v)));
      else if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) out.push({ parent: value as Record<string, unknown>, key: k }), walk(v);
      }
    };
    walk(ir);
    return out;
  }

  const JUNK: unknown[] = [null, 0, -1, 1.5, 2 ** 40, '', 'zz', [], {}, true, { kind: 'zz' }, { kind: 'struct' }, { kind: 'array', elements: [] }, { kind: 'flags', names: [], integer: false }];
  /** Strings and numbers of the right type but odd: what a shape check lets through, for the readers to cope with. */
  const ODD_STRINGS = ['', 'zz', '__proto__', 'constructor', 'O_RDONLY', '<INTEGER>', 'a\nb', '\u00e9\u0000'];
  const ODD_NUMBERS = [0, 1, 2, 7, 1e6];
  const mutation = fc.record({
    at: fc.nat(),
    op: fc.constantFrom('delete', 'junk', 'copy', 'duplicate', 'alike', 'alike'),
    junk: fc.constantFrom(...JUNK),
    from: fc.nat(),
  });

  function mutate(ir: unknown, m: { at: number; op: string; junk: unknown; from: number }): void {
    const all = places(ir);
    const { parent, key } = all[m.at % all.length];
    const get = (n: Node) => (n.parent as Record<string | number, unknown>)[n.key];
    const set = (value: unknown) => ((parent as Record<string | number, unknown>)[key] = value);
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.op === 'junk') set(structuredClone(m.junk));
    else if (m.op === 'copy') set(structuredClone(get(all[m.from % all.length])));
    else if (m.op === 'alike') set(alike(get({ parent, key }), all, m.from));
    else if (Array.isArray(parent)) parent.push(structuredClone(get({ parent, key })));
    else set([get({ parent, key })]);
  }

  /** A value of the same type: an odd string or number, the other boolean, another pattern (or object with the same fields). */
  function alike(value: unknown, all: Node[], pick: number): unknown {
    if (typeof value === 'string') return ODD_STRINGS[pick % ODD_STRINGS.length];
    if (typeof value === 'number') return ODD_NUMBERS[pick % ODD_NUMBERS.length];
    if (typeof value === 'boolean') return !value;
    if (Array.isArray(value)) return value.slice(0, pick % (value.length + 1));
    const fields = (v: unknown) => (typeof v === 'object' && v !== null ? Object.keys(v).sort().join() : '');
    const isPattern = (v: unknown) => typeof v === 'object' && v !== null && 'kind' in v;
    const like = all.map((n) => (n.parent as Record<string | number, unknown>)[n.key]).filter((v) => (isPattern(value) ? isPattern(v) : fields(v) === fields(value)));
    return like.length === 0 ? value : structuredClone(like[pick % like.length]);
  }

  test('never a stack trace: each mutant is refused in one line by name, or loads and runs', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const ir = structuredClone(real.ir);
        for (const m of mutations) mutate(ir, m);
        let module: MatcherModule;
        try {
          module = checkMatcherModule({ ...real, ir }, 'mutant.js');
        } catch (err) {
          expect(err).toBeInstanceOf(ModuleLoadError);
          expect((err as Error).message).toMatch(/^mutant\.js: [^\n]+$/);
          refused++;
          return;
        }
        useModule(module);
        accepted++;
      }),
      { numRuns: 150 },
    );
    // Both outcomes were seen (about 1 in 8 loads): the property tested the checker and the readers alike.
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });
});
