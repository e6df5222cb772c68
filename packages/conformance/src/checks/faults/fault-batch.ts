import type { Check, Store } from '../../check.js'
import { expectResolves } from '../../harness/assert.js'
import { type Outcome, outcomeLabels, race, raceRounds, tally } from '../../harness/concurrency-outcomes.js'
import { ContractViolation } from '../../harness/contract-violation.js'

/**
 * A fault-injection check: `round` runs once per round on ONE store, whose connections are killed
 * in every round; the store is never re-created, so a round also proves the previous one recovered.
 */
export function faultCheck(
  id: string,
  title: string,
  round: (store: Store, n: number) => Promise<void>,
): Check {
  return {
    id,
    title,
    area: 'faults',
    level: 'MUST',
    clause: '§0.8',
    requires: 'faults',
    async run(ctx) {
      const store = await ctx.open()
      const stats = { calls: 0, interrupted: 0, idleKills: 0 }
      interruptions.set(store, stats)
      const rounds = raceRounds(ctx)
      for (let n = 0; n < rounds; n++) await round(store, n)
      ctx.note(describeRun(stats))
    },
  }
}

/**
 * What a fault check's run proved. Whether a kill lands mid-call depends on the engine's timing, so a
 * run where none did passes (nothing broke) but has only proved recovery and typed errors; a check
 * that kills idle connections on purpose proves recovery by design, and says so.
 */
function describeRun(stats: { calls: number; interrupted: number; idleKills: number }): string {
  const idle =
    stats.idleKills === 0
      ? ''
      : `killed the store's idle connections ${stats.idleKills} times (no call in flight, by design), and ` +
        'the first call after each kill succeeded on the same repos object: recovery without re-creation proved'
  if (stats.calls === 0) return idle === '' ? 'no connection was killed' : idle
  const inFlight =
    stats.interrupted === 0
      ? `none of ${stats.calls} calls was interrupted (every kill landed between calls): this run proved recovery only, not atomicity under interruption`
      : `${stats.interrupted} of ${stats.calls} calls were interrupted by the kills (rejected with UNAVAILABLE)`
  return idle === '' ? inFlight : `${idle}; ${inFlight}`
}

/**
 * Kills the store's connections while no call is in flight (the pool's idle connections), counted for
 * the check's note.
 */
export async function killIdle(store: Store): Promise<void> {
  await hooks(store).dropConnections()
  const stats = interruptions.get(store)
  if (stats !== undefined) stats.idleKills += 1
}

/** Calls made and calls interrupted under a fault, per store of a running fault check. */
const interruptions = new WeakMap<Store, { calls: number; interrupted: number; idleKills: number }>()

/** The target's hooks; the runner only runs `requires: 'faults'` checks when they exist. */
function hooks(store: Store): NonNullable<Store['faults']> {
  if (store.faults === undefined) throw new TypeError('a faults check ran on a target without fault hooks')
  return store.faults
}

/**
 * Starts every call, kills the store's connections while they are in flight, and waits for all of
 * them. Nothing is assumed about which calls the kill hits (maybe all finished first, maybe none had
 * started): each outcome is judged on its own. Every rejection must be typed `UNAVAILABLE`; a raw
 * driver error, or any other code, fails the check.
 */
export async function underFault<T>(
  store: Store,
  calls: readonly (() => Promise<T>)[],
  what: string,
): Promise<Outcome<T>[]> {
  const faults = hooks(store)
  const running = race(calls)
  await faults.dropConnections()
  const outcomes = await running
  const stats = interruptions.get(store)
  if (stats !== undefined) {
    stats.calls += outcomes.length
    stats.interrupted += failures(outcomes)
  }
  if (outcomes.some((o) => o.status === 'rejected' && o.code !== 'UNAVAILABLE')) {
    throw new ContractViolation(
      `${what}, connections killed mid-flight: every failure must be UNAVAILABLE; got ${tally(outcomeLabels(outcomes))}`,
    )
  }
  return outcomes
}

/**
 * The first call after a kill, on the same `repos` object: it must succeed (the adapter recovers by
 * itself, without being re-created).
 */
export async function nextCall<T>(action: () => Promise<T>, what: string): Promise<T> {
  return await expectResolves(action, `${what} (the first call after the connections were killed)`)
}

/** Number of rejected outcomes (all of them UNAVAILABLE once `underFault` returned). */
export function failures<T>(outcomes: readonly Outcome<T>[]): number {
  return outcomes.filter((o) => o.status === 'rejected').length
}
