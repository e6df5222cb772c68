import type { MfaKind, MfaVerifyResult } from '@regstack/protocols'
import fc from 'fast-check'
import { liveMfaCode } from '../../arbitraries/mfa-codes.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'
import { describeValue } from '../../harness/describe-value.js'

const MINUTE = 60_000
const RAW = '042917'

/** Rules of expiry in `verify` (CONTRACT §3.5, §0.12, §0.2). One store per check, one user per case. */
export const verifyExpiryChecks: readonly Check[] = [
  {
    id: 'mfaCodes.verify.expiry-boundary',
    title:
      'verify answers expired when expiresAt <= clock.now() (before looking at the code, deleting the row); 1 ms later it is live.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.12',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      let caseNo = 0
      await ctx.property(
        [
          fc.oneof(fc.constantFrom(0, 1, -1), fc.integer({ min: -30 * MINUTE, max: 30 * MINUTE })),
          fc.boolean(),
          fc.constantFrom<MfaKind>('login_mfa', 'phone_setup'),
          fc.boolean(),
        ],
        async (ttlMs, rightCode, kind, viaAdvance) => {
          caseNo += 1
          const key = { userId: `expiry-${caseNo}`, kind }
          // Either the row is put already dated, or time is moved past a live row by the clock.
          const step = viaAdvance ? Math.max(0, 1 - ttlMs) + MINUTE : 0
          const code = liveMfaCode(key, RAW, store.clock.now(), { maxAttempts: 3, ttlMs: ttlMs + step })
          await mfaCodes.put(code)
          store.clock.advance(step)
          const guess = rightCode ? RAW : '999999'
          const now = store.clock.now()
          const expired = code.expiresAt.getTime() <= now.getTime()
          const expected: MfaVerifyResult = expired
            ? { outcome: 'expired', attemptsRemaining: 0 }
            : rightCode
              ? { outcome: 'ok', attemptsRemaining: 0 }
              : { outcome: 'wrong', attemptsRemaining: 2 }
          const what = `code expiring ${describeValue(code.expiresAt)}, clock.now() ${describeValue(now)}, verify(${rightCode ? 'right' : 'wrong'} code)`
          expectEqual(await mfaCodes.verify({ ...key, rawCode: guess }), expected, what)
          const row = await mfaCodes.find(key)
          expectEqual(
            row === null ? null : row.attempts,
            expected.outcome === 'wrong' ? 1 : null,
            `${what}: find(key).attempts`,
          )
        },
      )
    },
  },
  {
    id: 'mfaCodes.verify.expiry-uses-injected-clock',
    title: 'verify judges expiry by the injected clock, never the system clock.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.2',
    run: async (ctx) => {
      const store = await ctx.open()
      const { mfaCodes } = store.repos
      const kind: MfaKind = 'login_mfa'
      // 20 minutes before the frozen clock is 40 minutes after the wall clock: expired only by the
      // injected clock, and too recent for any engine to reap.
      const past = liveMfaCode({ userId: 'expired-by-clock', kind }, RAW, store.clock.now(), {
        ttlMs: -20 * MINUTE,
      })
      await mfaCodes.put(past)
      expectEqual(
        await mfaCodes.verify({ userId: past.userId, kind, rawCode: RAW }),
        { outcome: 'expired', attemptsRemaining: 0 },
        `verify of a code expiring ${describeValue(past.expiresAt)} when clock.now() is ${describeValue(store.clock.now())}`,
      )
      // Moving the injected clock past a code expires it, though the wall clock is still far behind.
      const live = liveMfaCode({ userId: 'expired-by-advance', kind }, RAW, store.clock.now(), {
        ttlMs: MINUTE,
      })
      await mfaCodes.put(live)
      store.clock.advance(2 * MINUTE)
      expectEqual(
        await mfaCodes.verify({ userId: live.userId, kind, rawCode: RAW }),
        { outcome: 'expired', attemptsRemaining: 0 },
        `verify of a code expiring ${describeValue(live.expiresAt)} after the clock moved to ${describeValue(store.clock.now())}`,
      )
    },
  },
]
