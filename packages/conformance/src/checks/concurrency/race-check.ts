import type { Check, Store } from '../../check.js'
import { raceRounds } from '../../harness/concurrency-outcomes.js'

/** One day: expiries this far ahead are never reaped during a run, even by a wall-clock TTL. */
export const DAY_MS = 86_400_000

/**
 * A concurrency check: `round` runs once per round on ONE store (races are probabilistic, so each is
 * repeated; every round must use its own keys). `round` receives the round number.
 */
export function raceCheck(
  id: string,
  title: string,
  round: (store: Store, n: number) => Promise<void>,
): Check {
  return {
    id,
    title,
    area: 'concurrency',
    level: 'MUST',
    clause: '§0.8',
    async run(ctx) {
      const store = await ctx.open()
      const rounds = raceRounds(ctx)
      for (let n = 0; n < rounds; n++) await round(store, n)
    },
  }
}

/** `clock.now()` plus `ms`. */
export function after(store: Store, ms: number): Date {
  return new Date(store.clock.now().getTime() + ms)
}
