/** tests/setup/fast-check.ts: property tests draw from a fixed seed unless FC_SEED says otherwise. */
import fc from 'fast-check';

test('property tests share one seed (FC_SEED, or the fixed default)', () => {
  const wanted = process.env.FC_SEED;
  const seed = fc.readConfigureGlobal().seed;
  if (wanted === 'random') expect(seed).toBeUndefined();
  else expect(seed).toBe(wanted === undefined || wanted === '' ? 20261203 : Number(wanted));
  // So the same draw twice gives the same values.
  const draw = () => fc.sample(fc.integer(), 5);
  if (wanted !== 'random') expect(draw()).toEqual(draw());
});
