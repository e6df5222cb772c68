import { MIN_DATE_MS } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate } from '../../arbitraries/dates.js'
import { pendingAt, pendingDraft, pendingDrafts } from '../../arbitraries/pending-drafts.js'
import { nearMisses } from '../../arbitraries/strings.js'
import type { Check } from '../../check.js'
import { expectEqual, expectResolves } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'
import {
  expectPendingExactly,
  expectPendingGone,
  expectPendingStored,
  upsertAllPending,
  upsertPending,
} from '../../harness/pending-expect.js'
import { freshStoreRuns } from '../../harness/users-runs.js'
import { UNSTORABLE_EMAILS } from '../../harness/users-unknown-ids.js'

/** Strings that a token-hash lookup must not confuse with `token`. */
function tokenNearMisses(token: string): string[] {
  return [...nearMisses(token), token.slice(1), token.slice(0, -1), `${token}0`].filter((t) => t !== token)
}

/** Exact matching of emails and token hashes, and deletion by email (CONTRACT §0.5, §3.2). */
export const pendingLookupChecks: readonly Check[] = [
  {
    id: 'pending.finds.absent-is-null',
    title:
      'findByEmail and findByTokenHash of values no row has (including over-long strings, lone surrogates, U+0000) resolve to null.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.6',
    async run(ctx) {
      const store = await ctx.open()
      const [draft] = fc.sample(pendingDraft(), { numRuns: 1, seed: ctx.seed })
      const rows = await upsertAllPending(store, [pendingAt(draft!, store.clock.now())])
      const tokens = [
        '',
        'f'.repeat(64),
        'f'.repeat(65),
        `${'a'.repeat(63)}\ud800`,
        `${'a'.repeat(63)}\u0000`,
      ]
      for (const value of ['', 'nobody@example.com', ...UNSTORABLE_EMAILS, ...tokens]) {
        if (value === draft!.email || value === draft!.tokenHash) continue
        const byEmail = await expectResolves(
          () => store.repos.pending.findByEmail(value),
          `pending.findByEmail(${describeValue(value)})`,
        )
        expectEqual(byEmail, null, `pending.findByEmail(${describeValue(value)}), which no row has`)
        const byToken = await expectResolves(
          () => store.repos.pending.findByTokenHash(value),
          `pending.findByTokenHash(${describeValue(value)})`,
        )
        expectEqual(byToken, null, `pending.findByTokenHash(${describeValue(value)}), which no row has`)
      }
      await expectPendingExactly(store, rows, 'after looking up values no row has')
    },
  },
  {
    id: 'pending.emails.near-misses-are-different-rows',
    title:
      'Emails differing only in case, surrounding white space or Unicode normalisation are different pending rows: none finds another, each upserts its own row.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.5',
    async run(ctx) {
      await ctx.property(
        [pendingDraft(), fc.nat()],
        (draft, salt) =>
          ctx.withStore(async (store) => {
            const now = store.clock.now()
            const original = await upsertPending(store, pendingAt(draft, now))
            const variants = nearMisses(draft.email)
            for (const variant of variants) {
              const found = await store.repos.pending.findByEmail(variant)
              expectEqual(
                found,
                null,
                `pending.findByEmail(${describeValue(variant)}) with only ${describeValue(draft.email)} stored`,
              )
            }
            const twins = await upsertAllPending(
              store,
              variants.map((email, i) => pendingAt({ ...draft, email, tokenHash: `${salt}-${i}` }, now)),
            )
            await expectPendingExactly(
              store,
              [original, ...twins],
              'after upserting near-miss twins of one email',
            )
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.findByTokenHash.exact-match',
    title:
      'findByTokenHash matches exactly: another case, padding or one character more or less finds nothing.',
    area: 'pending',
    level: 'MUST',
    clause: '§0.5',
    async run(ctx) {
      const store = await ctx.open()
      await ctx.property([pendingDraft()], async (draft) => {
        // One shared store: each case first removes whatever row an earlier case left for its email.
        await store.repos.pending.deleteByEmail(draft.email)
        const existing = await store.repos.pending.findByTokenHash(draft.tokenHash)
        if (existing !== null) await store.repos.pending.deleteByEmail(existing.email)
        const row = await upsertPending(store, pendingAt(draft, store.clock.now()))
        for (const miss of tokenNearMisses(draft.tokenHash)) {
          const found = await store.repos.pending.findByTokenHash(miss)
          if (found !== null) {
            expectEqual(
              found.tokenHash,
              miss,
              `pending.findByTokenHash(${describeValue(miss)}) returned a row whose tokenHash`,
            )
          }
        }
        await expectPendingStored(store, row, 'after upserting it')
      })
    },
  },
  {
    id: 'pending.deleteByEmail.removes-exactly-that-row',
    title:
      'deleteByEmail removes the row with exactly that email and nothing else; unknown or near-miss emails are no-ops.',
    area: 'pending',
    level: 'MUST',
    clause: '§3.2',
    async run(ctx) {
      await ctx.property(
        [pendingDrafts({ minLength: 1, maxLength: 4 }), fc.nat()],
        (drafts, pick) =>
          ctx.withStore(async (store) => {
            const rows = await upsertAllPending(
              store,
              drafts.map((d) => pendingAt(d, store.clock.now())),
            )
            const victim = rows[pick % rows.length]!
            const emails = new Set(rows.map((r) => r.email))
            for (const miss of [...nearMisses(victim.email), '', 'nobody@example.com'].filter(
              (e) => !emails.has(e),
            )) {
              await expectResolves(
                () => store.repos.pending.deleteByEmail(miss),
                `pending.deleteByEmail(${describeValue(miss)})`,
              )
            }
            await expectPendingExactly(store, rows, 'after deleteByEmail of emails that have no row')
            await expectResolves(
              () => store.repos.pending.deleteByEmail(victim.email),
              'pending.deleteByEmail of a stored email',
            )
            await expectPendingGone(store, victim, 'after deleteByEmail of its email')
            const others = rows.filter((r) => r !== victim)
            await expectPendingExactly(store, others, 'after deleteByEmail of another row')
            await expectResolves(
              () => store.repos.pending.deleteByEmail(victim.email),
              'a repeated pending.deleteByEmail',
            )
            await expectPendingExactly(store, others, 'after a repeated deleteByEmail')
          }),
        freshStoreRuns(ctx),
      )
    },
  },
  {
    id: 'pending.finds.return-expired-rows',
    title:
      'findByEmail and findByTokenHash return rows whose expiresAt has passed (rows an automatically expiring engine may have reaped may be absent).',
    area: 'pending',
    level: 'MUST',
    clause: '§7 P11',
    async run(ctx) {
      // Expired by the clock yet in the future by the wall clock (which lags the clock by an hour), so
      // these rows are exact on every engine; plus any past date, where reaping is tolerated.
      const pastOffsets = fc.oneof(fc.integer({ min: -1_800_000, max: -1 }), fc.constant(0))
      await ctx.property(
        [
          pendingDrafts({ minLength: 1, maxLength: 4, expiresInMs: pastOffsets }),
          anyDate(),
          fc.integer({ min: 1, max: 600_000 }),
        ],
        (drafts, longAgo, step) =>
          ctx.withStore(async (store) => {
            const now = store.clock.now()
            const inputs = drafts.map((d, i) =>
              i === 0 && longAgo < now && longAgo.getTime() > MIN_DATE_MS
                ? { ...pendingAt(d, now), expiresAt: longAgo }
                : pendingAt(d, now),
            )
            const rows = await upsertAllPending(store, inputs)
            store.clock.advance(step)
            await expectPendingExactly(store, rows, `with the clock ${step} ms past rows already expired`)
          }),
        freshStoreRuns(ctx),
      )
    },
  },
]
