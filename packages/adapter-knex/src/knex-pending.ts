/** Raw `PendingRepo` over knex: valid, fully resolved arguments only (see `guardRepos`). */
import {
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRegistration,
  type RawPendingRepo,
} from '@regstack/protocols'
import type { Knex } from 'knex'
import { decodeInt, decodePending, encodeDate } from './knex-codec.js'
import { newId } from './new-id.js'
import { asRows, type RepoContext } from './repo-context.js'

const REPLACED = ['hashed_password', 'full_name', 'token_hash', 'created_at', 'expires_at'] as const

/** Every method is one statement, so one round trip (an upsert that lost a race for a new email, two). */
export function knexPending(ctx: RepoContext): RawPendingRepo {
  const { knex, dialect } = ctx
  const pending = () => ctx.from('pending')
  const table = ctx.tables.table('pending')

  /** Inserts or replaces in place (keeping the id); resolves to the stored row's id and email. */
  async function upsertRow(row: Record<string, unknown>): Promise<{ id: string; email: string } | undefined> {
    if (dialect.upsert === 'on-conflict') {
      // ON CONFLICT (email) arbitrates on the email index only: a token held by another email's row
      // still raises pending_token_unique, and the whole statement changes nothing.
      const result = await pending()
        .insert(row)
        .onConflict('email')
        .merge([...REPLACED])
        .returning(['id', 'email'])
      const r = asRows(result)[0]
      return r === undefined ? undefined : { id: String(r.id), email: String(r.email) }
    }
    // MariaDB fires ON DUPLICATE KEY UPDATE for ANY unique key, so the row it lands on may be another
    // email's (same token_hash). Each assignment keeps the old value unless the emails are equal (the
    // no-pad binary collation makes `=` exact), and RETURNING tells us which row was hit.
    const assignments = REPLACED.map(() => '?? = IF(?? = VALUES(??), VALUES(??), ??)').join(', ')
    const names = REPLACED.flatMap((c) => [c, 'email', 'email', c, c])
    const columns = Object.keys(row)
    const sql =
      `insert into ?? (${columns.map(() => '??').join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
      `on duplicate key update ${assignments} returning ??, ??`
    const result = await knex.raw(sql, [
      table,
      ...columns,
      ...Object.values(row),
      ...names,
      'id',
      'email',
    ] as Knex.RawBinding[])
    const r = dialect.rawRows(result)[0]
    return r === undefined ? undefined : { id: String(r.id), email: String(r.email) }
  }

  return {
    async upsert(p: NewPendingRegistration): Promise<PendingRegistration> {
      const row = {
        id: newId(),
        email: p.email,
        hashed_password: p.hashedPassword,
        full_name: p.fullName,
        token_hash: p.tokenHash,
        created_at: encodeDate(p.createdAt),
        expires_at: encodeDate(p.expiresAt),
      }
      const attempt = () => ctx.run(() => upsertRow(row), { store: 'pending', email: p.email })
      let hit: Awaited<ReturnType<typeof upsertRow>>
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
      if (hit.email !== p.email) throw new PendingAlreadyExistsError(p.email)
      return { ...p, id: hit.id }
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const row = asRows(
        await ctx.run(async () => await pending().where('token_hash', tokenHash).limit(1)),
      )[0]
      return row === undefined ? null : decodePending(row)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      const row = asRows(await ctx.run(async () => await pending().where('email', email).limit(1)))[0]
      return row === undefined ? null : decodePending(row)
    },
    async deleteByEmail(email: string): Promise<void> {
      await ctx.run(async () => await pending().where('email', email).del())
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = encodeDate(now)
      return await ctx.run(async () => await pending().where('expires_at', '<', cutoff).del())
    },
    async countUnexpired(now: Date): Promise<number> {
      const at = encodeDate(now)
      const rows = asRows(
        await ctx.run(async () => await pending().where('expires_at', '>', at).count({ n: '*' })),
      )
      return decodeInt(rows[0]?.n ?? 0)
    },
  }
}
