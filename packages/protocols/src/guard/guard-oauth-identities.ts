/** The `OAuthIdentityRepo` guard (CONTRACT §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { OAuthIdentity } from '../models.js'
import type { RawOAuthIdentityRepo } from '../raw-repos.js'
import type { OAuthIdentityRepo } from '../repos.js'
import { validateNewOAuthIdentity } from '../validate/new-models.js'
import { ownField, type PlainObject, requireOptions } from '../validate/objects.js'
import { requireDate } from '../validate/scalars.js'
import { isMatchable, requireKeyString } from '../validate/strings.js'
import { copyOAuthIdentity } from './copy-models.js'

/** Reads and type-checks a lookup string of an options object. */
function key(o: PlainObject, field: 'userId' | 'provider' | 'subjectId'): string {
  return requireKeyString(ownField(o, field), field)
}

/** Whether any stored identity could hold `value` in `field` (else the lookup finds nothing). */
function matchable(value: string, field: 'userId' | 'provider' | 'subjectId'): boolean {
  return isMatchable(value, FIELD_LIMITS[field])
}

/**
 * Wraps `inner`. `userId` is the plain string stored in `OAuthIdentity.userId`, so only the 36-unit
 * limit, U+0000 and lone surrogates make it unmatchable.
 */
export function guardOAuthIdentities(inner: RawOAuthIdentityRepo): OAuthIdentityRepo {
  return {
    async create(identity: unknown): Promise<OAuthIdentity> {
      return copyOAuthIdentity(await inner.create(validateNewOAuthIdentity(identity)))
    },
    async findBySubject(opts: unknown): Promise<OAuthIdentity | null> {
      const o = requireOptions(opts, 'opts')
      const provider = key(o, 'provider')
      const subjectId = key(o, 'subjectId')
      if (!matchable(provider, 'provider') || !matchable(subjectId, 'subjectId')) return null
      const found = await inner.findBySubject({ provider, subjectId })
      return found === null ? null : copyOAuthIdentity(found)
    },
    async listForUser(userId: unknown): Promise<OAuthIdentity[]> {
      const u = requireKeyString(userId, 'userId')
      if (!isMatchable(u, FIELD_LIMITS.userId)) return []
      return (await inner.listForUser(u)).map(copyOAuthIdentity)
    },
    async delete(opts: unknown): Promise<boolean> {
      const o = requireOptions(opts, 'opts')
      const userId = key(o, 'userId')
      const provider = key(o, 'provider')
      if (!matchable(userId, 'userId') || !matchable(provider, 'provider')) return false
      return await inner.delete({ userId, provider })
    },
    async deleteByUserId(userId: unknown): Promise<number> {
      const u = requireKeyString(userId, 'userId')
      if (!isMatchable(u, FIELD_LIMITS.userId)) return 0
      return await inner.deleteByUserId(u)
    },
    async touchLastUsed(opts: unknown): Promise<void> {
      const o = requireOptions(opts, 'opts')
      const provider = key(o, 'provider')
      const subjectId = key(o, 'subjectId')
      const when = requireDate(ownField(o, 'when'), 'when')
      if (!matchable(provider, 'provider') || !matchable(subjectId, 'subjectId')) return
      await inner.touchLastUsed({ provider, subjectId, when })
    },
  }
}
