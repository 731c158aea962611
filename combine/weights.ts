/**
 * `sctrace combine --weights FILE`: how much each app counts, e.g. its
 * installations from a popularity contest. One app a line: its label, white
 * space, the weight (a whole or decimal number); `#` starts a comment; blank
 * lines are skipped. The label is everything before the last field, so it
 * may contain spaces. Apps with no line weigh 0.
 */

export class WeightsError extends Error {
  override name = 'WeightsError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseWeights(text: string): Map<string, number> {
  const weights = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const match = /^(.*\S)\s+(\S+)$/.exec(line);
    if (match === null) throw new WeightsError(`expected '<app label> <weight>', not '${line}'`, i + 1);
    const [, label, value] = match;
    if (!/^[0-9]+(\.[0-9]+)?$/.test(value)) throw new WeightsError(`the weight of '${label}' must be a number of 0 or more, not '${value}'`, i + 1);
    if (weights.has(label)) throw new WeightsError(`'${label}' is given a weight twice`, i + 1);
    weights.set(label, Number(value));
  });
  return weights;
}
