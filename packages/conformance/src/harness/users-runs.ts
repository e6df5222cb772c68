import type { CheckContext } from '../check.js'

/**
 * Cases for a property that opens a fresh store per case. Calibration grants 100 base runs only to
 * stores that open in under 5 ms, where half of them is cheap; slower engines get a quarter, so SQL
 * and Mongo runs stay within minutes while in-process adapters are still probed widely.
 */
export function freshStoreRuns(ctx: CheckContext): number {
  return Math.max(2, Math.ceil(ctx.numRuns / (ctx.numRuns >= 100 ? 2 : 4)))
}
