/** Raw `UserRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type {
  NewUser,
  RawUserRepo,
  ResolvedListPagedOptions,
  ResolvedUserCountFilter,
  User,
} from '@regstack/protocols'
import { decodeInt, decodeUser, encodeDate, encodeNullableDate } from './knex-codec.js'
import { newId } from './new-id.js'
import { asRows, type RepoContext } from './repo-context.js'

/** Every method is one statement, so one round trip. */
export function knexUsers(ctx: RepoContext): RawUserRepo {
  const { dialect } = ctx
  const users = () => ctx.from('users')

  /** One UPDATE by id that also stamps `updated_at`; an unknown id matches nothing. */
  const set = (userId: string, values: Record<string, unknown>, now = ctx.clock.now()): Promise<void> =>
    ctx.run(async () => {
      await users()
        .where('id', userId)
        .update({ ...values, updated_at: encodeDate(now) })
    })

  return {
    async create(user: NewUser): Promise<User> {
      const stored: User = { ...user, id: newId() }
      await ctx.run(
        async () => {
          await users().insert({
            id: stored.id,
            email: stored.email,
            hashed_password: stored.hashedPassword,
            is_active: dialect.encodeBool(stored.isActive),
            is_verified: dialect.encodeBool(stored.isVerified),
            is_superuser: dialect.encodeBool(stored.isSuperuser),
            full_name: stored.fullName,
            phone_number: stored.phoneNumber,
            is_mfa_enabled: dialect.encodeBool(stored.isMfaEnabled),
            created_at: encodeDate(stored.createdAt),
            updated_at: encodeDate(stored.updatedAt),
            last_login: encodeNullableDate(stored.lastLogin),
            tokens_invalidated_after: encodeNullableDate(stored.tokensInvalidatedAfter),
          })
        },
        { store: 'users', email: user.email },
      )
      return stored
    },
    async getByEmail(email: string): Promise<User | null> {
      const row = asRows(await ctx.run(() => users().where('email', email).limit(1)))[0]
      return row === undefined ? null : decodeUser(row)
    },
    async getById(userId: string): Promise<User | null> {
      const row = asRows(await ctx.run(() => users().where('id', userId).limit(1)))[0]
      return row === undefined ? null : decodeUser(row)
    },
    setLastLogin: (userId, when) => set(userId, { last_login: encodeDate(when) }),
    setTokensInvalidatedAfter: (userId, when) => set(userId, { tokens_invalidated_after: encodeDate(when) }),
    updatePassword(userId, hashedPassword) {
      const now = ctx.clock.now()
      return set(userId, { hashed_password: hashedPassword, tokens_invalidated_after: encodeDate(now) }, now)
    },
    setActive: (userId, { isActive }) => set(userId, { is_active: dialect.encodeBool(isActive) }),
    setSuperuser: (userId, { isSuperuser }) => set(userId, { is_superuser: dialect.encodeBool(isSuperuser) }),
    setFullName: (userId, fullName) => set(userId, { full_name: fullName }),
    setPhone: (userId, phoneNumber) => set(userId, { phone_number: phoneNumber }),
    setMfaEnabled: (userId, { isMfaEnabled }) =>
      set(userId, { is_mfa_enabled: dialect.encodeBool(isMfaEnabled) }),
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const now = encodeDate(ctx.clock.now())
      // One UPDATE: the unique index rejects a taken email and the statement changes nothing at all.
      await ctx.run(
        async () => {
          await users()
            .where('id', userId)
            .update({ email: newEmail, tokens_invalidated_after: now, updated_at: now })
        },
        { store: 'users', email: newEmail },
      )
    },
    async delete(userId: string): Promise<boolean> {
      return (await ctx.run(() => users().where('id', userId).del())) > 0
    },
    async count(filter: ResolvedUserCountFilter): Promise<number> {
      const q = users().count({ n: '*' })
      if (filter.isActive !== undefined) q.where('is_active', dialect.encodeBool(filter.isActive))
      if (filter.isVerified !== undefined) q.where('is_verified', dialect.encodeBool(filter.isVerified))
      if (filter.isSuperuser !== undefined) q.where('is_superuser', dialect.encodeBool(filter.isSuperuser))
      return decodeInt(asRows(await ctx.run(() => q))[0]?.n ?? 0)
    },
    async listPaged(opts: ResolvedListPagedOptions): Promise<User[]> {
      const direction = opts.sortByCreatedAtDesc ? 'desc' : 'asc'
      const q = users()
        .orderBy([
          { column: 'created_at', order: direction },
          { column: 'id', order: direction },
        ])
        .offset(opts.skip)
        .limit(opts.limit)
      return asRows(await ctx.run(() => q)).map(decodeUser)
    },
  }
}
