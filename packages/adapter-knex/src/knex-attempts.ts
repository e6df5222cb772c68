/** Raw `LoginAttemptRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { RawLoginAttemptRepo, ResolvedRecordFailureOptions } from '@regstack/protocols'
import { decodeInt, encodeDate } from './knex-codec.js'
import { asRows, type RepoContext } from './repo-context.js'

/**
 * Every method is one statement, so one round trip. `now - windowMs` may fall before 1970; as an
 * integer epoch it simply goes negative, which every engine's BIGINT compares correctly.
 */
export function knexAttempts(ctx: RepoContext): RawLoginAttemptRepo {
  const attempts = () => ctx.from('attempts')
  return {
    async recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void> {
      const when = encodeDate(opts.when)
      await ctx.run(async () => await attempts().insert({ email, when, ip: opts.ip }))
    },
    async countRecent(
      email: string,
      opts: { readonly windowMs: number; readonly now: Date },
    ): Promise<number> {
      const since = encodeDate(opts.now) - opts.windowMs
      const rows = asRows(
        await ctx.run(
          async () => await attempts().where('email', email).where('when', '>=', since).count({ n: '*' }),
        ),
      )
      return decodeInt(rows[0]?.n ?? 0)
    },
    async clear(email: string): Promise<void> {
      await ctx.run(async () => await attempts().where('email', email).del())
    },
    async purgeExpired(now: Date, windowMs: number): Promise<number> {
      const cutoff = encodeDate(now) - windowMs
      return await ctx.run(async () => await attempts().where('when', '<', cutoff).del())
    },
  }
}
