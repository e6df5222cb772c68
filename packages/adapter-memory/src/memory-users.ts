/** The memory `UserRepo`: user records by id and by email, and a lazily sorted view for `listPaged`. */
import {
  type Clock,
  type NewUser,
  type RawUserRepo,
  type ResolvedListPagedOptions,
  type ResolvedUserCountFilter,
  type User,
  UserAlreadyExistsError,
  userWithId,
} from '@regstack/protocols'
import { compareIds } from './compare.js'
import { type UserRecord, userOf, userRecord } from './records.js'
import type { RecordsById } from './records-by-id.js'

/** Which of the 8 combinations of the three countable flags `u` has: a bit per flag. */
function flagsOf(u: Pick<UserRecord, 'isActive' | 'isVerified' | 'isSuperuser'>): number {
  return (u.isActive ? 1 : 0) | (u.isVerified ? 2 : 0) | (u.isSuperuser ? 4 : 0)
}

/** Listing order, (createdAt, id) ascending. */
const byCreatedThenId = (a: UserRecord, b: UserRecord): number =>
  a.createdAtMs - b.createdAtMs || compareIds(a.id, b.id)

/**
 * Builds the raw repository over `byId`, which also makes each new user's id. Arguments are valid, resolved and fresh (the guard did that). Every
 * result is built for its call from a record (see records.ts), so `guardRepos` runs with
 * `resultsAreFresh`. Every method's body is synchronous, so each read-modify-write is atomic in a
 * single-threaded runtime, and a result is complete before any other call can change the record.
 */
export function memoryUsers(clock: Clock, byId: RecordsById<UserRecord>): RawUserRepo {
  const byEmail = new Map<string, UserRecord>()
  /*
   * Records ordered by (createdAt, id) ascending, rebuilt only after a create or delete. Neither key
   * ever changes after `create`, so setters keep it valid. A lazy cache beats a sorted insert here:
   * stores see bursts of creates (fixtures, sign-up waves) between reads, and one O(n log n) sort per
   * burst is cheaper than O(n) array shifts per create. A page then costs O(skip + limit), never a scan.
   */
  let sorted: UserRecord[] | null = null
  /*
   * Users per flag combination (index = `flagsOf`), kept in step with every write that can change
   * a flag, so `count` sums at most 8 tallies instead of scanning every user.
   */
  const tally: number[] = [0, 0, 0, 0, 0, 0, 0, 0]
  const addToTally = (flags: number, n: number): void => {
    tally[flags] = (tally[flags] ?? 0) + n
  }

  /**
   * Applies `change` to the record of `id`, stamping `updatedAt` with one clock reading (which
   * `change` may use too); a no-op for an unknown id, as the contract requires of every setter.
   */
  const update = (id: string, change: (r: UserRecord, nowMs: number) => void): void => {
    const r = byId.get(id)
    if (r === undefined) return
    const before = flagsOf(r)
    const nowMs = clock.now().getTime()
    change(r, nowMs)
    r.updatedAtMs = nowMs
    const after = flagsOf(r)
    if (after !== before) {
      addToTally(before, -1)
      addToTally(after, 1)
    }
  }

  return {
    async create(user: NewUser): Promise<User> {
      if (byEmail.has(user.email)) throw new UserAlreadyExistsError(user.email)
      const r = byId.add((id) => userRecord(id, user))
      byEmail.set(r.email, r)
      addToTally(flagsOf(r), 1)
      sorted = null
      // The record keeps numbers, so the validated input's fresh `Date`s can be the caller's.
      return userWithId(r.id, user)
    },
    async getByEmail(email: string): Promise<User | null> {
      const r = byEmail.get(email)
      return r === undefined ? null : userOf(r)
    },
    async getById(userId: string): Promise<User | null> {
      const r = byId.get(userId)
      return r === undefined ? null : userOf(r)
    },
    async setLastLogin(userId: string, when: Date): Promise<void> {
      update(userId, (r) => {
        r.lastLoginMs = when.getTime()
      })
    },
    async setTokensInvalidatedAfter(userId: string, when: Date): Promise<void> {
      update(userId, (r) => {
        r.tokensInvalidatedAfterMs = when.getTime()
      })
    },
    async updatePassword(userId: string, hashedPassword: string): Promise<void> {
      // One clock reading for both fields, as the contract demands.
      update(userId, (r, nowMs) => {
        r.hashedPassword = hashedPassword
        r.tokensInvalidatedAfterMs = nowMs
      })
    },
    async setActive(userId: string, opts: { readonly isActive: boolean }): Promise<void> {
      update(userId, (r) => {
        r.isActive = opts.isActive
      })
    },
    async setSuperuser(userId: string, opts: { readonly isSuperuser: boolean }): Promise<void> {
      update(userId, (r) => {
        r.isSuperuser = opts.isSuperuser
      })
    },
    async setFullName(userId: string, fullName: string | null): Promise<void> {
      update(userId, (r) => {
        r.fullName = fullName
      })
    },
    async setPhone(userId: string, phoneNumber: string | null): Promise<void> {
      update(userId, (r) => {
        r.phoneNumber = phoneNumber
      })
    },
    async setMfaEnabled(userId: string, opts: { readonly isMfaEnabled: boolean }): Promise<void> {
      update(userId, (r) => {
        r.isMfaEnabled = opts.isMfaEnabled
      })
    },
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const r = byId.get(userId)
      // Unknown id: no-op even when the email is taken (CONTRACT §0.15), so look the record up first.
      if (r === undefined) return
      const holder = byEmail.get(newEmail)
      if (holder !== undefined && holder !== r) throw new UserAlreadyExistsError(newEmail)
      byEmail.delete(r.email)
      byEmail.set(newEmail, r)
      update(userId, (rec, nowMs) => {
        rec.email = newEmail
        rec.tokensInvalidatedAfterMs = nowMs
      })
    },
    async delete(userId: string): Promise<boolean> {
      const r = byId.get(userId)
      if (r === undefined) return false
      byId.delete(userId)
      byEmail.delete(r.email)
      addToTally(flagsOf(r), -1)
      sorted = null
      return true
    },
    async count(filter: ResolvedUserCountFilter): Promise<number> {
      const { isActive, isVerified, isSuperuser } = filter
      if (isActive === undefined && isVerified === undefined && isSuperuser === undefined) return byId.size
      let n = 0
      for (let flags = 0; flags < tally.length; flags += 1) {
        if (isActive !== undefined && (flags & 1) !== (isActive ? 1 : 0)) continue
        if (isVerified !== undefined && (flags & 2) !== (isVerified ? 2 : 0)) continue
        if (isSuperuser !== undefined && (flags & 4) !== (isSuperuser ? 4 : 0)) continue
        n += tally[flags] ?? 0
      }
      return n
    },
    async listPaged(opts: ResolvedListPagedOptions): Promise<User[]> {
      const { skip, limit } = opts
      const desc = opts.sortByCreatedAtDesc
      sorted ??= [...byId.values()].sort(byCreatedThenId)
      const all = sorted
      const page: User[] = []
      for (let i = skip; i < all.length && page.length < limit; i += 1) {
        const r = all[desc ? all.length - 1 - i : i]
        if (r !== undefined) page.push(userOf(r))
      }
      return page
    },
  }
}
