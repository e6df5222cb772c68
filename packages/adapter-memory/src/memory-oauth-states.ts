/** The memory `OAuthStateRepo`: rows keyed by the caller's state id. */
import {
  copyOAuthState,
  type OAuthState,
  OAuthStateAlreadyExistsError,
  type RawOAuthStateRepo,
  type RawSetResultTokenOptions,
} from '@regstack/protocols'

/**
 * Builds the raw repository: valid, resolved, fresh arguments assumed; a found state is copied for
 * its call (`guardRepos` runs with `resultsAreFresh`), and synchronous bodies keep every operation
 * atomic.
 */
export function memoryOAuthStates(): RawOAuthStateRepo {
  const byId = new Map<string, OAuthState>()

  return {
    async create(state: OAuthState): Promise<void> {
      if (byId.has(state.id)) throw new OAuthStateAlreadyExistsError(state.id)
      byId.set(state.id, state)
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const row = byId.get(stateId)
      return row === undefined ? null : copyOAuthState(row)
    },
    async setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void> {
      const row = byId.get(stateId)
      // Unknown id: no upsert, no row appears.
      if (row === undefined) return
      // Every call writes the flag (CONTRACT §0.19); guardRepos resolves an omitted one to false.
      byId.set(stateId, {
        ...row,
        resultToken: token,
        resultWasNew: opts.wasNew,
        expiresAt: opts.newExpiresAt ?? row.expiresAt,
      })
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      const row = byId.get(stateId)
      if (row === undefined) return null
      byId.delete(stateId)
      // Removed, so the store no longer keeps it, and its `Date`s came fresh from the guard: the
      // caller may have the row itself.
      return row
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = now.getTime()
      let n = 0
      for (const [id, row] of [...byId]) {
        if (row.expiresAt.getTime() < cutoff) {
          byId.delete(id)
          n += 1
        }
      }
      return n
    },
  }
}
