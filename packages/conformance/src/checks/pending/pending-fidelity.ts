import type { NewPendingRegistration, PendingRegistration } from '@regstack/protocols'
import fc from 'fast-check'
import { pendingAt, pendingDraft } from '../../arbitraries/pending-drafts.js'
import { exactLengthEmail, exactLengthString } from '../../arbitraries/users-strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves, expectTrue } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { expectPendingExactly, pendingOf, upsertAllPending } from '../../harness/pending-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

function scribble(target: Mutable<Partial<PendingRegistration>>): void {
  target.hashedPassword = 'scribbled'
  target.fullName = 'scribbled'
  target.createdAt?.setTime(0)
  target.expiresAt?.setTime(0)
}

/** Closed models, limits and fresh objects for pending rows (CONTRACT §0.6, §0.7). */
export const pendingFidelityChecks: readonly Check[] = [
  {
    id: 'pending.upsert.values-at-limits-round-trip',
    title:
      'Strings exactly at their limits (email 320, fullName 200, tokenHash 64, hashedPassword 4096 UTF-16 units) are stored and read back unchanged.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const limits = fc.record({
        email: exactLengthEmail(320),
        fullName: exactLengthString(200),
        tokenHash: exactLengthString(64),
        hashedPassword: exactLengthString(4096),
      })
      await ctx.property(
        [pendingDraft(), limits],
        (draft, atLimit) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(store, [
              pendingAt({ ...draft, ...atLimit }, store.clock.now()),
            ])
            await expectPendingExactly(store, rows, 'after upserting a row with every string at its limit')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'pending.upsert.ignores-unknown-keys',
    title: 'Unknown extra keys on the upsert input (id included) are neither stored nor returned.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [pendingDraft()],
        (draft) =>
          ctx.withStore(async (store) => {
            const input = pendingAt(draft, store.clock.now())
            const callerId = 'caller-chosen-id'
            const noisy = { ...input, id: callerId, token_hash: 'x', plan: 'pro', extra: { nested: 1 } }
            const returned = await expectResolves(
              () => store.repos.pending.upsert(noisy),
              'pending.upsert with extra keys',
            )
            const id = (returned as { id?: unknown }).id
            expectTrue(
              typeof id === 'string' && id !== callerId,
              `pending.upsert must generate its own id, got ${describeValue(id)}`,
            )
            const expected = pendingOf(id, input)
            expectEqual(returned, expected, 'pending.upsert return value for an input with extra keys')
            await expectPendingExactly(store, [expected], 'after an upsert with extra keys')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'pending.upsert.does-not-mutate-input',
    title:
      'upsert leaves its input object untouched (no id added, no field or Date changed), on insert and on replace.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [pendingDraft(), pendingDraft()],
        (first, second) =>
          ctx.withStore(async (store) => {
            const inputs = [
              pendingAt(first, store.clock.now()),
              pendingAt({ ...second, email: first.email }, store.clock.now()),
            ]
            for (const [i, input] of inputs.entries()) {
              const before = structuredClone(input)
              await expectResolves(() => store.repos.pending.upsert(input), 'pending.upsert')
              expectEqual(
                input,
                before,
                `the input of the ${i === 0 ? 'inserting' : 'replacing'} pending.upsert, afterwards`,
              )
            }
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
  {
    id: 'pending.reads.return-fresh-objects',
    title:
      "Mutating the upsert input's Dates, the returned row or a found row (its Dates in place) changes nothing stored.",
    area: 'pending',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [pendingDraft()],
        (draft) =>
          ctx.withStore(async (store) => {
            const input: Mutable<NewPendingRegistration> = pendingAt(draft, store.clock.now())
            const returned = await store.repos.pending.upsert(input)
            const expected = pendingOf(returned.id, pendingAt(draft, store.clock.now()))
            scribble(input)
            scribble(returned)
            await expectPendingExactly(
              store,
              [expected],
              'after mutating the upsert input and its return value',
            )
            const byEmail = await store.repos.pending.findByEmail(expected.email)
            if (byEmail !== null) scribble(byEmail)
            const byToken = await store.repos.pending.findByTokenHash(expected.tokenHash)
            if (byToken !== null) scribble(byToken)
            await expectPendingExactly(
              store,
              [expected],
              'after mutating rows returned by findByEmail and findByTokenHash',
            )
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 4)),
      )
    },
  },
]
