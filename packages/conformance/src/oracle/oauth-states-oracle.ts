import type { NewOAuthState, OAuthState } from '@regstack/protocols'
import { Rejection } from './rejection.js'

/** OAuth states as the contract states them (CONTRACT §3.7, §0.1, §0.11), keyed by the caller's id. */
export class OAuthStatesOracle {
  readonly #rows = new Map<string, OAuthState>()
  readonly #now: () => Date

  constructor(now: () => Date) {
    this.#now = now
  }

  create(state: NewOAuthState): void {
    if (this.#rows.has(state.id)) throw new Rejection('OAUTH_STATE_ALREADY_EXISTS', { stateId: state.id })
    this.#rows.set(state.id, {
      id: state.id,
      provider: state.provider,
      codeVerifier: state.codeVerifier,
      nonce: state.nonce,
      redirectTo: state.redirectTo,
      mode: state.mode,
      linkingUserId: state.linkingUserId,
      createdAt: state.createdAt,
      expiresAt: state.expiresAt,
      resultToken: state.resultToken,
    })
  }

  /** No expiry filter. */
  find(stateId: string): OAuthState | null {
    return this.#rows.get(stateId) ?? null
  }

  /** Unknown id: nothing appears. `newExpiresAt` moves the expiry in the same write. */
  setResultToken(
    stateId: string,
    token: string,
    opts?: { readonly newExpiresAt?: Date | null } | null,
  ): void {
    const row = this.#rows.get(stateId)
    if (row === undefined) return
    this.#rows.set(stateId, { ...row, resultToken: token, expiresAt: opts?.newExpiresAt ?? row.expiresAt })
  }

  /** The row as it was, removed; `null` the second time. */
  consume(stateId: string): OAuthState | null {
    const row = this.#rows.get(stateId) ?? null
    this.#rows.delete(stateId)
    return row
  }

  /** An independent copy. */
  clone(now: () => Date): OAuthStatesOracle {
    const copy = new OAuthStatesOracle(now)
    for (const [id, row] of this.#rows) copy.#rows.set(id, row)
    return copy
  }

  /** The state as plain data, for comparing and memoising states. */
  state(): unknown {
    return [...this.#rows]
  }

  /** Deletes `expiresAt < now` (strict), of every row or only of `stateId`'s. */
  purgeExpired(now?: Date | null, stateId?: string): number {
    const cutoff = (now ?? this.#now()).getTime()
    let removed = 0
    for (const [id, row] of this.#rows) {
      if (row.expiresAt.getTime() < cutoff && (stateId === undefined || id === stateId)) {
        this.#rows.delete(id)
        removed += 1
      }
    }
    return removed
  }
}
