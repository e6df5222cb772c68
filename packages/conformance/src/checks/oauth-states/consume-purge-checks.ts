import type { NewOAuthState } from '@regstack/protocols'
import fc from 'fast-check'
import { shifted } from '../../arbitraries/dates.js'
import { SAFE_PAST_MS, type StateDraft, stateDraft, stateOf } from '../../arbitraries/oauth-models.js'
import { unicodeString } from '../../arbitraries/strings.js'
import type { Check, Store } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { createState, expectFound } from '../../harness/oauth-state-steps.js'
import { perStoreRuns } from '../../harness/oauth-steps.js'

/** Several states with distinct ids. */
const stateDrafts = fc.uniqueArray(stateDraft(), { minLength: 1, maxLength: 6, selector: (d) => d.state.id })

/** Creates every draft dated against the store clock, returning the states written. */
async function createAll(store: Store, drafts: readonly StateDraft[]): Promise<NewOAuthState[]> {
  const states = drafts.map((d) => stateOf(d, store.clock))
  for (const s of states) await createState(store, s)
  return states
}

const consumeOnce: Check = {
  id: 'oauthStates.consume.returns-row-once',
  title:
    'consume returns the row as it was (resultToken included) and deletes only it; a second consume and ' +
    'consume of an unknown id return null.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§3.7',
  run: (ctx) =>
    ctx.property(
      [
        stateDrafts,
        fc.nat(),
        fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
        unicodeString({ minLength: 1, maxLength: 64 }),
      ],
      async (drafts, pick, newToken, stranger) => {
        fc.pre(drafts.every((d) => d.state.id !== stranger))
        await ctx.withStore(async (store) => {
          const { oauthStates } = store.repos
          const states = await createAll(store, drafts)
          const target = states[pick % states.length]!
          const expected = newToken === null ? target : { ...target, resultToken: newToken }
          if (newToken !== null) await oauthStates.setResultToken(target.id, newToken)
          expectEqual(
            await oauthStates.consume(stranger),
            null,
            `consume(${describeValue(stranger)}) of an unknown id`,
          )
          expectEqual(
            await oauthStates.consume(target.id),
            expected,
            `first consume(${describeValue(target.id)})`,
          )
          expectEqual(
            await oauthStates.find(target.id),
            null,
            `find(${describeValue(target.id)}) after consume`,
          )
          expectEqual(
            await oauthStates.consume(target.id),
            null,
            `second consume(${describeValue(target.id)})`,
          )
          for (const other of states) {
            if (other !== target)
              await expectFound(store, other.id, other, `after consume of ${describeValue(target.id)}`)
          }
        })
      },
      perStoreRuns(ctx),
    ),
}

const consumeIgnoresExpiry: Check = {
  id: 'oauthStates.consume.ignores-expiry-and-token',
  title:
    'consume neither checks expiry nor requires a resultToken: an expired state without a token is still ' +
    'returned and deleted.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§3.7',
  run: (ctx) =>
    ctx.property(
      [stateDraft(), fc.integer({ min: 1, max: SAFE_PAST_MS })],
      (draft, agoMs) =>
        ctx.withStore(async (store) => {
          const state = { ...stateOf({ ...draft, expiry: { inMs: -agoMs } }, store.clock), resultToken: null }
          await createState(store, state)
          expectEqual(
            await store.repos.oauthStates.consume(state.id),
            state,
            `consume of a state expired ${agoMs} ms ago, without token`,
          )
          expectEqual(await store.repos.oauthStates.find(state.id), null, 'find after consume')
        }),
      perStoreRuns(ctx),
    ),
}

/** Offsets of expiries from the cutoff: exactly on it, 1 ms either side, and farther (all unreapable). */
const cutoffOffset = fc.oneof(
  fc.constantFrom(0, -1, 1),
  fc.integer({ min: -20 * 60 * 1000, max: 20 * 60 * 1000 }),
)

