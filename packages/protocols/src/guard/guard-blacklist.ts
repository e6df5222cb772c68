/** The `BlacklistRepo` guard (CONTRACT §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { RawBlacklistRepo } from '../raw-repos.js'
import type { BlacklistRepo } from '../repos.js'
import { requireDate, requireOptionalDate } from '../validate/scalars.js'
import { isMatchable, requireKeyString, requireString } from '../validate/strings.js'
import { type GuardContext, passOn } from './guard-options.js'

/** Wraps `inner`: `revoke` writes only storable jtis; `isRevoked` answers `false` for unmatchable ones. */
export function guardBlacklist(inner: RawBlacklistRepo, ctx: GuardContext): BlacklistRepo {
  return {
    async revoke(jti: unknown, exp: unknown): Promise<void> {
      const j = requireString(jti, 'jti', FIELD_LIMITS.jti)
      await inner.revoke(j, requireDate(exp, 'exp'))
    },
    isRevoked(jti: unknown): Promise<boolean> {
      return passOn(() => {
        const j = requireKeyString(jti, 'jti')
        return isMatchable(j, FIELD_LIMITS.jti) ? inner.isRevoked(j) : false
      })
    },
    async purgeExpired(now: unknown): Promise<number> {
      return await inner.purgeExpired(requireOptionalDate(now, 'now') ?? ctx.now())
    },
  }
}
