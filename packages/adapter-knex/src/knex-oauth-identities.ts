/** Raw `OAuthIdentityRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { NewOAuthIdentity, OAuthIdentity, RawOAuthIdentityRepo } from '@regstack/protocols'
import { newHexId, oauthIdentityWithId } from '@regstack/protocols'
import { decodeOAuthIdentity, encodeDate, encodeNullableDate } from './knex-codec.js'
import { ONE_ROW, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexOAuthIdentities(ctx: RepoContext): RawOAuthIdentityRepo {
  const identities = () => ctx.from('oauthIdentities')
  const insert = statement(($) =>
    identities().insert({
      id: $(),
      user_id: $(),
      provider: $(),
      subject_id: $(),
      email: $(),
      linked_at: $(),
      last_used_at: $(),
    }),
  )
  const bySubject = statement(($) => identities().where({ provider: $(), subject_id: $() }).limit(1, ONE_ROW))
  const forUser = statement(($) =>
    identities()
      .where('user_id', $())
      .orderBy([
        { column: 'linked_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]),
  )
  const deleteLink = statement(($) => identities().where({ user_id: $(), provider: $() }).del())
  const deleteForUser = statement(($) => identities().where('user_id', $()).del())
  const touch = statement(($) => {
    const lastUsedAt = $()
    return identities().where({ provider: $(), subject_id: $() }).update({ last_used_at: lastUsedAt })
  })
  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      const stored = oauthIdentityWithId(newHexId(), identity)
      await ctx.exec(
        insert,
        [
          stored.id,
          stored.userId,
          stored.provider,
          stored.subjectId,
          stored.email,
          encodeDate(stored.linkedAt),
          encodeNullableDate(stored.lastUsedAt),
        ],
        { store: 'oauthIdentities', provider: identity.provider, subjectId: identity.subjectId },
      )
      return stored
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const row = await ctx.first(bySubject, [opts.provider, opts.subjectId])
      return row === undefined ? null : decodeOAuthIdentity(row)
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      return (await ctx.exec(forUser, [userId])).rows.map(decodeOAuthIdentity)
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      return (await ctx.exec(deleteLink, [opts.userId, opts.provider])).changed > 0
    },
    async deleteByUserId(userId: string): Promise<number> {
      return (await ctx.exec(deleteForUser, [userId])).changed
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      await ctx.exec(touch, [encodeDate(opts.when), opts.provider, opts.subjectId])
    },
  }
}
