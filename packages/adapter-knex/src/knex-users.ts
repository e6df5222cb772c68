/** Raw `UserRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import type {
  NewUser,
  RawUserRepo,
  ResolvedListPagedOptions,
  ResolvedUserCountFilter,
  User,
} from '@regstack/protocols'
import { newHexId, userWithId } from '@regstack/protocols'
import type { Knex } from 'knex'
import { decodeInt, decodeUser, encodeDate, encodeNullableDate } from './knex-codec.js'
import { ONE_ROW, PLAN_PER_CALL, type Statement, statement, statementFamily } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

type UserFlag = 'is_active' | 'is_verified' | 'is_superuser'

/** Every method is one statement, so one round trip. Statements are compiled once (`knex-statements`). */
export function knexUsers(ctx: RepoContext): RawUserRepo {
  const { dialect } = ctx
  const users = () => ctx.from('users')

  const insert = statement(($) =>
    users().insert({
      id: $(),
      email: $(),
      hashed_password: $(),
      is_active: $(),
      is_verified: $(),
      is_superuser: $(),
      full_name: $(),
      phone_number: $(),
      is_mfa_enabled: $(),
      created_at: $(),
      updated_at: $(),
      last_login: $(),
      tokens_invalidated_after: $(),
    }),
  )
  const byEmail = statement(($) => users().where('email', $()).limit(1, ONE_ROW))
  const byId = statement(($) => users().where('id', $()).limit(1, ONE_ROW))
  const deleteById = statement(($) => users().where('id', $()).del())
  /** One UPDATE by id of `column` that also stamps `updated_at`; an unknown id matches nothing. */
  const setColumn = statementFamily((column: string, $) =>
    users()
      .where('id', $())
      .update({ [column]: $(), updated_at: $() }),
  )
  const setPassword = statement(($) =>
    users().where('id', $()).update({ hashed_password: $(), tokens_invalidated_after: $(), updated_at: $() }),
  )
  const setEmail = statement(($) =>
    users().where('id', $()).update({ email: $(), tokens_invalidated_after: $(), updated_at: $() }),
  )
  /** A count per combination of filters, keyed by the filtered columns joined with `,`. */
  const countWhere = statementFamily((key: string, $) => {
    const q = users().count({ n: '*' })
    for (const column of key === '' ? [] : key.split(',')) q.where(column, $())
    return q
  })
  /*
   * MariaDB's optimizer may answer a page by sorting the whole table when its statistics are stale:
   * right after 100,000 users were bulk-loaded it chose a full scan and filesort (30 ms) over the
   * (created_at, id) index until `ANALYZE TABLE` ran (0.5 ms). The hint makes the first page read 50
   * index entries whatever the statistics say. PostgreSQL and SQLite planned the index throughout.
   */
  const pageSource = (): Knex.QueryBuilder =>
    dialect.family === 'mysql'
      ? ctx.knex.from(
          ctx.knex.raw('?? force index (??)', [
            ctx.tables.table('users'),
            ctx.tables.index('users_created_at'),
          ]),
        )
      : users()
  const page = statementFamily(
    (direction: 'asc' | 'desc', $) =>
      pageSource()
        .orderBy([
          { column: 'created_at', order: direction },
          { column: 'id', order: direction },
        ])
        .offset($())
        .limit($()),
    PLAN_PER_CALL,
  )

  const set = async (userId: string, column: string, value: unknown): Promise<void> => {
    await ctx.exec(setColumn(column), [userId, value, encodeDate(ctx.clock.now())])
  }
  const readUser = async (st: Statement, key: string): Promise<User | null> => {
    const row = await ctx.first(st, [key])
    return row === undefined ? null : decodeUser(row)
  }

  return {
    async create(user: NewUser): Promise<User> {
      const stored = userWithId(newHexId(), user)
      await ctx.exec(
        insert,
        [
          stored.id,
          stored.email,
          stored.hashedPassword,
          dialect.encodeBool(stored.isActive),
          dialect.encodeBool(stored.isVerified),
          dialect.encodeBool(stored.isSuperuser),
          stored.fullName,
          stored.phoneNumber,
          dialect.encodeBool(stored.isMfaEnabled),
          encodeDate(stored.createdAt),
          encodeDate(stored.updatedAt),
          encodeNullableDate(stored.lastLogin),
          encodeNullableDate(stored.tokensInvalidatedAfter),
        ],
        { store: 'users', email: user.email },
      )
      return stored
    },
    getByEmail: (email) => readUser(byEmail, email),
    getById: (userId) => readUser(byId, userId),
    setLastLogin: (userId, when) => set(userId, 'last_login', encodeDate(when)),
    setTokensInvalidatedAfter: (userId, when) => set(userId, 'tokens_invalidated_after', encodeDate(when)),
    async updatePassword(userId, hashedPassword) {
      const now = encodeDate(ctx.clock.now())
      await ctx.exec(setPassword, [userId, hashedPassword, now, now])
    },
    setActive: (userId, { isActive }) => set(userId, 'is_active', dialect.encodeBool(isActive)),
    setSuperuser: (userId, { isSuperuser }) => set(userId, 'is_superuser', dialect.encodeBool(isSuperuser)),
    setFullName: (userId, fullName) => set(userId, 'full_name', fullName),
    setPhone: (userId, phoneNumber) => set(userId, 'phone_number', phoneNumber),
    setMfaEnabled: (userId, { isMfaEnabled }) =>
      set(userId, 'is_mfa_enabled', dialect.encodeBool(isMfaEnabled)),
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const now = encodeDate(ctx.clock.now())
      // One UPDATE: the unique index rejects a taken email and the statement changes nothing at all.
      await ctx.exec(setEmail, [userId, newEmail, now, now], { store: 'users', email: newEmail })
    },
    async delete(userId: string): Promise<boolean> {
      return (await ctx.exec(deleteById, [userId])).changed > 0
    },
    async count(filter: ResolvedUserCountFilter): Promise<number> {
      const columns: UserFlag[] = []
      const values: unknown[] = []
      const add = (column: UserFlag, value: boolean | undefined): void => {
        if (value === undefined) return
        columns.push(column)
        values.push(dialect.encodeBool(value))
      }
      add('is_active', filter.isActive)
      add('is_verified', filter.isVerified)
      add('is_superuser', filter.isSuperuser)
      return decodeInt((await ctx.first(countWhere(columns.join(',')), values))?.n ?? 0)
    },
    async listPaged(opts: ResolvedListPagedOptions): Promise<User[]> {
      const direction = opts.sortByCreatedAtDesc ? 'desc' : 'asc'
      const { rows } = await ctx.exec(page(direction), [opts.skip, opts.limit])
      return rows.map(decodeUser)
    },
  }
}
