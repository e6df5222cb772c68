import type { NewPendingRegistration, PendingRegistration } from '@regstack/protocols'
import { Rejection } from './rejection.js'

/** Pending registrations as the contract states them (CONTRACT §3.2, §0.7, §0.11, §0.12). */
export class PendingOracle {
  #rows: PendingRegistration[] = []
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  /** Ids of the rows that currently exist. */
  ids(): string[] {
    return this.#rows.map((r) => r.id)
  }

  /** Whether a row for `email` exists (an upsert then keeps its id instead of taking a new one). */
  has(email: string): boolean {
    return this.#rows.some((r) => r.email === email)
  }

  /**
   * Replaces the row with the same email (keeping its id) or inserts one under `newId`, the id the
   * adapter returned. A token hash held by another email's row is a typed rejection; nothing changes.
   */
  upsert(input: NewPendingRegistration, newId: string): PendingRegistration {
    if (this.#rows.some((r) => r.tokenHash === input.tokenHash && r.email !== input.email)) {
      throw new Rejection('PENDING_ALREADY_EXISTS', { email: input.email })
    }
    const existing = this.#rows.find((r) => r.email === input.email)
    const row: PendingRegistration = {
      id: existing?.id ?? newId,
      email: input.email,
      hashedPassword: input.hashedPassword,
      fullName: input.fullName,
      tokenHash: input.tokenHash,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
    }
    this.#rows = [...this.#rows.filter((r) => r.email !== input.email), row]
    return row
  }

  findByTokenHash(tokenHash: string): PendingRegistration | null {
    return this.#rows.find((r) => r.tokenHash === tokenHash) ?? null
  }

  findByEmail(email: string): PendingRegistration | null {
    return this.#rows.find((r) => r.email === email) ?? null
  }

  deleteByEmail(email: string): void {
    this.#rows = this.#rows.filter((r) => r.email !== email)
  }

  /** Deletes `expiresAt < now` (strict), of every row or only of `email`'s. */
  purgeExpired(now?: Date | null, email?: string): number {
    const cutoff = (now ?? this.#now()).getTime()
    const before = this.#rows.length
    this.#rows = this.#rows.filter(
      (r) => !(r.expiresAt.getTime() < cutoff && (email === undefined || r.email === email)),
    )
    return before - this.#rows.length
  }

  /** An independent copy (rows are immutable, so the list is copied, not the rows). */
  clone(now: () => Date): PendingOracle {
    const copy = new PendingOracle(now)
    copy.#rows = [...this.#rows]
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return this.#rows
  }

  /** Counts `expiresAt > now` (strict). */
  countUnexpired(now?: Date | null): number {
    const at = (now ?? this.#now()).getTime()
    return this.#rows.filter((r) => r.expiresAt.getTime() > at).length
  }
}
