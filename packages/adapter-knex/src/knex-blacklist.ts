/** Raw `BlacklistRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { RawBlacklistRepo } from '@regstack/protocols'
import { encodeDate } from './knex-codec.js'
import { asRows, type RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexBlacklist(ctx: RepoContext): RawBlacklistRepo {
  const blacklist = () => ctx.from('blacklist')
  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      const insert = blacklist().insert({ jti, exp: encodeDate(exp) })
      // First exp wins. knex's `.ignore()` is ON CONFLICT DO NOTHING on pg/sqlite but INSERT IGNORE on
      // MariaDB, which would also demote truncation and other errors to warnings; a no-op
      // ON DUPLICATE KEY UPDATE ignores duplicates only.
      await ctx.run(async () => {
        if (ctx.dialect.family === 'mysql') await insert.onConflict('jti').merge({ jti: ctx.knex.ref('jti') })
        else await insert.onConflict('jti').ignore()
      })
    },
    async isRevoked(jti: string): Promise<boolean> {
      return (
        asRows(await ctx.run(async () => await blacklist().select('id').where('jti', jti).limit(1))).length >
        0
      )
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = encodeDate(now)
      return await ctx.run(async () => await blacklist().where('exp', '<', cutoff).del())
    },
  }
}
