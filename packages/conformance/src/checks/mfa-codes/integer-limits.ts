import type { NewMfaCode } from '@regstack/protocols'
import { sha256Hex } from '../../arbitraries/sha256.js'
import type { Check } from '../../check.js'
import { expectEqual } from '../../harness/assert.js'

/**
 * `attempts` and `maxAttempts` are safe integers ≥ 0 (CONTRACT §0.6), and "values up to the limits
 * round-trip on every engine". A 32-bit SQL column, or arithmetic in floating point past 2^53, breaks
 * this where ordinary codes (0–20 attempts) never would.
 */
export const integerLimitChecks: readonly Check[] = [
  {
    id: 'mfaCodes.put.safe-integer-limits-round-trip',
    title:
      'attempts and maxAttempts up to Number.MAX_SAFE_INTEGER are stored exactly, and verify counts down from them exactly.',
    area: 'mfaCodes',
    level: 'MUST',
    clause: '§0.6',
    run: async (ctx) => {
      const store = await ctx.open()
      const max = Number.MAX_SAFE_INTEGER
      const expiresAt = new Date(store.clock.now().getTime() + 60_000)
      const base = {
        kind: 'login_mfa',
        codeHash: sha256Hex('123456'),
        expiresAt,
        createdAt: store.clock.now(),
      } as const
      const cases: Array<{ code: NewMfaCode; remaining: number }> = [
        { code: { ...base, userId: 'limit-max', attempts: 0, maxAttempts: max }, remaining: max - 1 },
        { code: { ...base, userId: 'limit-near', attempts: max - 3, maxAttempts: max }, remaining: 2 },
        {
          code: { ...base, userId: 'limit-2^31', attempts: 2 ** 31, maxAttempts: 2 ** 32 },
          remaining: 2 ** 32 - 2 ** 31 - 1,
        },
      ]
      for (const { code, remaining } of cases) {
        await store.repos.mfaCodes.put(code)
        const row = await store.repos.mfaCodes.find({ userId: code.userId, kind: code.kind })
        expectEqual(
          row === null ? null : { attempts: row.attempts, maxAttempts: row.maxAttempts },
          { attempts: code.attempts, maxAttempts: code.maxAttempts },
          `find after put(attempts ${code.attempts}, maxAttempts ${code.maxAttempts})`,
        )
        const result = await store.repos.mfaCodes.verify({
          userId: code.userId,
          kind: code.kind,
          rawCode: '000000',
        })
        expectEqual(
          result,
          { outcome: 'wrong', attemptsRemaining: remaining },
          `a wrong guess on a code with attempts ${code.attempts}, maxAttempts ${code.maxAttempts}`,
        )
        const after = await store.repos.mfaCodes.find({ userId: code.userId, kind: code.kind })
        expectEqual(after?.attempts, code.attempts + 1, `attempts after that wrong guess (find)`)
      }
    },
  },
]
