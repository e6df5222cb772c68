import { MIN_DATE_MS, type PendingRegistration } from '@regstack/protocols'
import fc from 'fast-check'
import { pendingAt, pendingDraft, pendingDrafts } from '../../arbitraries/pending-drafts.js'
import type { Check, Store } from '../../check.js'
import { expectEqual, expectResolves, expectTrue } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import {
  expectPendingExactly,
  expectPendingGone,
  pendingOf,
  upsertAllPending,
} from '../../harness/pending-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

/**
 * Expiry offsets within half an hour of the clock. The clock leads the wall clock by an hour, so no
 * such row is ever past expiry by the wall clock and every count stays exact, even with automatic
 * expiry; ±1 ms and 0 put rows on the boundaries.
 */
const nearOffset = fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -1_800_000, max: 1_800_000 }))
const rowsNearNow = pendingDrafts({ minLength: 1, maxLength: 8, expiresInMs: nearOffset })

/** A fixed instant before any run's wall clock, so generated past dates do not depend on when a run starts. */
const PAST_MS = Date.UTC(2025, 0, 1)

/** A probe instant: at, 1 ms before or 1 ms after one row's expiry, or the clock's now. */
const probe = fc.tuple(fc.nat(), fc.constantFrom(-1, 0, 1))

function probeAt(rows: readonly PendingRegistration[], [pick, delta]: [number, number], store: Store): Date {
  const base =
    pick % (rows.length + 1) === rows.length ? store.clock.now() : rows[pick % (rows.length + 1)]!.expiresAt
  return new Date(base.getTime() + delta)
}

/** Purges with `call` and checks exactly the rows with `expiresAt < cutoff` went (CONTRACT §0.12). */
async function expectPurge(
  store: Store,
  rows: readonly PendingRegistration[],
  cutoff: Date,
  call: () => Promise<number>,
  what: string,
): Promise<PendingRegistration[]> {
  const doomed = rows.filter((r) => r.expiresAt < cutoff)
  const kept = rows.filter((r) => r.expiresAt >= cutoff)
  const reapable = doomed.filter((r) => store.mayBeReaped(r.expiresAt)).length
  const purged = await expectResolves(call, what)
  expectTrue(
    purged <= doomed.length && purged >= doomed.length - reapable,
    `${what} with cutoff ${describeValue(cutoff)} over rows expiring at ${describeValue(rows.map((r) => r.expiresAt))}: expected ${doomed.length} (rows with expiresAt < cutoff), got ${describeValue(purged)}`,
  )
  for (const row of doomed)
    await expectPendingGone(store, row, `after ${what} (expiresAt ${describeValue(row.expiresAt)} < cutoff)`)
  await expectPendingExactly(store, kept, `after ${what} (rows with expiresAt >= cutoff stay)`)
  return kept
}

/** Counts with `call` and checks it is the number of rows with `expiresAt > now` (CONTRACT §0.12). */
async function expectUnexpired(
  store: Store,
  rows: readonly PendingRegistration[],
  now: Date,
  call: () => Promise<number>,
  what: string,
): Promise<void> {
  const live = rows.filter((r) => r.expiresAt > now)
  const reapable = live.filter((r) => store.mayBeReaped(r.expiresAt)).length
  const counted = await expectResolves(call, what)
  expectTrue(
    counted <= live.length && counted >= live.length - reapable,
    `${what} at ${describeValue(now)} over rows expiring at ${describeValue(rows.map((r) => r.expiresAt))}: expected ${live.length} (rows with expiresAt > now), got ${describeValue(counted)}`,
  )
}