const purgeExact: Check = {
  id: 'oauthStates.purgeExpired.deletes-strictly-before-now',
  title:
    'purgeExpired(now) deletes exactly the states with expiresAt < now, returns how many, and keeps a ' +
    'state expiring exactly at now.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.12',
  run: (ctx) =>
    ctx.property(
      [
        fc.uniqueArray(fc.tuple(unicodeString({ minLength: 1, maxLength: 64 }), cutoffOffset), {
          minLength: 1,
          maxLength: 8,
          selector: ([id]) => id,
        }),
        stateDraft(),
        fc.integer({ min: -20 * 60 * 1000, max: 20 * 60 * 1000 }),
      ],
      (rows, template, cutoffShift) =>
        ctx.withStore(async (store) => {
          // The cutoff moves away from the clock, so an adapter that ignores `now` is caught too.
          const now = shifted(store.clock.now(), cutoffShift)
          const states = rows.map(([id, offset]) => ({
            ...stateOf(template, store.clock),
            id,
            expiresAt: shifted(now, offset),
          }))
          for (const s of states) await createState(store, s)
          const expired = states.filter((s) => s.expiresAt.getTime() < now.getTime())
          expectEqual(
            await store.repos.oauthStates.purgeExpired(now),
            expired.length,
            `purgeExpired(${describeValue(now)})`,
          )
          for (const s of states) {
            await expectFound(
              store,
              s.id,
              expired.includes(s) ? null : s,
              `after purgeExpired(${describeValue(now)})`,
            )
          }
        }),
      perStoreRuns(ctx),
    ),
}

const purgeDefaultsToClock: Check = {
  id: 'oauthStates.purgeExpired.default-now-is-injected-clock',
  title:
    'purgeExpired() with now omitted, undefined or null uses the injected clock, never the system clock.',
  area: 'oauthStates',
  level: 'MUST',
  clause: '§0.2',
  run: (ctx) =>
    ctx.property(
      [
        stateDraft(),
        fc.constantFrom('omitted', 'undefined', 'null'),
        fc.integer({ min: 1, max: 10 * 60 * 1000 }),
      ],
      (template, how, stepMs) =>
        ctx.withStore(async (store) => {
          const { oauthStates } = store.repos
          const purge = (): Promise<number> =>
            how === 'omitted'
              ? oauthStates.purgeExpired()
              : oauthStates.purgeExpired(how === 'null' ? null : undefined)
          const at = (id: string, offsetMs: number) => ({
            ...stateOf(template, store.clock),
            id,
            expiresAt: shifted(store.clock.now(), offsetMs),
          })
          // Between the wall clock and the store clock (which leads by an hour): expired by the
          // injected clock, not yet by the system clock.
          const between = at('between-wall-and-clock', -30 * 60 * 1000)
          const onClock = at('exactly-at-clock', 0)
          const later = at('after-the-step', stepMs + 1)
          for (const s of [between, onClock, later]) await createState(store, s)
          expectEqual(
            await purge(),
            1,
            `purgeExpired(${how === 'omitted' ? '' : how}) with one state expired by the injected clock only`,
          )
          await expectFound(store, between.id, null, 'after the default purge')
          await expectFound(store, onClock.id, onClock, 'after the default purge (expiresAt == now is kept)')
          store.clock.advance(stepMs)
          expectEqual(
            await purge(),
            1,
            `purgeExpired(${how === 'omitted' ? '' : how}) after the clock advanced ${stepMs} ms`,
          )
          await expectFound(store, onClock.id, null, 'after the clock advanced and purge ran again')
          await expectFound(store, later.id, later, 'after the clock advanced and purge ran again')
        }),
      perStoreRuns(ctx),
    ),
}

/** Checks of `consume` and `purgeExpired`. */
export const stateConsumePurgeChecks: readonly Check[] = [
  consumeOnce,
  consumeIgnoresExpiry,
  purgeExact,
  purgeDefaultsToClock,
]
