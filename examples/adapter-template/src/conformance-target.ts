/**
 * What the conformance suite runs against: test/conformance.test.ts uses it through vitest, and
 * `npm run certify` loads the built dist/conformance-target.js. The suite calls `makeRepos` many
 * times, sometimes with several stores open at once.
 */
import type { ConformanceContext, ConformanceTarget } from '@regstack/conformance'
import { createYourRepos } from './create-your-repos.js'

/**
 * A fresh, empty, isolated store per call (CONTRACT §7.3). With a real engine, open a scratch
 * database, schema, table prefix or key prefix named after `ctx.namespace` (unique per call) here,
 * and drop it in `close`.
 */
export async function makeRepos(ctx: ConformanceContext): Promise<ConformanceTarget> {
  return {
    repos: createYourRepos({ clock: ctx.clock }),
    // The contract revision your adapter implements (CONTRACT §0.19); the suite checks exactly that
    // one. An adapter written for an older revision declares it (e.g. '2026-05') and stays certified.
    revision: '2026-07',
    // true if the engine deletes expired rows on its own, as MongoDB's TTL indexes do (CONTRACT §0.13).
    capabilities: { automaticExpiry: false },
    close: async () => {
      // Release connections and drop the scratch store here.
    },
  }
}
