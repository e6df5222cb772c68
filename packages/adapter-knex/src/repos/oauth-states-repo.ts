/** Raw `OAuthStateRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { NewOAuthState, OAuthState, OAuthStateRepo, SetResultTokenOptions } from '@regstack/protocols'
import { decodeOAuthState, encodeDate } from '../codec.js'
import { asRows, type RepoContext } from '../repo-context.js'

/** Every method is one statement, so one round trip. */
export function createOAuthStatesRepo(ctx: RepoContext): OAuthStateRepo {
  const states = () => ctx.from('oauthStates')
  const table = ctx.tables.table('oauthStates')
  return {
    async create(state: NewOAuthState): Promise<void> {
      await ctx.run(
        async () =>
          await states().insert({
            id: state.id,
            provider: state.provider,
            code_verifier: state.codeVerifier,
            nonce: state.nonce,
            redirect_to: state.redirectTo,
            mode: state.mode,
            linking_user_id: state.linkingUserId,
            created_at: encodeDate(state.createdAt),
            expires_at: encodeDate(state.expiresAt),
            result_token: state.resultToken,
            result_was_new: ctx.dialect.encodeBool(state.resultWasNew ?? false),
          }),
        { table: 'oauthStates', stateId: state.id },
      )
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const row = asRows(await ctx.run(async () => await states().where('id', stateId).limit(1)))[0]
      return row === undefined ? null : decodeOAuthState(row)
    },
    async setResultToken(stateId: string, token: string, opts?: SetResultTokenOptions | null): Promise<void> {
      const newExpiresAt = opts?.newExpiresAt
      // One UPDATE writes token, flag and expiry together (CONTRACT §0.19); omitted wasNew resets it.
      const tokenAndFlag = {
        result_token: token,
        result_was_new: ctx.dialect.encodeBool(opts?.wasNew ?? false),
      }
      const values = newExpiresAt ? { ...tokenAndFlag, expires_at: encodeDate(newExpiresAt) } : tokenAndFlag
      await ctx.run(async () => await states().where('id', stateId).update(values))
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      // DELETE … RETURNING (PostgreSQL, SQLite ≥ 3.35, MariaDB ≥ 10.0.5): the row goes to whichever
      // statement deletes it, so exactly one concurrent caller receives it.
      const result = await ctx.run(
        async () => await ctx.knex.raw('delete from ?? where ?? = ? returning *', [table, 'id', stateId]),
      )
      const row = ctx.dialect.rawRows(result)[0]
      return row === undefined ? null : decodeOAuthState(row)
    },
    async purgeExpired(now?: Date | null): Promise<number> {
      const cutoff = encodeDate(now ?? ctx.clock.now())
      return await ctx.run(async () => await states().where('expires_at', '<', cutoff).del())
    },
  }
}
