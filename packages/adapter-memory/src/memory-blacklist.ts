/** The memory `BlacklistRepo`: revoked jtis with their `exp`, in milliseconds. */
import type { RawBlacklistRepo } from '@regstack/protocols'

/** Builds the raw repository (valid, resolved arguments assumed; synchronous bodies keep it atomic). */
export function memoryBlacklist(): RawBlacklistRepo {
  const expByJti = new Map<string, number>()

  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      // First exp wins: a second revoke of the same token is a no-op (CONTRACT §3.3).
      if (!expByJti.has(jti)) expByJti.set(jti, exp.getTime())
    },
    async isRevoked(jti: string): Promise<boolean> {
      // `exp` is deliberately not consulted: a row revokes until a purge removes it.
      return expByJti.has(jti)
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now.getTime()
      let n = 0
      for (const [jti, exp] of [...expByJti]) {
        if (exp < cutoff) {
          expByJti.delete(jti)
          n += 1
        }
      }
      return n
    },
  }
}
