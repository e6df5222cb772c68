/** The `PendingRepo` guard (CONTRACT §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { PendingRegistration } from '../models.js'
import type { RawPendingRepo } from '../raw-repos.js'
import type { PendingRepo } from '../repos.js'
import { validateNewPendingRegistration } from '../validate/new-models.js'
import { requireOptionalDate } from '../validate/scalars.js'
import { isMatchable, requireKeyString } from '../validate/strings.js'
import { copyOrNull } from './copy-models.js'
import type { GuardContext } from './guard-options.js'

/** Wraps `inner`: validated inputs, "nothing" for unmatchable keys, clock defaults, fresh copies. */
export function guardPending(inner: RawPendingRepo, ctx: GuardContext): PendingRepo {
  const pendingOrNull = (p: PendingRegistration | null): PendingRegistration | null =>
    copyOrNull(p, ctx.copy.pending)
  return {
    upsert(pending: unknown): Promise<PendingRegistration> {
      return ctx.handOn(() => inner.upsert(validateNewPendingRegistration(pending)), ctx.copy.pending)
    },
    findByTokenHash(tokenHash: unknown): Promise<PendingRegistration | null> {
      return ctx.handOn(() => {
        const t = requireKeyString(tokenHash, 'tokenHash')
        return isMatchable(t, FIELD_LIMITS.tokenHash) ? inner.findByTokenHash(t) : null
      }, pendingOrNull)
    },
    findByEmail(email: unknown): Promise<PendingRegistration | null> {
      return ctx.handOn(() => {
        const e = requireKeyString(email, 'email')
        return isMatchable(e, FIELD_LIMITS.email) ? inner.findByEmail(e) : null
      }, pendingOrNull)
    },
    async deleteByEmail(email: unknown): Promise<void> {
      const e = requireKeyString(email, 'email')
      if (isMatchable(e, FIELD_LIMITS.email)) await inner.deleteByEmail(e)
    },
    async purgeExpired(now: unknown): Promise<number> {
      return await inner.purgeExpired(requireOptionalDate(now, 'now') ?? ctx.now())
    },
    async countUnexpired(now: unknown): Promise<number> {
      return await inner.countUnexpired(requireOptionalDate(now, 'now') ?? ctx.now())
    },
  }
}
