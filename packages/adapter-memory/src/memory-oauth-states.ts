/** The memory `OAuthStateRepo`: rows keyed by the caller's state id. */
import {
  type Clock,
  copyOAuthState,
  type NewOAuthState,
  type OAuthState,
  OAuthStateAlreadyExistsError,
  type OAuthStateRepo,
  type SetResultTokenOptions,
} from '@regstack/protocols'

/** Builds the raw repository (valid, resolved arguments assumed; synchronous bodies keep it atomic). */
export function memoryOAuthStates(clock: Clock): OAuthStateRepo {
  const byId = new Map<string, OAuthState>()

  return {
    async create(state: NewOAuthState): Promise<void> {
      if (byId.has(state.id)) throw new OAuthStateAlreadyExistsError(state.id)
      byId.set(state.id, copyOAuthState({ ...state, resultWasNew: state.resultWasNew ?? false }))
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const row = byId.get(stateId)
      return row === undefined ? null : copyOAuthState(row)
    },
    async setResultToken(stateId: string, token: string, opts?: SetResultTokenOptions | null): Promise<void> {
      const row = byId.get(stateId)
      // Unknown id: no upsert, no row appears.
      if (row === undefined) return
      const newExpiresAt = opts?.newExpiresAt
      byId.set(stateId, {
        ...row,
        resultToken: token,
        // Every call writes the flag (CONTRACT §0.19): omitted means false.
        resultWasNew: opts?.wasNew ?? false,
        expiresAt:
          newExpiresAt === undefined || newExpiresAt === null
            ? row.expiresAt
            : new Date(newExpiresAt.getTime()),
      })
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      const row = byId.get(stateId)
      if (row === undefined) return null
      byId.delete(stateId)
      return copyOAuthState(row)
    },
    async purgeExpired(now?: Date | null): Promise<number> {
      const cutoff = (now ?? clock.now()).getTime()
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
