import type { ListPagedOptions, NewUser, User, UserCountFilter } from '@regstack/protocols'
import { Rejection } from './rejection.js'

type UserPatch = Partial<Omit<User, 'id' | 'createdAt'>>

/**
 * The users repository as the contract states it (CONTRACT §3.1, §0.10, §0.15), over a plain array.
 * Ids are the adapter's: `create` is told the id the adapter returned and only remembers it.
 */
export class UsersOracle {
  #rows: User[] = []
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  /** Ids of the users that currently exist. */
  ids(): string[] {
    return this.#rows.map((u) => u.id)
  }

  /** Throws the `USER_ALREADY_EXISTS` rejection when the exact email is taken; otherwise stores it. */
  create(input: NewUser, id: string): User {
    if (this.#rows.some((u) => u.email === input.email)) {
      throw new Rejection('USER_ALREADY_EXISTS', { email: input.email })
    }
    const user: User = {
      id,
      email: input.email,
      hashedPassword: input.hashedPassword,
      isActive: input.isActive,
      isVerified: input.isVerified,
      isSuperuser: input.isSuperuser,
      fullName: input.fullName,
      phoneNumber: input.phoneNumber,
      isMfaEnabled: input.isMfaEnabled,
      createdAt: input.createdAt,
      updatedAt: input.updatedAt,
      lastLogin: input.lastLogin,
      tokensInvalidatedAfter: input.tokensInvalidatedAfter,
    }
    this.#rows.push(user)
    return user
  }

  getByEmail(email: string): User | null {
    return this.#rows.find((u) => u.email === email) ?? null
  }

  getById(id: string): User | null {
    return this.#rows.find((u) => u.id === id) ?? null
  }

  setLastLogin(id: string, when: Date): void {
    this.#patch(id, { lastLogin: when })
  }

  setTokensInvalidatedAfter(id: string, when: Date): void {
    this.#patch(id, { tokensInvalidatedAfter: when })
  }

  /** The cutoff and `updatedAt` come from one clock reading. */
  updatePassword(id: string, hashedPassword: string): void {
    this.#patch(id, { hashedPassword, tokensInvalidatedAfter: this.#now() })
  }

  setActive(id: string, isActive: boolean): void {
    this.#patch(id, { isActive })
  }

  setSuperuser(id: string, isSuperuser: boolean): void {
    this.#patch(id, { isSuperuser })
  }

  setFullName(id: string, fullName: string | null): void {
    this.#patch(id, { fullName })
  }

  setPhone(id: string, phoneNumber: string | null): void {
    this.#patch(id, { phoneNumber })
  }

  setMfaEnabled(id: string, isMfaEnabled: boolean): void {
    this.#patch(id, { isMfaEnabled })
  }

  /** Unknown id: no-op even when the email is taken; own email: succeeds and bumps the cutoff. */
  updateEmail(id: string, email: string): void {
    if (this.getById(id) === null) return
    if (this.#rows.some((u) => u.email === email && u.id !== id))
      throw new Rejection('USER_ALREADY_EXISTS', { email })
    this.#patch(id, { email, tokensInvalidatedAfter: this.#now() })
  }

  delete(id: string): boolean {
    const before = this.#rows.length
    this.#rows = this.#rows.filter((u) => u.id !== id)
    return this.#rows.length < before
  }

  count(filter?: UserCountFilter | null): number {
    const f = filter ?? {}
    return this.#rows.filter(
      (u) =>
        (f.isActive == null || u.isActive === f.isActive) &&
        (f.isVerified == null || u.isVerified === f.isVerified) &&
        (f.isSuperuser == null || u.isSuperuser === f.isSuperuser),
    ).length
  }

  /** Sorted by `createdAt`, ties by id (JS string order), both in the requested direction. */
  listPaged(opts?: ListPagedOptions | null): User[] {
    const skip = opts?.skip ?? 0
    const limit = opts?.limit ?? 50
    const sign = (opts?.sortByCreatedAtDesc ?? true) ? -1 : 1
    const sorted = [...this.#rows].sort((a, b) => {
      const byDate = a.createdAt.getTime() - b.createdAt.getTime()
      if (byDate !== 0) return sign * byDate
      return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    })
    return sorted.slice(skip, skip + limit)
  }

  /** Every setter also sets `updatedAt` to the clock; unknown ids change nothing. */
  #patch(id: string, patch: UserPatch): void {
    const i = this.#rows.findIndex((u) => u.id === id)
    const row = this.#rows[i]
    if (row === undefined) return
    // The clock is frozen during a call, so this reading equals the one a cutoff was given.
    this.#rows[i] = { ...row, ...patch, updatedAt: this.#now() }
  }

  /** An independent copy (rows are immutable, so the list is copied, not the rows). */
  clone(now: () => Date): UsersOracle {
    const copy = new UsersOracle(now)
    copy.#rows = [...this.#rows]
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return this.#rows
  }
}
