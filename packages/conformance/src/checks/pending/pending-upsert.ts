import fc from 'fast-check'
import { pendingAt, pendingDraft, pendingDrafts } from '../../arbitraries/pending-drafts.js'
import { hex64 } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectRejects } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import { expectPendingExactly, upsertAllPending, upsertPending } from '../../harness/pending-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'

/** Two drafts for one email with different token hashes: a registration and its re-registration. */
const reRegistration = fc
  .tuple(pendingDraft(), pendingDraft(), hex64())
  .filter(([first, , token]) => token !== first.tokenHash)
  .map(([first, second, token]) => ({ first, second: { ...second, email: first.email, tokenHash: token } }))

/** `pending.upsert`: insert, replace by email, token-hash conflicts (CONTRACT §3.2, §0.7, §0.11, §7 P9). */
export const pendingUpsertChecks: readonly Check[] = [
  {
    id: 'pending.upsert.round-trips',
    title:
      'upsert of a new email returns the row (input plus a non-empty id of at most 36 units) and findByEmail and findByTokenHash return it unchanged.',
    area: 'pending',
    level: 'MUST',
    clause: '§3.2',
    async run(ctx) {
      await ctx.property(
        [pendingDrafts({ minLength: 1, maxLength: 6 })],
        (drafts) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const ids = new Set(rows.map((r) => r.id))
            expectEqual(
              ids.size,
              rows.length,
              `number of distinct ids among ${describeValue(rows.map((r) => r.id))}`,
            )
            await expectPendingExactly(store, rows, 'after upserting rows for distinct emails')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.upsert.same-email-replaces-row',
    title:
      'A second upsert for the same email leaves exactly one row holding every field of the second; the first token hash finds nothing.',
    area: 'pending',
    level: 'MUST',
    clause: '§7 P9',
    async run(ctx) {
      await ctx.property(
        [reRegistration, pendingDrafts({ minLength: 0, maxLength: 3 })],
        async ({ first, second }, others) => {
          fc.pre(
            !others.some(
              (o) =>
                o.email === first.email ||
                o.tokenHash === first.tokenHash ||
                o.tokenHash === second.tokenHash,
            ),
          )
          await ctx.withStore(async (store) => {
            const now = store.clock.now()
            const bystanders = await upsertAllPending(
              store,
              others.map((d) => pendingAt(d, now)),
            )
            await upsertPending(store, pendingAt(first, now))
            const replaced = await upsertPending(store, pendingAt(second, now))
            const byOldToken = await store.repos.pending.findByTokenHash(first.tokenHash)
            expectEqual(
              byOldToken,
              null,
              `pending.findByTokenHash(first token ${describeValue(first.tokenHash)}) after re-upsert`,
            )
            await expectPendingExactly(
              store,
              [...bystanders, replaced],
              'after a second upsert for the same email',
            )
          })
        },
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.upsert.replace-keeps-id',
    title: 'A row replaced by upsert for the same email keeps its id.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.7',
    async run(ctx) {
      await ctx.property(
        [reRegistration],
        ({ first, second }) =>
          ctx.withStore(async (store) => {
            const original = await upsertPending(store, pendingAt(first, store.clock.now()))
            const replaced = await upsertPending(store, pendingAt(second, store.clock.now()))
            expectEqual(
              replaced.id,
              original.id,
              'id returned by the replacing pending.upsert (the original row\u2019s id)',
            )
            const found = await store.repos.pending.findByEmail(first.email)
            expectEqual(found?.id, original.id, 'id of the replaced row read by pending.findByEmail')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
  {
    id: 'pending.upsert.token-hash-conflict-leaves-nothing-changed',
    title:
      'upsert whose tokenHash is held by a row with another email rejects with PENDING_ALREADY_EXISTS (email = the argument\u2019s) and changes nothing.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.11',
    async run(ctx) {
      await ctx.property(
        [pendingDrafts({ minLength: 2, maxLength: 4 }), fc.boolean()],
        (drafts, intruderHasRow) =>
          ctx.withStore(async (store) => {
            const now = store.clock.now()
            const [holder, intruder, ...rest] = drafts.map((d) => pendingAt(d, now))
            const stored = intruderHasRow ? [holder!, intruder!, ...rest] : [holder!, ...rest]
            const rows = await upsertAllPending(store, stored)
            const clash = { ...intruder!, tokenHash: holder!.tokenHash }
            const error = await expectRejects(
              () => store.repos.pending.upsert(clash),
              'PENDING_ALREADY_EXISTS',
              `pending.upsert(${describeValue(clash.email)}) with the token hash of ${describeValue(holder!.email)}`,
            )
            expectEqual(error.email, clash.email, 'PendingAlreadyExistsError.email')
            if (!intruderHasRow) {
              expectEqual(
                await store.repos.pending.findByEmail(clash.email),
                null,
                'pending.findByEmail of the rejected email',
              )
            }
            await expectPendingExactly(store, rows, 'after a rejected token-hash clash')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.upsert.same-email-same-token-allowed',
    title: 'upsert again with the same email and the same tokenHash succeeds and replaces the other fields.',
    area: 'pending',
    level: 'MUST',
    clause: '§3.2',
    async run(ctx) {
      await ctx.property(
        [pendingDraft(), pendingDraft()],
        (first, later) =>
          ctx.withStore(async (store) => {
            await upsertPending(store, pendingAt(first, store.clock.now()))
            const again = { ...later, email: first.email, tokenHash: first.tokenHash }
            const replaced = await upsertPending(store, pendingAt(again, store.clock.now()))
            await expectPendingExactly(store, [replaced], 'after re-upserting the same email and token hash')
          }),
        Math.max(2, Math.ceil(freshStoreRuns(ctx) / 2)),
      )
    },
  },
]
