/**
 * The number of runs of a property that asks for more than fast-check's default: `n`, unless
 * FC_RUNS is set, which then wins everywhere (to run the model-based and differential tests
 * for longer: `FC_RUNS=2000 npx vitest run test/model`).
 */
export function runs(n: number): number {
  const override = process.env['FC_RUNS'];
  return override ? Number(override) : n;
}
