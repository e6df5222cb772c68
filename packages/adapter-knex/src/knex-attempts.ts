/** Raw `LoginAttemptRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { RawLoginAttemptRepo, ResolvedRecordFailureOptions } from '@regstack/protocols'
import { decodeInt, encodeDate } from './knex-codec.js'
import { PLAN_PER_CALL, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

/**
 * Every method is one statement, so one round trip. `now - windowMs` may fall before 1970; as an
 * integer epoch it simply goes negative, which every engine's BIGINT compares correctly.
 */
export function knexAttempts(ctx: RepoContext): RawLoginAttemptRepo {
  const attempts = () => ctx.from('attempts')
  const insert = statement(($) => attempts().insert({ email: $(), when: $(), ip: $() }))
  const countSince = statement(($) =>
    attempts().where('email', $()).where('when', '>=', $()).count({ n: '*' }),
  )
  const deleteByEmail = statement(($) => attempts().where('email', $()).del())
  const deleteBefore = statement(($) => attempts().where('when', '<', $()).del(), PLAN_PER_CALL)
  return {
    async recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void> {
      await ctx.exec(insert, [email, encodeDate(opts.when), opts.ip])
    },
    async countRecent(
      email: string,
      opts: { readonly windowMs: number; readonly now: Date },
    ): Promise<number> {
      const since = encodeDate(opts.now) - opts.windowMs
      return decodeInt((await ctx.first(countSince, [email, since]))?.n ?? 0)
    },
    async clear(email: string): Promise<void> {
      await ctx.exec(deleteByEmail, [email])
    },
    async purgeExpired(now: Date, windowMs: number): Promise<number> {
      return (await ctx.exec(deleteBefore, [encodeDate(now) - windowMs])).changed
    },
  }
}
