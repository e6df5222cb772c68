/**
 * The hot paths with Drizzle ORM, as its documentation shows: a schema per table (`pgTable` /
 * `mysqlTable`, epoch milliseconds as `bigint` in number mode), the select/insert/delete builders with
 * `eq`/`and`/`gte`, one pool per engine. MariaDB has no `DELETE … RETURNING` in Drizzle's MySQL
 * dialect, so `consume` there is Drizzle's `sql` template, as its docs suggest for what the builder lacks.
 */

import type { MfaKind, MfaVerifyResult } from '@regstack/protocols'
import type { ServerConnection } from '@regstack/test-engines'
import { and, count, eq, gte, sql } from 'drizzle-orm'
import * as my from 'drizzle-orm/mysql-core'
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import * as pg from 'drizzle-orm/pg-core'
import { versionOf } from '../machine-info.js'
import type { Peer, PeerRepos } from './peer-repos.js'
import { type StateRow, toIdentity, toState, toUser } from './peer-rows.js'
import { verifyStep } from './peer-verify.js'

const version = versionOf('drizzle-orm')

function pgTables(prefix: string) {
  const ms = (name: string) => pg.bigint(name, { mode: 'number' })
  return {
    users: pg.pgTable(`${prefix}users`, {
      id: pg.varchar('id', { length: 36 }).primaryKey(),
      email: pg.varchar('email', { length: 320 }).notNull(),
      hashedPassword: pg.text('hashed_password'),
      isActive: pg.boolean('is_active').notNull(),
      isVerified: pg.boolean('is_verified').notNull(),
      isSuperuser: pg.boolean('is_superuser').notNull(),
      fullName: pg.varchar('full_name', { length: 200 }),
      phoneNumber: pg.varchar('phone_number', { length: 20 }),
      isMfaEnabled: pg.boolean('is_mfa_enabled').notNull(),
      createdAt: ms('created_at').notNull(),
      updatedAt: ms('updated_at').notNull(),
      lastLogin: ms('last_login'),
      tokensInvalidatedAfter: ms('tokens_invalidated_after'),
    }),
    blacklist: pg.pgTable(`${prefix}token_blacklist`, {
      id: pg.bigserial('id', { mode: 'number' }).primaryKey(),
      jti: pg.varchar('jti', { length: 64 }).notNull(),
      exp: ms('exp').notNull(),
    }),
    attempts: pg.pgTable(`${prefix}login_attempts`, {
      id: pg.bigserial('id', { mode: 'number' }).primaryKey(),
      email: pg.varchar('email', { length: 320 }).notNull(),
      when: ms('when').notNull(),
      ip: pg.varchar('ip', { length: 64 }),
    }),
    codes: pg.pgTable(`${prefix}mfa_codes`, {
      id: pg.varchar('id', { length: 36 }).primaryKey(),
      userId: pg.varchar('user_id', { length: 36 }).notNull(),
      kind: pg.varchar('kind', { length: 32 }).notNull(),
      codeHash: pg.varchar('code_hash', { length: 64 }).notNull(),
      expiresAt: ms('expires_at').notNull(),
      attempts: ms('attempts').notNull(),
      maxAttempts: ms('max_attempts').notNull(),
      createdAt: ms('created_at').notNull(),
    }),
    identities: pg.pgTable(`${prefix}oauth_identities`, {
      id: pg.varchar('id', { length: 36 }).primaryKey(),
      userId: pg.varchar('user_id', { length: 36 }).notNull(),
      provider: pg.varchar('provider', { length: 32 }).notNull(),
      subjectId: pg.varchar('subject_id', { length: 255 }).notNull(),
      email: pg.varchar('email', { length: 320 }),
      linkedAt: ms('linked_at').notNull(),
      lastUsedAt: ms('last_used_at'),
    }),
    states: pg.pgTable(`${prefix}oauth_states`, {
      id: pg.varchar('id', { length: 128 }).primaryKey(),
      provider: pg.varchar('provider', { length: 32 }).notNull(),
      codeVerifier: pg.text('code_verifier').notNull(),
      nonce: pg.varchar('nonce', { length: 64 }).notNull(),
      redirectTo: pg.text('redirect_to').notNull(),
      mode: pg.varchar('mode', { length: 16 }).notNull(),
      linkingUserId: pg.varchar('linking_user_id', { length: 36 }),
      createdAt: ms('created_at').notNull(),
      expiresAt: ms('expires_at').notNull(),
      resultToken: pg.text('result_token'),
      resultWasNew: pg.boolean('result_was_new').notNull(),
    }),
  }
}

