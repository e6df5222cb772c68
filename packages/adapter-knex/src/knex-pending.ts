/** Raw `PendingRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import {
  type NewPendingRegistration,
  newHexId,
  PendingAlreadyExistsError,
  type PendingRegistration,
  pendingWithId,
  type RawPendingRepo,
} from '@regstack/protocols'
import type { Row } from './dialect.js'
import { decodeInt, decodePending, encodeDate } from './knex-codec.js'
import { ONE_ROW, PLAN_PER_CALL, statement } from './knex-statements.js'
import type { RepoContext } from './repo-context.js'

const REPLACED = ['hashed_password', 'full_name', 'token_hash', 'created_at', 'expires_at'] as const

const COLUMNS = [
  'id',
  'email',
  'hashed_password',
  'full_name',
  'token_hash',
  'created_at',
  'expires_at',
] as const

/** Every method is one statement, so one round trip (an upsert that lost a race for a new email, two). */
export function knexPending(ctx: RepoContext): RawPendingRepo {
  const { knex, dialect } = ctx
  const pending = () => ctx.from('pending')
  const table = ctx.tables.table('pending')

  /** Inserts or replaces in place (keeping the id); returns the stored row's id and email. Args: COLUMNS. */
  const upsertRow = statement(($) => {
    if (dialect.upsert === 'on-conflict') {
      // ON CONFLICT (email) arbitrates on the email index only: a token held by another email's row
      // still raises pending_token_unique, and the whole statement changes nothing.
      return pending()
        .insert(Object.fromEntries(COLUMNS.map((c) => [c, $()])))
        .onConflict('email')
        .merge([...REPLACED])
        .returning(['id', 'email'])
    }
    // MariaDB fires ON DUPLICATE KEY UPDATE for ANY unique key, so the row it lands on may be another
    // email's (same token_hash). Each assignment keeps the old value unless the emails are equal (the
    // no-pad binary collation makes `=` exact), and RETURNING tells us which row was hit.
    const assignments = REPLACED.map(() => '?? = IF(?? = VALUES(??), VALUES(??), ??)').join(', ')
    const names = REPLACED.flatMap((c) => [c, 'email', 'email', c, c])
    const sql =
      `insert into ?? (${COLUMNS.map(() => '??').join(', ')}) values (${COLUMNS.map(() => '?').join(', ')}) ` +
      `on duplicate key update ${assignments} returning ??, ??`
    return knex.raw(sql, [table, ...COLUMNS, ...COLUMNS.map(() => $()), ...names, 'id', 'email'])
  })
  const byTokenHash = statement(($) => pending().where('token_hash', $()).limit(1, ONE_ROW))
  const byEmail = statement(($) => pending().where('email', $()).limit(1, ONE_ROW))
  const deleteByEmail = statement(($) => pending().where('email', $()).del())
  const deleteBefore = statement(($) => pending().where('expires_at', '<', $()).del(), PLAN_PER_CALL)
  const countAfter = statement(
    ($) => pending().where('expires_at', '>', $()).count({ n: '*' }),
    PLAN_PER_CALL,
  )

  return {
    async upsert(p: NewPendingRegistration): Promise<PendingRegistration> {
      const row = [
        newHexId(),
        p.email,
        p.hashedPassword,
        p.fullName,
        p.tokenHash,
        encodeDate(p.createdAt),
        encodeDate(p.expiresAt),
      ]
      const attempt = async () =>
        (await ctx.exec(upsertRow, row, { store: 'pending', email: p.email })).rows[0]
      let hit: Row | undefined
      try {
        hit = await attempt()
      } catch (error) {
        // Two upserts racing to insert one new email: on PostgreSQL the loser can trip the token index
        // before ON CONFLICT (email) sees the winner's row (found by the linearizability area). That
        // statement changed nothing; run again, it finds the row and replaces it, as a serial run would.
        // A token held by another email's row fails the same way again and is thrown.
        if (
          dialect.upsert !== 'on-conflict' ||
          (error as { code?: unknown }).code !== 'PENDING_ALREADY_EXISTS'
        )
          throw error
        hit = await attempt()
      }
      if (hit === undefined) throw new Error('@regstack/adapter-knex: pending upsert returned no row')
      if (String(hit.email) !== p.email) throw new PendingAlreadyExistsError(p.email)
      return pendingWithId(String(hit.id), p)
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const row = await ctx.first(byTokenHash, [tokenHash])
      return row === undefined ? null : decodePending(row)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      const row = await ctx.first(byEmail, [email])
      return row === undefined ? null : decodePending(row)
    },
    async deleteByEmail(email: string): Promise<void> {
      await ctx.exec(deleteByEmail, [email])
    },
    async purgeExpired(now: Date): Promise<number> {
      return (await ctx.exec(deleteBefore, [encodeDate(now)])).changed
    },
    async countUnexpired(now: Date): Promise<number> {
      return decodeInt((await ctx.first(countAfter, [encodeDate(now)]))?.n ?? 0)
    },
  }
}
