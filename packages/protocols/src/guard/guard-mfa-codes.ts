/** The `MfaCodeRepo` guard (CONTRACT §0.6, §0.14). */
import { FIELD_LIMITS } from '../limits.js'
import type { MfaCode, MfaVerifyResult } from '../models.js'
import type { RawMfaCodeRepo } from '../raw-repos.js'
import type { MfaCodeRepo } from '../repos.js'
import { validateNewMfaCode } from '../validate/new-models.js'
import { hasOwn, requireOptions } from '../validate/objects.js'
import { requireMfaKind, requireOptionalDate, requireOptionalMfaKind } from '../validate/scalars.js'
import { isMatchable, requireKeyString } from '../validate/strings.js'
import { copyOrNull } from './copy-models.js'
import type { GuardContext } from './guard-options.js'

/**
 * Wraps `inner`. `userId` here is the plain string stored in `MfaCode.userId`, so only the 36-unit
 * limit, U+0000 and lone surrogates make it unmatchable (not `isStorableId`). `verify`'s `rawCode`
 * is never short-circuited: an impossible code is an ordinary wrong guess and must count an attempt.
 */
export function guardMfaCodes(inner: RawMfaCodeRepo, ctx: GuardContext): MfaCodeRepo {
  // Options are read own-only with literal keys (see `ownField`): these run on every MFA step,
  // where the guard's share is most of the call.
  const matchable = (userId: string): boolean => isMatchable(userId, FIELD_LIMITS.userId)

  const mfaCodeOrNull = (c: MfaCode | null): MfaCode | null => copyOrNull(c, ctx.copy.mfaCode)
  return {
    async put(code: unknown): Promise<void> {
      await inner.put(validateNewMfaCode(code))
    },
    async verify(opts: unknown): Promise<MfaVerifyResult> {
      const o = requireOptions(opts, 'opts')
      const userId = requireKeyString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId')
      const kind = requireMfaKind(hasOwn(o, 'kind') ? o.kind : undefined, 'kind')
      const rawCode = requireKeyString(hasOwn(o, 'rawCode') ? o.rawCode : undefined, 'rawCode')
      if (!matchable(userId)) return { outcome: 'missing', attemptsRemaining: 0 }
      return ctx.copy.mfaVerifyResult(await inner.verify({ userId, kind, rawCode }))
    },
    async delete(opts: unknown): Promise<void> {
      const o = requireOptions(opts, 'opts')
      const userId = requireKeyString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId')
      const kind = requireOptionalMfaKind(hasOwn(o, 'kind') ? o.kind : undefined, 'kind')
      if (!matchable(userId)) return
      // No `kind` key at all means "every kind"; adapters only ever see a real kind or undefined.
      await inner.delete(kind === undefined ? { userId } : { userId, kind })
    },
    find(opts: unknown): Promise<MfaCode | null> {
      return ctx.handOn(() => {
        const o = requireOptions(opts, 'opts')
        const userId = requireKeyString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId')
        const kind = requireMfaKind(hasOwn(o, 'kind') ? o.kind : undefined, 'kind')
        return matchable(userId) ? inner.find({ userId, kind }) : null
      }, mfaCodeOrNull)
    },
    async purgeExpired(now: unknown): Promise<number> {
      return await inner.purgeExpired(requireOptionalDate(now, 'now') ?? ctx.now())
    },
  }
}
