/**
 * Property tests draw from one fixed seed by default, so a run's answer does
 * not depend on luck and a failure replays. `FC_SEED=N` replays seed N;
 * `FC_SEED=random` explores new cases (fast-check prints the seed of any
 * counterexample it finds).
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20261203;
const wanted = process.env.FC_SEED;
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? DEFAULT_SEED : Number(wanted);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(wanted)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