function mysqlTables(prefix: string) {
  const ms = (name: string) => my.bigint(name, { mode: 'number' })
  return {
    users: my.mysqlTable(`${prefix}users`, {
      id: my.varchar('id', { length: 36 }).primaryKey(),
      email: my.varchar('email', { length: 320 }).notNull(),
      hashedPassword: my.text('hashed_password'),
      isActive: my.boolean('is_active').notNull(),
      isVerified: my.boolean('is_verified').notNull(),
      isSuperuser: my.boolean('is_superuser').notNull(),
      fullName: my.varchar('full_name', { length: 200 }),
      phoneNumber: my.varchar('phone_number', { length: 20 }),
      isMfaEnabled: my.boolean('is_mfa_enabled').notNull(),
      createdAt: ms('created_at').notNull(),
      updatedAt: ms('updated_at').notNull(),
      lastLogin: ms('last_login'),
      tokensInvalidatedAfter: ms('tokens_invalidated_after'),
    }),
    blacklist: my.mysqlTable(`${prefix}token_blacklist`, {
      id: my.serial('id').primaryKey(),
      jti: my.varchar('jti', { length: 64 }).notNull(),
      exp: ms('exp').notNull(),
    }),
    attempts: my.mysqlTable(`${prefix}login_attempts`, {
      id: my.serial('id').primaryKey(),
      email: my.varchar('email', { length: 320 }).notNull(),
      when: ms('when').notNull(),
      ip: my.varchar('ip', { length: 64 }),
    }),
    codes: my.mysqlTable(`${prefix}mfa_codes`, {
      id: my.varchar('id', { length: 36 }).primaryKey(),
      userId: my.varchar('user_id', { length: 36 }).notNull(),
      kind: my.varchar('kind', { length: 32 }).notNull(),
      codeHash: my.varchar('code_hash', { length: 64 }).notNull(),
      expiresAt: ms('expires_at').notNull(),
      attempts: ms('attempts').notNull(),
      maxAttempts: ms('max_attempts').notNull(),
      createdAt: ms('created_at').notNull(),
    }),
    identities: my.mysqlTable(`${prefix}oauth_identities`, {
      id: my.varchar('id', { length: 36 }).primaryKey(),
      userId: my.varchar('user_id', { length: 36 }).notNull(),
      provider: my.varchar('provider', { length: 32 }).notNull(),
      subjectId: my.varchar('subject_id', { length: 255 }).notNull(),
      email: my.varchar('email', { length: 320 }),
      linkedAt: ms('linked_at').notNull(),
      lastUsedAt: ms('last_used_at'),
    }),
    states: my.mysqlTable(`${prefix}oauth_states`, {
      id: my.varchar('id', { length: 128 }).primaryKey(),
      provider: my.varchar('provider', { length: 32 }).notNull(),
      codeVerifier: my.text('code_verifier').notNull(),
      nonce: my.varchar('nonce', { length: 64 }).notNull(),
      redirectTo: my.text('redirect_to').notNull(),
      mode: my.varchar('mode', { length: 16 }).notNull(),
      linkingUserId: my.varchar('linking_user_id', { length: 36 }),
      createdAt: ms('created_at').notNull(),
      expiresAt: ms('expires_at').notNull(),
      resultToken: my.text('result_token'),
      resultWasNew: my.boolean('result_was_new').notNull(),
    }),
  }
}

const wrongOrGone = (remaining: number): MfaVerifyResult => ({
  outcome: 'wrong',
  attemptsRemaining: remaining,
})

