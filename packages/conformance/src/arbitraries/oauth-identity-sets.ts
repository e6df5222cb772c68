import type { NewOAuthIdentity } from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate, shifted } from './dates.js'
import { keyUpTo } from './oauth-strings.js'
import { emailString, unicodeString } from './strings.js'

/** Identities of two users, in the order they are to be created (the two users interleaved). */
export interface IdentitySet {
  readonly userId: string
  readonly otherUserId: string
  /** The user's identities: distinct providers, `linkedAt` often tied to the millisecond. */
  readonly mine: readonly NewOAuthIdentity[]
  /** The other user's identities, some at the same providers (with other subjects). */
  readonly others: readonly NewOAuthIdentity[]
  /** `mine` and `others` interleaved: creation order must not decide the list order. */
  readonly inserts: readonly NewOAuthIdentity[]
}

/**
 * Offsets from a base instant: mostly equal ones, so `listForUser` ties are common and the
 * id tie-break is really exercised, plus 1 ms either side and farther.
 */
const linkOffset = fc.constantFrom(0, 0, 0, 1, -1, 1000, -86_400_000)

/** Two users' identities with distinct keys (CONTRACT §2.4 uniqueness holds by construction). */
export function identitySet(minMine = 2): fc.Arbitrary<IdentitySet> {
  const row = fc.record({
    provider: keyUpTo(32),
    subjectId: unicodeString({ minLength: 1, maxLength: 40 }),
    offset: linkOffset,
    email: fc.option(emailString(), { nil: null }),
    lastUsedAt: fc.option(anyDate(), { nil: null }),
    alsoOther: fc.boolean(),
  })
  return fc
    .record({
      userId: keyUpTo(36),
      otherUserId: keyUpTo(36),
      base: anyDate(),
      rows: fc.uniqueArray(row, { minLength: minMine, maxLength: 5, selector: (r) => r.provider }),
      reversed: fc.boolean(),
    })
    .filter((s) => s.userId !== s.otherUserId)
    .map(({ userId, otherUserId, base, rows, reversed }) => {
      const mine: NewOAuthIdentity[] = []
      const others: NewOAuthIdentity[] = []
      const inserts: NewOAuthIdentity[] = []
      for (const r of rows) {
        const linkedAt = shifted(base, r.offset)
        const own = {
          userId,
          provider: r.provider,
          subjectId: r.subjectId,
          email: r.email,
          linkedAt,
          lastUsedAt: r.lastUsedAt,
        }
        mine.push(own)
        inserts.push(own)
        if (r.alsoOther) {
          // A longer subject can never equal one of `mine` at the same provider.
          const other = { ...own, userId: otherUserId, subjectId: `${r.subjectId}~other` }
          others.push(other)
          inserts.push(other)
        }
      }
      if (reversed) inserts.reverse()
      return { userId, otherUserId, mine, others, inserts }
    })
}
