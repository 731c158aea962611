/**
 * A source text and the mapping from offsets to line/column.
 *
 * Tokens and AST nodes keep only offsets; line and column are computed when
 * a message needs them (graphql-js style). Lines and columns are 1-based;
 * a column counts UTF-16 code units (JavaScript string indices) plus one.
 */

export interface Source {
  /** The path as given to the compiler; used in messages and origins. */
  readonly name: string;
  /** The decoded text. */
  readonly body: string;
}

export interface Location {
  line: number;
  column: number;
}

/** Offsets where each line starts, cached per source (sources are immutable). */
const lineStartsCache = new WeakMap<Source, number[]>();

function lineStarts(source: Source): number[] {
  let starts = lineStartsCache.get(source);
  if (starts === undefined) {
    starts = [0];
    const body = source.body;
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      // \r\n counts once; a lone \r also ends a line.
      if (c === 10 || (c === 13 && body.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    lineStartsCache.set(source, starts);
  }
  return starts;
}

/** Index into lineStarts of the line holding `offset` (binary search). */
function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function locationOf(source: Source, offset: number): Location {
  const starts = lineStarts(source);
  const index = lineIndex(starts, offset);
  return { line: index + 1, column: offset - starts[index] + 1 };
}

/** The text of the line holding `offset`, without its line ending. */
export function lineTextAt(source: Source, offset: number): string {
  const starts = lineStarts(source);
  const index = lineIndex(starts, offset);
  const start = starts[index];
  const end = index + 1 < starts.length ? starts[index + 1] : source.body.length;
  return source.body.slice(start, end).replace(/\r?\n$|\r$/, '');
}