/** Drizzle on PostgreSQL through node-postgres. */
export function drizzlePgPeer(server: ServerConnection, poolMax: number): Peer {
  const db = drizzlePg({ connection: { ...server, max: poolMax } })
  return {
    name: 'drizzle',
    label: `drizzle-orm ${version} (node-postgres)`,
    repos(prefix): PeerRepos {
      const t = pgTables(prefix)
      const asRead = (c: typeof t.codes.$inferSelect) =>
        and(
          eq(t.codes.id, c.id),
          eq(t.codes.codeHash, c.codeHash),
          eq(t.codes.expiresAt, c.expiresAt),
          eq(t.codes.attempts, c.attempts),
          eq(t.codes.maxAttempts, c.maxAttempts),
          eq(t.codes.createdAt, c.createdAt),
        )
      return {
        async getUserById(id) {
          const [row] = await db.select().from(t.users).where(eq(t.users.id, id)).limit(1)
          return row === undefined ? null : toUser(row)
        },
        async getUserByEmail(email) {
          const [row] = await db.select().from(t.users).where(eq(t.users.email, email)).limit(1)
          return row === undefined ? null : toUser(row)
        },
        async isRevoked(jti) {
          const rows = await db
            .select({ id: t.blacklist.id })
            .from(t.blacklist)
            .where(eq(t.blacklist.jti, jti))
            .limit(1)
          return rows.length > 0
        },
        async countRecentFailures(email, windowMs, now) {
          const [row] = await db
            .select({ n: count() })
            .from(t.attempts)
            .where(and(eq(t.attempts.email, email), gte(t.attempts.when, now.getTime() - windowMs)))
          return row?.n ?? 0
        },
        async recordFailure(email, ip, when) {
          await db.insert(t.attempts).values({ email, when: when.getTime(), ip })
        },
        async consumeState(id) {
          const [row] = await db.delete(t.states).where(eq(t.states.id, id)).returning()
          return row === undefined ? null : toState(row)
        },
        async verifyMfa(userId, kind: MfaKind, rawCode, now) {
          for (;;) {
            const [code] = await db
              .select()
              .from(t.codes)
              .where(and(eq(t.codes.userId, userId), eq(t.codes.kind, kind)))
              .limit(1)
            if (code === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
            const step = verifyStep(code, rawCode, now.getTime())
            if (step.write === 'delete') {
              const done = await db.delete(t.codes).where(asRead(code))
              if (done.rowCount === 1) return { outcome: step.outcome, attemptsRemaining: 0 }
            } else {
              const done = await db
                .update(t.codes)
                .set({ attempts: code.attempts + 1 })
                .where(asRead(code))
              if (done.rowCount === 1) return wrongOrGone(step.remaining)
            }
          }
        },
        async findIdentityBySubject(provider, subjectId) {
          const [row] = await db
            .select()
            .from(t.identities)
            .where(and(eq(t.identities.provider, provider), eq(t.identities.subjectId, subjectId)))
            .limit(1)
          return row === undefined ? null : toIdentity(row)
        },
      }
    },
    close: () => db.$client.end(),
  }
}

/** Drizzle on MariaDB through mysql2. */
export function drizzleMysqlPeer(server: ServerConnection, poolMax: number): Peer {
  const db = drizzleMysql({ connection: { ...server, connectionLimit: poolMax, charset: 'utf8mb4' } })
  return {
    name: 'drizzle',
    label: `drizzle-orm ${version} (mysql2)`,
    repos(prefix): PeerRepos {
      const t = mysqlTables(prefix)
      const asRead = (c: typeof t.codes.$inferSelect) =>
        and(
          eq(t.codes.id, c.id),
          eq(t.codes.codeHash, c.codeHash),
          eq(t.codes.expiresAt, c.expiresAt),
          eq(t.codes.attempts, c.attempts),
          eq(t.codes.maxAttempts, c.maxAttempts),
          eq(t.codes.createdAt, c.createdAt),
        )
      return {
        async getUserById(id) {
          const [row] = await db.select().from(t.users).where(eq(t.users.id, id)).limit(1)
          return row === undefined ? null : toUser(row)
        },
        async getUserByEmail(email) {
          const [row] = await db.select().from(t.users).where(eq(t.users.email, email)).limit(1)
          return row === undefined ? null : toUser(row)
        },
        async isRevoked(jti) {
          const rows = await db
            .select({ id: t.blacklist.id })
            .from(t.blacklist)
            .where(eq(t.blacklist.jti, jti))
            .limit(1)
          return rows.length > 0
        },
        async countRecentFailures(email, windowMs, now) {
          const [row] = await db
            .select({ n: count() })
            .from(t.attempts)
            .where(and(eq(t.attempts.email, email), gte(t.attempts.when, now.getTime() - windowMs)))
          return row?.n ?? 0
        },
        async recordFailure(email, ip, when) {
          await db.insert(t.attempts).values({ email, when: when.getTime(), ip })
        },
        async consumeState(id) {
          const [rows] = (await db.execute(
            sql`delete from ${t.states} where ${t.states.id} = ${id} returning *`,
          )) as unknown as [Array<Record<string, unknown>>]
          const r = rows[0]
          if (r === undefined) return null
          return toState({
            id: String(r.id),
            provider: String(r.provider),
            codeVerifier: String(r.code_verifier),
            nonce: String(r.nonce),
            redirectTo: String(r.redirect_to),
            mode: String(r.mode),
            linkingUserId: (r.linking_user_id as string | null) ?? null,
            createdAt: r.created_at as StateRow['createdAt'],
            expiresAt: r.expires_at as StateRow['expiresAt'],
            resultToken: (r.result_token as string | null) ?? null,
            resultWasNew: r.result_was_new as StateRow['resultWasNew'],
          })
        },
        async verifyMfa(userId, kind: MfaKind, rawCode, now) {
          for (;;) {
            const [code] = await db
              .select()
              .from(t.codes)
              .where(and(eq(t.codes.userId, userId), eq(t.codes.kind, kind)))
              .limit(1)
            if (code === undefined) return { outcome: 'missing', attemptsRemaining: 0 }
            const step = verifyStep(code, rawCode, now.getTime())
            if (step.write === 'delete') {
              const [done] = await db.delete(t.codes).where(asRead(code))
              if (done.affectedRows === 1) return { outcome: step.outcome, attemptsRemaining: 0 }
            } else {
              const [done] = await db
                .update(t.codes)
                .set({ attempts: code.attempts + 1 })
                .where(asRead(code))
              if (done.affectedRows === 1) return wrongOrGone(step.remaining)
            }
          }
        },
        async findIdentityBySubject(provider, subjectId) {
          const [row] = await db
            .select()
            .from(t.identities)
            .where(and(eq(t.identities.provider, provider), eq(t.identities.subjectId, subjectId)))
            .limit(1)
          return row === undefined ? null : toIdentity(row)
        },
      }
    },
    close: () => new Promise<void>((resolve) => db.$client.end(() => resolve())),
  }
}
