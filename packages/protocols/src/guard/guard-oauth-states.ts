/** The `OAuthStateRepo` guard (CONTRACT §0.1, §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { OAuthState } from '../models.js'
import type { RawOAuthStateRepo } from '../raw-repos.js'
import type { OAuthStateRepo } from '../repos.js'
import { validateNewOAuthState } from '../validate/new-models.js'
import { hasOwn, requireOptionalOptions } from '../validate/objects.js'
import { requireOptionalBoolean, requireOptionalDate } from '../validate/scalars.js'
import { isMatchable, requireKeyString, requireString } from '../validate/strings.js'
import { copyOrNull } from './copy-models.js'
import type { GuardContext } from './guard-options.js'

/** A state id some stored row could have: an empty id is never stored (CONTRACT §2.5). */
function isStateIdMatchable(stateId: string): boolean {
  return stateId !== '' && isMatchable(stateId, FIELD_LIMITS.stateId)
}

/** Wraps `inner`: validated inputs, "nothing" for unmatchable state ids, clock defaults, fresh copies. */
export function guardOAuthStates(inner: RawOAuthStateRepo, ctx: GuardContext): OAuthStateRepo {
  const stateOrNull = (s: OAuthState | null): OAuthState | null => copyOrNull(s, ctx.copy.oauthState)
  return {
    async create(state: unknown): Promise<void> {
      await inner.create(validateNewOAuthState(state))
    },
    find(stateId: unknown): Promise<OAuthState | null> {
      return ctx.handOn(() => {
        const s = requireKeyString(stateId, 'stateId')
        return isStateIdMatchable(s) ? inner.find(s) : null
      }, stateOrNull)
    },
    async setResultToken(stateId: unknown, token: unknown, opts: unknown): Promise<void> {
      const s = requireKeyString(stateId, 'stateId')
      const t = requireString(token, 'token', FIELD_LIMITS.resultToken)
      const o = requireOptionalOptions(opts, 'opts')
      const newExpiresAt = requireOptionalDate(
        hasOwn(o, 'newExpiresAt') ? o.newExpiresAt : undefined,
        'newExpiresAt',
      )
      // Every call writes the flag: omitted means false, so a later token never inherits an old one.
      const wasNew = requireOptionalBoolean(hasOwn(o, 'wasNew') ? o.wasNew : undefined, 'wasNew') ?? false
      if (!isStateIdMatchable(s)) return
      await inner.setResultToken(s, t, newExpiresAt === undefined ? { wasNew } : { newExpiresAt, wasNew })
    },
    async consume(stateId: unknown): Promise<OAuthState | null> {
      const s = requireKeyString(stateId, 'stateId')
      if (!isStateIdMatchable(s)) return null
      return copyOrNull(await inner.consume(s), ctx.copy.oauthState)
    },
    async purgeExpired(now: unknown): Promise<number> {
      return await inner.purgeExpired(requireOptionalDate(now, 'now') ?? ctx.now())
    },
  }
}
