/** The `LoginAttemptRepo` guard (CONTRACT §0.6). */
import { FIELD_LIMITS } from '../limits.js'
import type { RawLoginAttemptRepo } from '../raw-repos.js'
import type { LoginAttemptRepo } from '../repos.js'
import { hasOwn, requireOptionalOptions, requireOptions } from '../validate/objects.js'
import { requireDate, requireOptionalDate, requireSafeInteger } from '../validate/scalars.js'
import { isMatchable, requireKeyString, requireString } from '../validate/strings.js'
import { type GuardContext, passOn } from './guard-options.js'

/**
 * Wraps `inner`. `recordFailure` always reaches it with `{ when, ip }` resolved (`when` from the
 * clock, `ip` null when not given); `countRecent`'s `now` is required by its signature, so it is not
 * defaulted.
 */
export function guardAttempts(inner: RawLoginAttemptRepo, ctx: GuardContext): LoginAttemptRepo {
  return {
    async recordFailure(email: unknown, opts: unknown): Promise<void> {
      const e = requireString(email, 'email', FIELD_LIMITS.email)
      const o = requireOptionalOptions(opts, 'opts')
      const when = requireOptionalDate(hasOwn(o, 'when') ? o.when : undefined, 'when')
      const rawIp = hasOwn(o, 'ip') ? o.ip : undefined
      const ip = rawIp === null || rawIp === undefined ? null : requireString(rawIp, 'ip', FIELD_LIMITS.ip)
      await inner.recordFailure(e, { when: when ?? ctx.now(), ip })
    },
    countRecent(email: unknown, opts: unknown): Promise<number> {
      return passOn(() => {
        const e = requireKeyString(email, 'email')
        const o = requireOptions(opts, 'opts')
        const windowMs = requireSafeInteger(hasOwn(o, 'windowMs') ? o.windowMs : undefined, 'windowMs', 0)
        const now = requireDate(hasOwn(o, 'now') ? o.now : undefined, 'now')
        return isMatchable(e, FIELD_LIMITS.email) ? inner.countRecent(e, { windowMs, now }) : 0
      })
    },
    async clear(email: unknown): Promise<void> {
      const e = requireKeyString(email, 'email')
      if (isMatchable(e, FIELD_LIMITS.email)) await inner.clear(e)
    },
    async purgeExpired(now: unknown, windowMs: unknown): Promise<number> {
      const n = requireDate(now, 'now')
      return await inner.purgeExpired(n, requireSafeInteger(windowMs, 'windowMs', 0))
    },
  }
}
