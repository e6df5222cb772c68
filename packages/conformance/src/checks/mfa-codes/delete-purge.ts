import type { MfaKind, NewMfaCode } from '@regstack/protocols'
import fc from 'fast-check'
import { liveMfaCode } from '../../arbitraries/mfa-codes.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000
const KINDS: readonly MfaKind[] = ['login_mfa', 'phone_setup']

/** Rules of `delete` and `mfaCodes.purgeExpired` (CONTRACT §3.5, §0.6, §0.12, §0.2, P16). */
export const deletePurgeChecks: readonly Check[] = [
  {
    id: 'mfaCodes.delete.kind-or-every-kind',
    title:
      'delete with a kind removes that code; without one (omitted, undefined or null) every kind of that user only.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§3.5',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      const now = store.clock.now()
      const users = ['by-kind', 'omitted', 'undefined', 'null', 'witness']
      for (const userId of users) {
        for (const kind of KINDS) await mfaCodes.put(liveMfaCode({ userId, kind }, '1111', now))
      }
      const present = async (userId: string, kind: MfaKind): Promise<boolean> =>
        (await mfaCodes.find({ userId, kind })) !== null
      const expectRows = async (
        expected: Record<string, readonly boolean[]>,
        after: string,
      ): Promise<void> => {
        for (const userId of users) {
          const want = expected[userId] ?? [true, true]
          for (const [i, kind] of KINDS.entries()) {
            expectEqual(
              await present(userId, kind),
              want[i],
              `row (${userId}, ${kind}) present after ${after}`,
            )
          }
        }
      }
      await mfaCodes.delete({ userId: 'by-kind', kind: 'login_mfa' })
      await expectRows({ 'by-kind': [false, true] }, "delete({ userId: 'by-kind', kind: 'login_mfa' })")
      await mfaCodes.delete({ userId: 'omitted' })
      await mfaCodes.delete({ userId: 'undefined', kind: undefined })
      await mfaCodes.delete({ userId: 'null', kind: null })
      const gone = [false, false] as const
      const after = 'delete({ userId }), delete({ userId, kind: undefined }), delete({ userId, kind: null })'
      await expectRows({ 'by-kind': [false, true], omitted: gone, undefined: gone, null: gone }, after)
      await mfaCodes.delete({ userId: 'by-kind', kind: 'login_mfa' })
      await mfaCodes.delete({ userId: 'nobody' })
      await expectRows(
        { 'by-kind': [false, true], omitted: gone, undefined: gone, null: gone },
        'deletes matching nothing',
      )
    },
  },
  {
    id: 'mfaCodes.purgeExpired.strict-cutoff',
    title:
      'purgeExpired(now) deletes exactly the codes with expiresAt < now (expiresAt == now is kept) and returns their count.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.12',
    run: async (ctx) => {
      const offset = fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -20 * MINUTE, max: 20 * MINUTE }))
      await ctx.property(
        [
          fc.integer({ min: -10 * MINUTE, max: 10 * MINUTE }),
          fc.array(offset, { minLength: 1, maxLength: 8 }),
        ],
        (cutoffOffset, offsets) =>
          ctx.withStore(async (store) => {
            const { mfaCodes } = store.repos
            // Within 30 minutes of the frozen clock (an hour ahead of the wall clock): nothing is reapable.
            const cutoff = new Date(store.clock.now().getTime() + cutoffOffset)
            const codes: NewMfaCode[] = offsets.map((o, i) => ({
              ...liveMfaCode({ userId: `user-${i >> 1}`, kind: KINDS[i % 2] ?? 'login_mfa' }, '2222', cutoff),
              expiresAt: new Date(cutoff.getTime() + o),
            }))
            for (const code of codes) await mfaCodes.put(code)
            const what = `codes expiring ${describeValue(codes.map((c) => c.expiresAt))}; purgeExpired(${describeValue(cutoff)})`
            expectEqual(
              await mfaCodes.purgeExpired(cutoff),
              codes.filter((c) => c.expiresAt < cutoff).length,
              `${what} count`,
            )
            for (const code of codes) {
              const row = await mfaCodes.find({ userId: code.userId, kind: code.kind })
              expectEqual(
                row !== null,
                code.expiresAt >= cutoff,
                `${what}: is the code expiring ${describeValue(code.expiresAt)} kept`,
              )
            }
          }),
        Math.ceil(ctx.numRuns / 4),
      )
    },
  },
  {
    id: 'mfaCodes.purgeExpired.default-now-is-clock',
    title:
      'purgeExpired() without now (omitted, undefined or null) uses the injected clock, and keeps expiresAt == now.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.2',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      const now = store.clock.now()
      // 20 minutes before the frozen clock is 40 minutes after the wall clock: only the injected clock
      // says it has passed.
      const offsets = [-20 * MINUTE, -1, 0, 1]
      const codes = offsets.map((o) =>
        liveMfaCode({ userId: `at${o}`, kind: 'login_mfa' }, '3333', now, { ttlMs: o }),
      )
      for (const code of codes) await mfaCodes.put(code)
      const at = (): string => `(clock.now() = ${describeValue(store.clock.now())})`
      const what = `codes expiring ${describeValue(codes.map((c) => c.expiresAt))}`
      expectEqual(await mfaCodes.purgeExpired(), 2, `${what}; purgeExpired() count ${at()}`)
      // The purge keeps expiresAt == now, yet verify already calls it expired (§1.9's mismatch).
      expectEqual(
        (await mfaCodes.find({ userId: 'at0', kind: 'login_mfa' })) !== null,
        true,
        `code expiring at clock.now() kept`,
      )
      store.clock.advance(1)
      expectEqual(await mfaCodes.purgeExpired(null), 1, `${what}; purgeExpired(null) count ${at()}`)
      store.clock.advance(1)
      expectEqual(await mfaCodes.purgeExpired(undefined), 1, `${what}; purgeExpired(undefined) count ${at()}`)
      expectEqual(
        await mfaCodes.find({ userId: 'at1', kind: 'login_mfa' }),
        null,
        'code expiring clock+1ms after it passed',
      )
    },
  },
]
