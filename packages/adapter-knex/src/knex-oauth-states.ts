/** Raw `OAuthStateRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { OAuthState, RawOAuthStateRepo, RawSetResultTokenOptions } from '@regstack/protocols'
import { decodeOAuthState, encodeDate } from './knex-codec.js'
import { ONE_ROW, PLAN_PER_CALL, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexOAuthStates(ctx: RepoContext): RawOAuthStateRepo {
  const states = () => ctx.from('oauthStates')
  const table = ctx.tables.table('oauthStates')
  const insert = statement(($) =>
    states().insert({
      id: $(),
      provider: $(),
      code_verifier: $(),
      nonce: $(),
      redirect_to: $(),
      mode: $(),
      linking_user_id: $(),
      created_at: $(),
      expires_at: $(),
      result_token: $(),
      result_was_new: $(),
    }),
  )
  const byId = statement(($) => states().where('id', $()).limit(1, ONE_ROW))
  // One UPDATE writes token, flag and expiry together (CONTRACT §0.19).
  const setToken = statement(($) =>
    states().where('id', $()).update({ result_token: $(), result_was_new: $() }),
  )
  const setTokenAndExpiry = statement(($) =>
    states().where('id', $()).update({ result_token: $(), result_was_new: $(), expires_at: $() }),
  )
  // DELETE … RETURNING (PostgreSQL, SQLite ≥ 3.35, MariaDB ≥ 10.0.5): the row goes to whichever
  // statement deletes it, so exactly one concurrent caller receives it.
  const deleteReturning = statement(($) =>
    ctx.knex.raw('delete from ?? where ?? = ? returning *', [table, 'id', $()]),
  )
  const deleteBefore = statement(($) => states().where('expires_at', '<', $()).del(), PLAN_PER_CALL)
  return {
    async create(state: OAuthState): Promise<void> {
      await ctx.exec(
        insert,
        [
          state.id,
          state.provider,
          state.codeVerifier,
          state.nonce,
          state.redirectTo,
          state.mode,
          state.linkingUserId,
          encodeDate(state.createdAt),
          encodeDate(state.expiresAt),
          state.resultToken,
          ctx.dialect.encodeBool(state.resultWasNew),
        ],
        { store: 'oauthStates', stateId: state.id },
      )
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const row = await ctx.first(byId, [stateId])
      return row === undefined ? null : decodeOAuthState(row)
    },
    async setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void> {
      // guardRepos resolves an omitted wasNew to false, so every call writes the flag.
      const wasNew = ctx.dialect.encodeBool(opts.wasNew)
      if (opts.newExpiresAt === undefined) await ctx.exec(setToken, [stateId, token, wasNew])
      else await ctx.exec(setTokenAndExpiry, [stateId, token, wasNew, encodeDate(opts.newExpiresAt)])
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      const row = await ctx.first(deleteReturning, [stateId])
      return row === undefined ? null : decodeOAuthState(row)
    },
    async purgeExpired(now: Date): Promise<number> {
      return (await ctx.exec(deleteBefore, [encodeDate(now)])).changed
    },
  }
}
