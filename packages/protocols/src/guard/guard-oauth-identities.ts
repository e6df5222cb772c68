/** The `OAuthIdentityRepo` guard (CONTRACT §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { OAuthIdentity } from '../models.js'
import type { RawOAuthIdentityRepo } from '../raw-repos.js'
import type { OAuthIdentityRepo } from '../repos.js'
import { validateNewOAuthIdentity } from '../validate/new-models.js'
import { hasOwn, requireOptions } from '../validate/objects.js'
import { requireDate } from '../validate/scalars.js'
import { isMatchable, requireKeyString } from '../validate/strings.js'
import { copyOrNull } from './copy-models.js'
import type { GuardContext } from './guard-options.js'

/*
 * Lookup strings are read own-only with literal keys and checked against literal limits (see
 * `ownField`): `findBySubject` runs on every OAuth sign-in, and a shared `key(o, field)` helper made
 * each read a megamorphic keyed load.
 */

/**
 * Wraps `inner`. `userId` is the plain string stored in `OAuthIdentity.userId`, so only the 36-unit
 * limit, U+0000 and lone surrogates make it unmatchable.
 */
export function guardOAuthIdentities(inner: RawOAuthIdentityRepo, ctx: GuardContext): OAuthIdentityRepo {
  const identityOrNull = (i: OAuthIdentity | null): OAuthIdentity | null =>
    copyOrNull(i, ctx.copy.oauthIdentity)
  return {
    create(identity: unknown): Promise<OAuthIdentity> {
      return ctx.handOn(() => inner.create(validateNewOAuthIdentity(identity)), ctx.copy.oauthIdentity)
    },
    findBySubject(opts: unknown): Promise<OAuthIdentity | null> {
      return ctx.handOn(() => {
        const o = requireOptions(opts, 'opts')
        const provider = requireKeyString(hasOwn(o, 'provider') ? o.provider : undefined, 'provider')
        const subjectId = requireKeyString(hasOwn(o, 'subjectId') ? o.subjectId : undefined, 'subjectId')
        return isMatchable(provider, FIELD_LIMITS.provider) && isMatchable(subjectId, FIELD_LIMITS.subjectId)
          ? inner.findBySubject({ provider, subjectId })
          : null
      }, identityOrNull)
    },
    async listForUser(userId: unknown): Promise<OAuthIdentity[]> {
      const u = requireKeyString(userId, 'userId')
      if (!isMatchable(u, FIELD_LIMITS.userId)) return []
      return (await inner.listForUser(u)).map(ctx.copy.oauthIdentity)
    },
    async delete(opts: unknown): Promise<boolean> {
      const o = requireOptions(opts, 'opts')
      const userId = requireKeyString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId')
      const provider = requireKeyString(hasOwn(o, 'provider') ? o.provider : undefined, 'provider')
      if (!isMatchable(userId, FIELD_LIMITS.userId) || !isMatchable(provider, FIELD_LIMITS.provider))
        return false
      return await inner.delete({ userId, provider })
    },
    async deleteByUserId(userId: unknown): Promise<number> {
      const u = requireKeyString(userId, 'userId')
      if (!isMatchable(u, FIELD_LIMITS.userId)) return 0
      return await inner.deleteByUserId(u)
    },
    async touchLastUsed(opts: unknown): Promise<void> {
      const o = requireOptions(opts, 'opts')
      const provider = requireKeyString(hasOwn(o, 'provider') ? o.provider : undefined, 'provider')
      const subjectId = requireKeyString(hasOwn(o, 'subjectId') ? o.subjectId : undefined, 'subjectId')
      const when = requireDate(hasOwn(o, 'when') ? o.when : undefined, 'when')
      if (!isMatchable(provider, FIELD_LIMITS.provider) || !isMatchable(subjectId, FIELD_LIMITS.subjectId))
        return
      await inner.touchLastUsed({ provider, subjectId, when })
    },
  }
}
