/** Raw `OAuthStateRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { OAuthState, RawOAuthStateRepo, RawSetResultTokenOptions } from '@regstack/protocols'
import { decodeOAuthState, encodeDate } from './knex-codec.js'
import { asRows, type RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexOAuthStates(ctx: RepoContext): RawOAuthStateRepo {
  const states = () => ctx.from('oauthStates')
  const table = ctx.tables.table('oauthStates')
  return {
    async create(state: OAuthState): Promise<void> {
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
            result_was_new: ctx.dialect.encodeBool(state.resultWasNew),
          }),
        { store: 'oauthStates', stateId: state.id },
      )
    },
    async find(stateId: string): Promise<OAuthState | null> {
      const row = asRows(await ctx.run(async () => await states().where('id', stateId).limit(1)))[0]
      return row === undefined ? null : decodeOAuthState(row)
    },
    async setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void> {
      // One UPDATE writes token, flag and expiry together (CONTRACT §0.19); guardRepos resolves an
      // omitted wasNew to false, so every call writes the flag.
      const tokenAndFlag = { result_token: token, result_was_new: ctx.dialect.encodeBool(opts.wasNew) }
      const values =
        opts.newExpiresAt === undefined
          ? tokenAndFlag
          : { ...tokenAndFlag, expires_at: encodeDate(opts.newExpiresAt) }
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
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = encodeDate(now)
      return await ctx.run(async () => await states().where('expires_at', '<', cutoff).del())
    },
  }
}
