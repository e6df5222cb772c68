import type { NewOAuthIdentity, OAuthIdentity } from '@regstack/protocols'
import { Rejection } from './rejection.js'

/** OAuth identities as the contract states them (CONTRACT §3.6, §0.10): two unique keys, no foreign keys. */
export class OAuthIdentitiesOracle {
  #rows: OAuthIdentity[] = []

  /** Ids of the identities that currently exist. */
  ids(): string[] {
    return this.#rows.map((r) => r.id)
  }

  /** Either (provider, subjectId) or (userId, provider) taken → typed rejection naming the argument. */
  create(input: NewOAuthIdentity, id: string): OAuthIdentity {
    const clash = this.#rows.some(
      (r) =>
        (r.provider === input.provider && r.subjectId === input.subjectId) ||
        (r.userId === input.userId && r.provider === input.provider),
    )
    if (clash) {
      throw new Rejection('OAUTH_IDENTITY_ALREADY_LINKED', {
        provider: input.provider,
        subjectId: input.subjectId,
      })
    }
    const row: OAuthIdentity = {
      id,
      userId: input.userId,
      provider: input.provider,
      subjectId: input.subjectId,
      email: input.email,
      linkedAt: input.linkedAt,
      lastUsedAt: input.lastUsedAt,
    }
    this.#rows.push(row)
    return row
  }

  findBySubject(opts: { readonly provider: string; readonly subjectId: string }): OAuthIdentity | null {
    return this.#rows.find((r) => r.provider === opts.provider && r.subjectId === opts.subjectId) ?? null
  }

  /** `linkedAt` ascending, ties by id ascending (JS string order). */
  listForUser(userId: string): OAuthIdentity[] {
    return this.#rows
      .filter((r) => r.userId === userId)
      .sort((a, b) => a.linkedAt.getTime() - b.linkedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  delete(opts: { readonly userId: string; readonly provider: string }): boolean {
    const before = this.#rows.length
    this.#rows = this.#rows.filter((r) => !(r.userId === opts.userId && r.provider === opts.provider))
    return this.#rows.length < before
  }

  deleteByUserId(userId: string): number {
    const before = this.#rows.length
    this.#rows = this.#rows.filter((r) => r.userId !== userId)
    return before - this.#rows.length
  }

  /** Only `lastUsedAt` changes. */
  touchLastUsed(opts: { readonly provider: string; readonly subjectId: string; readonly when: Date }): void {
    this.#rows = this.#rows.map((r) =>
      r.provider === opts.provider && r.subjectId === opts.subjectId ? { ...r, lastUsedAt: opts.when } : r,
    )
  }

  /** An independent copy (rows are immutable, so the list is copied, not the rows). */
  clone(): OAuthIdentitiesOracle {
    const copy = new OAuthIdentitiesOracle()
    copy.#rows = [...this.#rows]
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return this.#rows
  }
}
