/** The memory `LoginAttemptRepo`: failures grouped per email, each group sorted by `when`. */
import type { RawLoginAttemptRepo, ResolvedRecordFailureOptions } from '@regstack/protocols'

interface Attempt {
  readonly when: number
  /** Kept for audit parity with the other engines; never read back. */
  readonly ip: string | null
}

/** Index of the first attempt whose `when` is `>= at` (binary search over a sorted group). */
function lowerBound(group: readonly Attempt[], at: number): number {
  let lo = 0
  let hi = group.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((group[mid]?.when ?? Number.POSITIVE_INFINITY) < at) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Builds the raw repository. Grouping by email and sorting each group by `when` makes `countRecent`
 * (the call on every login) a hash lookup plus a binary search: its cost does not grow with the
 * number of failures stored. Failures mostly arrive in time order, so the sorted insert is an append.
 */
export function memoryAttempts(): RawLoginAttemptRepo {
  const byEmail = new Map<string, Attempt[]>()

  return {
    async recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void> {
      const attempt: Attempt = { when: opts.when.getTime(), ip: opts.ip }
      let group = byEmail.get(email)
      if (group === undefined) {
        group = []
        byEmail.set(email, group)
      }
      // Insert after every attempt with the same `when` or earlier, keeping the group sorted.
      const at = lowerBound(group, attempt.when + 1)
      if (at === group.length) group.push(attempt)
      else group.splice(at, 0, attempt)
    },
    async countRecent(
      email: string,
      opts: { readonly windowMs: number; readonly now: Date },
    ): Promise<number> {
      const group = byEmail.get(email)
      if (group === undefined) return 0
      // Inclusive lower bound and no upper bound: attempts dated after `now` count too (CONTRACT §0.12).
      return group.length - lowerBound(group, opts.now.getTime() - opts.windowMs)
    },
    async clear(email: string): Promise<void> {
      byEmail.delete(email)
    },
    async purgeExpired(now: Date, windowMs: number): Promise<number> {
      const cutoff = now.getTime() - windowMs
      let n = 0
      for (const [email, group] of [...byEmail]) {
        const stale = lowerBound(group, cutoff)
        if (stale === 0) continue
        n += stale
        if (stale === group.length) byEmail.delete(email)
        else group.splice(0, stale)
      }
      return n
    },
  }
}
