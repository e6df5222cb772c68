/**
 * The physical floor: the same SQL the adapter sends, through the bare driver, on the same tables.
 * Statements are written once with `?` placeholders and `"quoted"` identifiers and rewritten per driver.
 */
import type { Pool as MysqlPool } from 'mysql2/promise'
import type { PgPool, SqliteConnection, SqliteStatement } from './driver-shapes.js'

export type Family = 'pg' | 'mysql' | 'sqlite'

/** Rows as plain records. */
export type RawRow = Record<string, unknown>

/** A bare driver, as an application without the adapter would use it. */
export interface RawDb {
  readonly family: Family
  /** What the floor is, for the report (`pg Pool.query`, …). */
  readonly label: string
  query(sql: string, params: readonly unknown[]): Promise<RawRow[]>
  close(): Promise<void>
}

/** `?` → `$n` for PostgreSQL; `"ident"` → `` `ident` `` for MariaDB (no ANSI_QUOTES there). */
export function dialectSql(family: Family, sql: string): string {
  if (family === 'pg') {
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  if (family === 'mysql') return sql.replace(/"/g, '`')
  return sql
}

/** node-postgres pool: the unnamed, parameterised statements knex sends too. */
export function pgRawDb(pool: PgPool): RawDb {
  const cache = new Map<string, string>()
  return {
    family: 'pg',
    label: 'pg `Pool.query` (parameterised, unnamed)',
    async query(sql, params) {
      const text = cache.get(sql) ?? dialectSql('pg', sql)
      cache.set(sql, text)
      return (await pool.query(text, [...params])).rows as RawRow[]
    },
    close: () => pool.end(),
  }
}

/** mysql2 pool with `query` (client-side interpolation), which is what knex's mysql2 client uses. */
export function mysqlRawDb(pool: MysqlPool): RawDb {
  const cache = new Map<string, string>()
  return {
    family: 'mysql',
    label: 'mysql2 `pool.query`',
    async query(sql, params) {
      const text = cache.get(sql) ?? dialectSql('mysql', sql)
      cache.set(sql, text)
      const [rows] = await pool.query(text, [...params])
      return Array.isArray(rows) ? (rows as RawRow[]) : []
    },
    close: () => pool.end(),
  }
}

/**
 * better-sqlite3 prepared statements on knex's own connection (so `:memory:` sees the same database).
 * Booleans become 0/1 as the adapter stores them; better-sqlite3 refuses JS booleans.
 */
export function sqliteRawDb(db: SqliteConnection, release: () => Promise<void>): RawDb {
  const statements = new Map<string, SqliteStatement>()
  return {
    family: 'sqlite',
    label: 'better-sqlite3 prepared statements',
    async query(sql, params) {
      const statement = statements.get(sql) ?? db.prepare(sql)
      statements.set(sql, statement)
      const values = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p))
      if (statement.reader) return statement.all(...values) as RawRow[]
      statement.run(...values)
      return []
    },
    close: release,
  }
}
