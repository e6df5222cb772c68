/** The memory `UserRepo`: users by id, an email index, and a lazily sorted view for `listPaged`. */
import {
  type Clock,
  copyUser,
  type ListPagedOptions,
  type NewUser,
  type User,
  UserAlreadyExistsError,
  type UserCountFilter,
  type UserRepo,
} from '@regstack/protocols'
import { byDateThenId } from './compare.js'
import type { IdSource } from './id-source.js'

/**
 * Builds the raw repository. Arguments are assumed valid and resolved (the guard did that); every
 * method's body is synchronous, so each read-modify-write is atomic in a single-threaded runtime.
 */
export function memoryUsers(clock: Clock, newId: IdSource): UserRepo {
  const byId = new Map<string, User>()
  const idByEmail = new Map<string, string>()
  /*
   * Ids ordered by (createdAt, id) ascending, rebuilt only after a create or delete. Neither key ever
   * changes after `create`, so setters keep it valid. A lazy cache beats a sorted insert here: stores
   * see bursts of creates (fixtures, sign-up waves) between reads, and one O(n log n) sort per burst
   * is cheaper than O(n) array shifts per create. A page then costs O(skip + limit), never a scan.
   */
  let sorted: string[] | null = null

  /** Applies `change` to the user with `id`, stamping `updatedAt` from the clock; no-op when unknown. */
  const update = (id: string, change: (u: User, now: Date) => Partial<User>): void => {
    const row = byId.get(id)
    if (row === undefined) return
    const now = clock.now()
    byId.set(id, { ...row, ...change(row, now), updatedAt: new Date(now.getTime()) })
  }

  return {
    async create(user: NewUser): Promise<User> {
      if (idByEmail.has(user.email)) throw new UserAlreadyExistsError(user.email)
      const row = copyUser({ ...user, id: newId() })
      byId.set(row.id, row)
      idByEmail.set(row.email, row.id)
      sorted = null
      return copyUser(row)
    },
    async getByEmail(email: string): Promise<User | null> {
      const id = idByEmail.get(email)
      const row = id === undefined ? undefined : byId.get(id)
      return row === undefined ? null : copyUser(row)
    },
    async getById(userId: string): Promise<User | null> {
      const row = byId.get(userId)
      return row === undefined ? null : copyUser(row)
    },
    async setLastLogin(userId: string, when: Date): Promise<void> {
      update(userId, () => ({ lastLogin: new Date(when.getTime()) }))
    },
    async setTokensInvalidatedAfter(userId: string, when: Date): Promise<void> {
      update(userId, () => ({ tokensInvalidatedAfter: new Date(when.getTime()) }))
    },
    async updatePassword(userId: string, hashedPassword: string): Promise<void> {
      // One clock reading for both fields, as the contract demands.
      update(userId, (_, now) => ({ hashedPassword, tokensInvalidatedAfter: new Date(now.getTime()) }))
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
      update(userId, (_, now) => ({ email: newEmail, tokensInvalidatedAfter: new Date(now.getTime()) }))
    },
    async delete(userId: string): Promise<boolean> {
      const row = byId.get(userId)
      if (row === undefined) return false
      byId.delete(userId)
      idByEmail.delete(row.email)
      sorted = null
      return true
    },
    async count(filter?: UserCountFilter | null): Promise<number> {
      const { isActive, isVerified, isSuperuser } = filter ?? {}
      const any = (v: boolean | null | undefined): v is boolean => typeof v === 'boolean'
      if (!any(isActive) && !any(isVerified) && !any(isSuperuser)) return byId.size
      let n = 0
      for (const u of byId.values()) {
        if (any(isActive) && u.isActive !== isActive) continue
        if (any(isVerified) && u.isVerified !== isVerified) continue
        if (any(isSuperuser) && u.isSuperuser !== isSuperuser) continue
        n += 1
      }
      return n
    },
    async listPaged(opts?: ListPagedOptions | null): Promise<User[]> {
      // The guard always resolves these; the fallbacks only serve direct callers of the raw layer.
      const skip = opts?.skip ?? 0
      const limit = opts?.limit ?? 50
      const desc = opts?.sortByCreatedAtDesc ?? true
      sorted ??= [...byId.values()]
        .sort((a, b) => byDateThenId(a.createdAt, a.id, b.createdAt, b.id))
        .map((u) => u.id)
      const ids = sorted
      const page: User[] = []
      for (let i = skip; i < ids.length && page.length < limit; i += 1) {
        const id = ids[desc ? ids.length - 1 - i : i]
        const row = id === undefined ? undefined : byId.get(id)
        if (row !== undefined) page.push(copyUser(row))
      }
      return page
    },
  }
}
