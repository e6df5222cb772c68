/**
 * The hot paths with Kysely, as its documentation shows: a `Database` interface of the tables, the
 * Postgres or MySQL dialect over the driver's pool, `selectFrom(…).select([… as camelCase])`,
 * `deleteFrom(…).returningAll()`, `executeTakeFirst()`.
 * Physical names carry the store's prefix, so each table name is cast to its logical key.
 */

import type { MfaKind, MfaVerifyResult } from '@regstack/protocols'
import type { ServerConnection } from '@regstack/test-engines'
import {
  type ColumnType,
  type Generated,
  Kysely,
  MysqlDialect,
  type MysqlPool,
  PostgresDialect,
  type PostgresPool,
  type Selectable,
  sql,
} from 'kysely'
import { createPool } from 'mysql2'
import { loadPg } from '../driver-shapes.js'
import { versionOf } from '../machine-info.js'
import type { Peer, PeerName, PeerRepos } from './peer-repos.js'
import { toIdentity, toState, toUser } from './peer-rows.js'
import { verifyStep } from './peer-verify.js'

const version = versionOf('kysely')

// node-postgres reads BIGINT as a string, mysql2 as a number.
type Millis = ColumnType<number | string, number, number>
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>

interface Database {
  users: {
    id: string
    email: string
    hashed_password: string | null
    is_active: Bool
    is_verified: Bool
    is_superuser: Bool
    full_name: string | null
    phone_number: string | null
    is_mfa_enabled: Bool
    created_at: Millis
    updated_at: Millis
    last_login: Millis | null
    tokens_invalidated_after: Millis | null
  }
  token_blacklist: { id: Generated<number>; jti: string; exp: Millis }
  login_attempts: { id: Generated<number>; email: string; when: Millis; ip: string | null }
  mfa_codes: {
    id: string
    user_id: string
    kind: string
    code_hash: string
    expires_at: Millis
    attempts: Millis
    max_attempts: Millis
    created_at: Millis
  }
  oauth_identities: {
    id: string
    user_id: string
    provider: string
    subject_id: string
    email: string | null
    linked_at: Millis
    last_used_at: Millis | null
  }
  oauth_states: {
    id: string
    provider: string
    code_verifier: string
    nonce: string
    redirect_to: string
    mode: string
    linking_user_id: string | null
    created_at: Millis
    expires_at: Millis
    result_token: string | null
    result_was_new: boolean | number
  }
}

const USER_COLUMNS = [
  'id',
  'email',
  'hashed_password as hashedPassword',
  'is_active as isActive',
  'is_verified as isVerified',
  'is_superuser as isSuperuser',
  'full_name as fullName',
  'phone_number as phoneNumber',
  'is_mfa_enabled as isMfaEnabled',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'last_login as lastLogin',
  'tokens_invalidated_after as tokensInvalidatedAfter',
] as const

const IDENTITY_COLUMNS = [
  'id',
  'user_id as userId',
  'provider',
  'subject_id as subjectId',
  'email',
  'linked_at as linkedAt',
  'last_used_at as lastUsedAt',
] as const

