/** The memory `BlacklistRepo`: revoked jtis with their `exp`, in milliseconds, and an expiry index. */
import type { RawBlacklistRepo } from '@regstack/protocols'

interface Revocation {
  readonly exp: number
  readonly jti: string
}

/** Index of the first revocation whose `exp` is `>= at` (binary search over the sorted index). */
function lowerBound(byExp: readonly Revocation[], at: number): number {
  let lo = 0
  let hi = byExp.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((byExp[mid]?.exp ?? Number.POSITIVE_INFINITY) < at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Builds the raw repository (valid, resolved arguments assumed; synchronous bodies keep it atomic).
 * Besides the jti set, rows are kept sorted by `exp`, so a purge is a binary search plus the rows it
 * deletes: the periodic purge that finds nothing due no longer scans every revoked token. Tokens
 * mostly arrive in `exp` order, so the sorted insert is an append.
 */
export function memoryBlacklist(): RawBlacklistRepo {
  const expByJti = new Map<string, number>()
  const byExp: Revocation[] = []

  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      // First exp wins: a second revoke of the same token is a no-op (CONTRACT §3.3).
      if (expByJti.has(jti)) return
      const revocation: Revocation = { exp: exp.getTime(), jti }
      expByJti.set(jti, revocation.exp)
      // After every row with the same `exp` or earlier, keeping the index sorted.
      const at = lowerBound(byExp, revocation.exp + 1)
      if (at === byExp.length) byExp.push(revocation)
      else byExp.splice(at, 0, revocation)
    },
    async isRevoked(jti: string): Promise<boolean> {
      // `exp` is deliberately not consulted: a row revokes until a purge removes it.
      return expByJti.has(jti)
    },
    async purgeExpired(now: Date): Promise<number> {
      // Strictly before `now`: the rows due are exactly the prefix below the cutoff.
      const due = lowerBound(byExp, now.getTime())
      if (due === 0) return 0
      for (const row of byExp.splice(0, due)) expByJti.delete(row.jti)
      return due
    },
  }
}
