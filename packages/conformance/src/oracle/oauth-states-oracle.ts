import {
  type ContractRevision,
  NEWEST_CONTRACT_REVISION,
  type NewOAuthState,
  revisionIncludes,
  type SetResultTokenOptions,
} from '@regstack/protocols'
import { Rejection } from './rejection.js'

/**
 * OAuth states as the contract states them (CONTRACT §3.7, §0.1, §0.11, §0.19), keyed by the
 * caller's id. Rows have the fields of the oracle's revision: from `2026-07` on, `resultWasNew`
 * (false unless given, rewritten by every `setResultToken`); in `2026-05` no such field.
 */
export class OAuthStatesOracle {
  readonly #rows = new Map<string, NewOAuthState>()
  readonly #now: () => Date
  readonly #revision: ContractRevision
  readonly #withResultWasNew: boolean

  constructor(now: () => Date, revision: ContractRevision = NEWEST_CONTRACT_REVISION) {
    this.#now = now
    this.#revision = revision
    this.#withResultWasNew = revisionIncludes(revision, '2026-07')
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
      ...(this.#withResultWasNew ? { resultWasNew: state.resultWasNew ?? false } : {}),
    })
  }

  /** No expiry filter. */
  find(stateId: string): NewOAuthState | null {
    return this.#rows.get(stateId) ?? null
  }

  /**
   * Unknown id: nothing appears. Token, `resultWasNew = wasNew ?? false` (2026-07) and, with
   * `newExpiresAt`, the expiry change in one write.
   */
  setResultToken(stateId: string, token: string, opts?: SetResultTokenOptions | null): void {
    const row = this.#rows.get(stateId)
    if (row === undefined) return
    this.#rows.set(stateId, {
      ...row,
      resultToken: token,
      expiresAt: opts?.newExpiresAt ?? row.expiresAt,
      ...(this.#withResultWasNew ? { resultWasNew: opts?.wasNew ?? false } : {}),
    })
  }

  /** The row as it was, removed; `null` the second time. */
  consume(stateId: string): NewOAuthState | null {
    const row = this.#rows.get(stateId) ?? null
    this.#rows.delete(stateId)
    return row
  }

  /** An independent copy. */
  clone(now: () => Date): OAuthStatesOracle {
    const copy = new OAuthStatesOracle(now, this.#revision)
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
