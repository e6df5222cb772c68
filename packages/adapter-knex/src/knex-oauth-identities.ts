/** Raw `OAuthIdentityRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type { NewOAuthIdentity, OAuthIdentity, RawOAuthIdentityRepo } from '@regstack/protocols'
import { decodeOAuthIdentity, encodeDate, encodeNullableDate } from './knex-codec.js'
import { newId } from './new-id.js'
import { asRows, type RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexOAuthIdentities(ctx: RepoContext): RawOAuthIdentityRepo {
  const identities = () => ctx.from('oauthIdentities')
  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      const stored: OAuthIdentity = { ...identity, id: newId() }
      await ctx.run(
        async () =>
          await identities().insert({
            id: stored.id,
            user_id: stored.userId,
            provider: stored.provider,
            subject_id: stored.subjectId,
            email: stored.email,
            linked_at: encodeDate(stored.linkedAt),
            last_used_at: encodeNullableDate(stored.lastUsedAt),
          }),
        { store: 'oauthIdentities', provider: identity.provider, subjectId: identity.subjectId },
      )
      return stored
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const q = identities().where({ provider: opts.provider, subject_id: opts.subjectId }).limit(1)
      const row = asRows(await ctx.run(async () => await q))[0]
      return row === undefined ? null : decodeOAuthIdentity(row)
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      const q = identities()
        .where('user_id', userId)
        .orderBy([
          { column: 'linked_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
      return asRows(await ctx.run(async () => await q)).map(decodeOAuthIdentity)
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const q = identities().where({ user_id: opts.userId, provider: opts.provider })
      return (await ctx.run(async () => await q.del())) > 0
    },
    async deleteByUserId(userId: string): Promise<number> {
      return await ctx.run(async () => await identities().where('user_id', userId).del())
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      const q = identities().where({ provider: opts.provider, subject_id: opts.subjectId })
      await ctx.run(async () => await q.update({ last_used_at: encodeDate(opts.when) }))
    },
  }
}
