/**
 * An error from the `arg` parser as a usage error, with "did you mean" for a
 * misspelt option (`--imput` -> `--input`), as a misspelt rule set's name gets.
 */
import arg from 'arg';

export function argError(err: unknown, options: readonly string[], make: new (message: string) => Error): unknown {
  if (!(err instanceof arg.ArgError)) return err;
  const unknown = /^unknown or unexpected option: (--?[^=\s]+)/.exec(err.message);
  // Required here: a run without a mistake loads nothing of compiler/.
  const { closestName } = require('../compiler/suggest') as typeof import('../compiler/suggest');
  const guess = unknown === null ? null : closestName(unknown[1], options.filter((o) => o.startsWith('--')));
  return new make(guess === null ? err.message : `${err.message}; did you mean '${guess}'?`);
}
