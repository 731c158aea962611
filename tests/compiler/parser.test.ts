/** The syntax tree itself: node kinds and spans (file + offsets) for every node. */
import { DiagnosticBag } from '../../compiler/diagnostics';
import { parseSource } from '../../compiler/parser';
import type { FileNode, Span } from '../../compiler/ast';
import { locationOf, type Source } from '../../compiler/source';

function parse(body: string): { file: FileNode; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  return { file: parseSource({ name: 'p.scml', body }, bag), bag };
}

/** Every object in the tree that has a span, with the text it covers. */
function spans(node: unknown, out: { kind: string; text: string; span: Span }[] = []): { kind: string; text: string; span: Span }[] {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => spans(n, out));
    return out;
  }
  const o = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(o)) {
    if (key === 'source') continue;
    if (key === 'span') {
      const span = value as Span;
      out.push({ kind: String(o.kind ?? 'identifier/param'), text: span.source.body.slice(span.start, span.end), span });
    } else spans(value, out);
  }
  return out;
}

test('statement kinds and exact spans', () => {
  const body = 'm = A | <b>;\nstruct s = { f = [ <m>, { g } ], .. };\nopen(p, x = <m>, ..);';
  const { file, bag } = parse(body);
  expect(bag.items).toEqual([]);
  expect(file.statements.map((s) => [s.kind, s.name.name, body.slice(s.span.start, s.span.end)])).toEqual([
    ['bitflagsRule', 'm', 'm = A | <b>;'],
    ['structRule', 's', 'struct s = { f = [ <m>, { g } ], .. };'],
    ['syscall', 'open', 'open(p, x = <m>, ..);'],
  ]);
  const all = spans(file.statements).sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  expect(all.every((s) => s.span.source === file.source)).toBe(true);
  expect(all.filter((s) => s.kind === 'reference').map((s) => s.text)).toEqual(['<b>', '<m>', '<m>']);
  expect(all.filter((s) => s.kind === 'flagName').map((s) => s.text)).toEqual(['A']);
  expect(all.filter((s) => s.kind === 'arrayPattern').map((s) => s.text)).toEqual(['[ <m>, { g } ]']);
  expect(all.filter((s) => s.kind === 'structPattern').map((s) => s.text)).toEqual(['{ f = [ <m>, { g } ], .. }', '{ g }']);
  expect(all.filter((s) => s.kind === 'flagPattern').map((s) => s.text)).toEqual(['A | <b>', '<m>']);
});

test('recovery: a broken statement is skipped up to its ;, the rest still parses', () => {
  const { file, bag } = parse('a(x y z);\nb(q);\nc = | ;\nd(r);');
  expect(file.statements.map((s) => s.name.name)).toEqual(['b', 'd']);
  expect(file.hadSyntaxErrors).toBe(true);
  expect([...file.brokenNames]).toEqual(['c']);
  expect(bag.items.map((d) => [d.line, d.column])).toEqual([
    [1, 5],
    [3, 5],
  ]);
});

describe('locationOf', () => {
  const src: Source = { name: 'x', body: 'ab\ncd\r\nef\rg😀h' };
  test.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 2, 1],
    [7, 3, 1],
    [10, 4, 1],
    [13, 4, 4], // the emoji counts two UTF-16 code units
    [14, 4, 5],
  ])('offset %i → %i:%i', (offset, line, column) => {
    expect(locationOf(src, offset)).toEqual({ line, column });
  });
});
