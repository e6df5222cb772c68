/** Raw `BlacklistRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { RawBlacklistRepo } from '@regstack/protocols'
import { encodeDate } from './knex-codec.js'
import { ONE_ROW, PLAN_PER_CALL, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexBlacklist(ctx: RepoContext): RawBlacklistRepo {
  const blacklist = () => ctx.from('blacklist')
  // First exp wins. knex's `.ignore()` is ON CONFLICT DO NOTHING on pg/sqlite but INSERT IGNORE on
  // MariaDB, which would also demote truncation and other errors to warnings; a no-op
  // ON DUPLICATE KEY UPDATE ignores duplicates only.
  const insert = statement(($) => {
    const q = blacklist().insert({ jti: $(), exp: $() })
    return ctx.dialect.family === 'mysql'
      ? q.onConflict('jti').merge({ jti: ctx.knex.ref('jti') })
      : q.onConflict('jti').ignore()
  })
  const byJti = statement(($) => blacklist().select('id').where('jti', $()).limit(1, ONE_ROW))
  const deleteBefore = statement(($) => blacklist().where('exp', '<', $()).del(), PLAN_PER_CALL)
  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      await ctx.exec(insert, [jti, encodeDate(exp)])
    },
    async isRevoked(jti: string): Promise<boolean> {
      return (await ctx.exec(byJti, [jti])).rows.length > 0
    },
    async purgeExpired(now: Date): Promise<number> {
      return (await ctx.exec(deleteBefore, [encodeDate(now)])).changed
    },
  }
}