/** Expiry: purging, counting, and the injected clock as the default now (CONTRACT §0.2, §0.12, §7 P10). */
export const pendingExpiryChecks: readonly Check[] = [
  {
    id: 'pending.purgeExpired.deletes-before-cutoff',
    title:
      'purgeExpired(now) deletes exactly the rows with expiresAt < now and returns how many; a row expiring exactly at now stays.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.12',
    async run(ctx) {
      await ctx.property(
        [rowsNearNow, probe],
        (drafts, at) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const cutoff = probeAt(rows, at, store)
            const kept = await expectPurge(
              store,
              rows,
              cutoff,
              () => store.repos.pending.purgeExpired(cutoff),
              'pending.purgeExpired(cutoff)',
            )
            await expectPurge(
              store,
              kept,
              cutoff,
              () => store.repos.pending.purgeExpired(cutoff),
              'a repeated pending.purgeExpired(cutoff)',
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.countUnexpired.counts-after-now',
    title:
      'countUnexpired(now) counts the rows with expiresAt > now; a row expiring exactly at now is not counted.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.12',
    async run(ctx) {
      await ctx.property(
        [rowsNearNow],
        (drafts) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const probes = rows.flatMap((r) => [-1, 0, 1].map((d) => new Date(r.expiresAt.getTime() + d)))
            for (const now of probes) {
              await expectUnexpired(
                store,
                rows,
                now,
                () => store.repos.pending.countUnexpired(now),
                'pending.countUnexpired(now)',
              )
            }
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.purgeExpired.defaults-to-injected-clock',
    title: 'purgeExpired() and purgeExpired(null) use the injected clock\u2019s now, never the system clock.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.2',
    async run(ctx) {
      await ctx.property(
        [rowsNearNow, fc.integer({ min: 0, max: 1_800_001 }), fc.constantFrom(undefined, null)],
        (drafts, step, given) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const label = `pending.purgeExpired(${describeValue(given)})`
            const kept = await expectPurge(
              store,
              rows,
              store.clock.now(),
              () => store.repos.pending.purgeExpired(given),
              label,
            )
            store.clock.advance(step)
            await expectPurge(
              store,
              kept,
              store.clock.now(),
              () => store.repos.pending.purgeExpired(given),
              `${label} after the clock moved ${step} ms`,
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.countUnexpired.defaults-to-injected-clock',
    title:
      'countUnexpired() and countUnexpired(null) use the injected clock\u2019s now, never the system clock.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.2',
    async run(ctx) {
      await ctx.property(
        [rowsNearNow, fc.constantFrom(undefined, null)],
        (drafts, given) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const label = `pending.countUnexpired(${describeValue(given)})`
            const instants = [
              store.clock.now(),
              ...rows.flatMap((r) => [-1, 0, 1].map((d) => new Date(r.expiresAt.getTime() + d))),
            ]
            for (const now of instants) {
              store.clock.set(now)
              await expectUnexpired(
                store,
                rows,
                now,
                () => store.repos.pending.countUnexpired(given),
                `${label} with the clock at ${describeValue(now)}`,
              )
            }
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.upsert.expired-row-allowed',
    title: 'upsert of a row whose expiresAt has already passed succeeds and returns the row.',
    area: 'pending',
    level: 'MUST',
    clause: '§3.2',
    async run(ctx) {
      // Either just expired by the clock (still ahead of the wall clock) or any earlier instant.
      const past = fc.oneof(
        fc.integer({ min: 1, max: 1_800_000 }).map((ms) => ({ beforeClockMs: ms })),
        fc.integer({ min: MIN_DATE_MS + 1, max: PAST_MS }).map((ms) => ({ atMs: ms })),
      )
      await ctx.property(
        [pendingDraft(), past],
        (draft, when) =>
          ctx.withStore(async (store) => {
            const now = store.clock.now()
            const expiresAt = new Date('atMs' in when ? when.atMs : now.getTime() - when.beforeClockMs)
            const input = { ...pendingAt(draft, now), expiresAt }
            const returned = await expectResolves(
              () => store.repos.pending.upsert(input),
              `pending.upsert of a row expired at ${describeValue(expiresAt)}`,
            )
            const expected = pendingOf((returned as { id: string }).id, input)
            expectEqual(returned, expected, 'pending.upsert return value for an expired row')
            await expectPendingExactly(store, [expected], 'after upserting an expired row')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
]