function kyselyRepos(db: Kysely<Database>, prefix: string, builderReturning: boolean): PeerRepos {
  const users = `${prefix}users` as 'users'
  const blacklist = `${prefix}token_blacklist` as 'token_blacklist'
  const attempts = `${prefix}login_attempts` as 'login_attempts'
  const codes = `${prefix}mfa_codes` as 'mfa_codes'
  const identities = `${prefix}oauth_identities` as 'oauth_identities'
  const states = `${prefix}oauth_states` as 'oauth_states'
  return {
    async getUserById(id) {
      const row = await db
        .selectFrom(users)
        .select(USER_COLUMNS)
        .where('id', '=', id)
        .limit(1)
        .executeTakeFirst()
      return row === undefined ? null : toUser(row)
    },
    async getUserByEmail(email) {
      const row = await db
        .selectFrom(users)
        .select(USER_COLUMNS)
        .where('email', '=', email)
        .limit(1)
        .executeTakeFirst()
      return row === undefined ? null : toUser(row)
    },
    async isRevoked(jti) {
      const row = await db
        .selectFrom(blacklist)
        .select('id')
        .where('jti', '=', jti)
        .limit(1)
        .executeTakeFirst()
      return row !== undefined
    },
    async countRecentFailures(email, windowMs, now) {
      const row = await db
        .selectFrom(attempts)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('email', '=', email)
        .where('when', '>=', now.getTime() - windowMs)
        .executeTakeFirst()
      return Number(row?.n ?? 0)
    },
    async recordFailure(email, ip, when) {
      await db.insertInto(attempts).values({ email, when: when.getTime(), ip }).execute()
    },
    async consumeState(id) {
      // Kysely's MySQL adapter declares no RETURNING (its builder would hand back a DeleteResult), so
      // on MariaDB this is Kysely's `sql` template, as its docs suggest for what the builder lacks.
      const r = builderReturning
        ? await db.deleteFrom(states).where('id', '=', id).returningAll().executeTakeFirst()
        : (
            await sql<
              Selectable<Database['oauth_states']>
            >`delete from ${sql.table(states)} where id = ${id} returning *`.execute(db)
          ).rows[0]
      if (r === undefined) return null
      return toState({
        id: r.id,
        provider: r.provider,
        codeVerifier: r.code_verifier,
        nonce: r.nonce,
        redirectTo: r.redirect_to,
        mode: r.mode,
        linkingUserId: r.linking_user_id,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        resultToken: r.result_token,
        resultWasNew: r.result_was_new,
      })
    },
    async verifyMfa(userId, kind: MfaKind, rawCode, now): Promise<MfaVerifyResult> {
      for (;;) {
        const code = await db
          .selectFrom(codes)
          .selectAll()
          .where('user_id', '=', userId)
          .where('kind', '=', kind)
          .limit(1)
          .executeTakeFirst()
        if (code === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
        const read = {
          codeHash: code.code_hash,
          expiresAt: Number(code.expires_at),
          attempts: Number(code.attempts),
          maxAttempts: Number(code.max_attempts),
        }
        const step = verifyStep(read, rawCode, now.getTime())
        const asRead = {
          id: code.id,
          code_hash: code.code_hash,
          expires_at: Number(code.expires_at),
          attempts: read.attempts,
          max_attempts: read.maxAttempts,
          created_at: Number(code.created_at),
        }
        if (step.write === 'delete') {
          const done = await db
            .deleteFrom(codes)
            .where((eb) => eb.and(asRead))
            .executeTakeFirst()
          if (done.numDeletedRows === 1n) return { outcome: step.outcome, attemptsRemaining: 0 }
        } else {
          const done = await db
            .updateTable(codes)
            .set({ attempts: read.attempts + 1 })
            .where((eb) => eb.and(asRead))
            .executeTakeFirst()
          if (done.numUpdatedRows === 1n) return { outcome: 'wrong', attemptsRemaining: step.remaining }
        }
      }
    },
    async findIdentityBySubject(provider, subjectId) {
      const row = await db
        .selectFrom(identities)
        .select(IDENTITY_COLUMNS)
        .where('provider', '=', provider)
        .where('subject_id', '=', subjectId)
        .limit(1)
        .executeTakeFirst()
      return row === undefined ? null : toIdentity(row)
    },
  }
}

function peer(db: Kysely<Database>, driver: string, builderReturning: boolean): Peer {
  const name: PeerName = 'kysely'
  return {
    name,
    label: `kysely ${version} (${driver})`,
    repos: (prefix) => kyselyRepos(db, prefix, builderReturning),
    close: () => db.destroy(),
  }
}

/** Kysely on PostgreSQL through a node-postgres pool. */
export function kyselyPgPeer(server: ServerConnection, poolMax: number): Peer {
  const { Pool } = loadPg()
  const pool = new Pool({ ...server, max: poolMax }) as unknown as PostgresPool
  return peer(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'node-postgres', true)
}

/** Kysely on MariaDB through a mysql2 pool. */
export function kyselyMysqlPeer(server: ServerConnection, poolMax: number): Peer {
  const pool = createPool({ ...server, connectionLimit: poolMax, charset: 'utf8mb4' }) as unknown as MysqlPool
  return peer(new Kysely<Database>({ dialect: new MysqlDialect({ pool }) }), 'mysql2', false)
}
