/** The memory `UserRepo`: users by id, an email index, and a lazily sorted view for `listPaged`. */
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
import { byDateThenId } from './compare.js'
import type { IdSource } from './id-source.js'

/** Which of the 8 combinations of the three countable flags `u` has: a bit per flag. */
function flagsOf(u: Pick<User, 'isActive' | 'isVerified' | 'isSuperuser'>): number {
  return (u.isActive ? 1 : 0) | (u.isVerified ? 2 : 0) | (u.isSuperuser ? 4 : 0)
}

/**
 * Builds the raw repository. Arguments are valid, resolved and fresh (the guard did that), and the
 * guard copies every returned row, so rows are stored and returned as they are. Every method's body
 * is synchronous, so each read-modify-write is atomic in a single-threaded runtime.
 */
export function memoryUsers(clock: Clock, newId: IdSource): RawUserRepo {
  const byId = new Map<string, User>()
  const idByEmail = new Map<string, string>()
  /*
   * Ids ordered by (createdAt, id) ascending, rebuilt only after a create or delete. Neither key ever
   * changes after `create`, so setters keep it valid. A lazy cache beats a sorted insert here: stores
   * see bursts of creates (fixtures, sign-up waves) between reads, and one O(n log n) sort per burst
   * is cheaper than O(n) array shifts per create. A page then costs O(skip + limit), never a scan.
   */
  let sorted: string[] | null = null
  /*
   * Users per flag combination (index = `flagsOf`), kept in step with every write that can change
   * a flag, so `count` sums at most 8 tallies instead of scanning every user.
   */
  const tally: number[] = [0, 0, 0, 0, 0, 0, 0, 0]
  const retally = (from: number, to: number): void => {
    if (from === to) return
    tally[from] = (tally[from] ?? 0) - 1
    tally[to] = (tally[to] ?? 0) + 1
  }

  /**
   * Stores `next` in place of `row` (same id), keeping the flag tallies in step. Setters build `next`
   * with {@link userWithId} rather than a spread (`{ ...row, ...change }`): V8 copies a spread through a
   * generic path that cost several times the literal on every update.
   */
  const replace = (row: User, next: User): void => {
    byId.set(row.id, next)
    retally(flagsOf(row), flagsOf(next))
  }
  /** The stored row of `id` with `change` applied and `updatedAt` stamped `now`. */
  const changed = (row: User, change: Partial<NewUser>, now: Date): User =>
    userWithId(row.id, {
      email: change.email ?? row.email,
      hashedPassword: change.hashedPassword !== undefined ? change.hashedPassword : row.hashedPassword,
      isActive: change.isActive ?? row.isActive,
      isVerified: row.isVerified,
      isSuperuser: change.isSuperuser ?? row.isSuperuser,
      fullName: change.fullName !== undefined ? change.fullName : row.fullName,
      phoneNumber: change.phoneNumber !== undefined ? change.phoneNumber : row.phoneNumber,
      isMfaEnabled: change.isMfaEnabled ?? row.isMfaEnabled,
      createdAt: row.createdAt,
      updatedAt: now,
      lastLogin: change.lastLogin !== undefined ? change.lastLogin : row.lastLogin,
      tokensInvalidatedAfter:
        change.tokensInvalidatedAfter !== undefined
          ? change.tokensInvalidatedAfter
          : row.tokensInvalidatedAfter,
    })
  /** Applies `change` to the user with `id`, stamping `updatedAt` from the clock; no-op when unknown. */
  const update = (id: string, change: (now: Date) => Partial<NewUser>): void => {
    const row = byId.get(id)
    if (row === undefined) return
    const now = clock.now()
    replace(row, changed(row, change(now), new Date(now.getTime())))
  }

  return {
    async create(user: NewUser): Promise<User> {
      if (idByEmail.has(user.email)) throw new UserAlreadyExistsError(user.email)
      const row = userWithId(newId(), user)
      byId.set(row.id, row)
      idByEmail.set(row.email, row.id)
      const flags = flagsOf(row)
      tally[flags] = (tally[flags] ?? 0) + 1
      sorted = null
      return row
    },
    async getByEmail(email: string): Promise<User | null> {
      const id = idByEmail.get(email)
      return (id === undefined ? undefined : byId.get(id)) ?? null
    },
    async getById(userId: string): Promise<User | null> {
      return byId.get(userId) ?? null
    },
    async setLastLogin(userId: string, when: Date): Promise<void> {
      update(userId, () => ({ lastLogin: when }))
    },
    async setTokensInvalidatedAfter(userId: string, when: Date): Promise<void> {
      update(userId, () => ({ tokensInvalidatedAfter: when }))
    },
    async updatePassword(userId: string, hashedPassword: string): Promise<void> {
      // One clock reading for both fields, as the contract demands.
      update(userId, (now) => ({ hashedPassword, tokensInvalidatedAfter: new Date(now.getTime()) }))
    },
    async setActive(userId: string, opts: { readonly isActive: boolean }): Promise<void> {
      update(userId, () => ({ isActive: opts.isActive }))
    },
    async setSuperuser(userId: string, opts: { readonly isSuperuser: boolean }): Promise<void> {
      update(userId, () => ({ isSuperuser: opts.isSuperuser }))
    },
    async setFullName(userId: string, fullName: string | null): Promise<void> {
      update(userId, () => ({ fullName }))
    },
    async setPhone(userId: string, phoneNumber: string | null): Promise<void> {
      update(userId, () => ({ phoneNumber }))
    },
    async setMfaEnabled(userId: string, opts: { readonly isMfaEnabled: boolean }): Promise<void> {
      update(userId, () => ({ isMfaEnabled: opts.isMfaEnabled }))
    },
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const row = byId.get(userId)
      // Unknown id: no-op even when the email is taken (CONTRACT §0.15), so look the row up first.
      if (row === undefined) return
      const holder = idByEmail.get(newEmail)
      if (holder !== undefined && holder !== userId) throw new UserAlreadyExistsError(newEmail)
      idByEmail.delete(row.email)
      idByEmail.set(newEmail, userId)
      update(userId, (now) => ({ email: newEmail, tokensInvalidatedAfter: new Date(now.getTime()) }))
    },
    async delete(userId: string): Promise<boolean> {
      const row = byId.get(userId)
      if (row === undefined) return false
      byId.delete(userId)
      idByEmail.delete(row.email)
      const flags = flagsOf(row)
      tally[flags] = (tally[flags] ?? 0) - 1
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
      sorted ??= [...byId.values()]
        .sort((a, b) => byDateThenId(a.createdAt, a.id, b.createdAt, b.id))
        .map((u) => u.id)
      const ids = sorted
      const page: User[] = []
      for (let i = skip; i < ids.length && page.length < limit; i += 1) {
        const id = ids[desc ? ids.length - 1 - i : i]
        const row = id === undefined ? undefined : byId.get(id)
        if (row !== undefined) page.push(row)
      }
      return page
    },
  }
}
