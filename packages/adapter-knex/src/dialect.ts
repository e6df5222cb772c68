/** The three SQL families this adapter speaks, and what differs between them, as data. */
import type { Knex } from 'knex'

/** A dialect family: one record of differences covers every engine in it. */
export type DialectFamily = 'pg' | 'mysql' | 'sqlite'

/** One row as a driver returns it: column name → raw value (decoded by `knex-codec.ts`). */
export type Row = Readonly<Record<string, unknown>>

/** Everything the repositories need to know about a family; the SQL itself is shared. */
export interface Dialect {
  readonly family: DialectFamily
  /**
   * How a key upsert is written. `on-conflict`: `INSERT … ON CONFLICT (key) DO UPDATE … RETURNING`,
   * which fires only on the named key. `on-duplicate-key`: MariaDB's `INSERT … ON DUPLICATE KEY
   * UPDATE … RETURNING`, which fires on ANY unique key, so callers must guard their assignments.
   */
  readonly upsert: 'on-conflict' | 'on-duplicate-key'
  /** Encodes a boolean for a bind parameter (`tinyint(1)` and SQLite integers want 0/1). */
  readonly encodeBool: (value: boolean) => boolean | number
  /** The rows of a `knex.raw` result, whose shape is the driver's own. */
  readonly rawRows: (result: unknown) => readonly Row[]
}

const pg: Dialect = {
  family: 'pg',
  upsert: 'on-conflict',
  encodeBool: (value) => value,
  // node-postgres resolves to a `Result` object with `rows`.
  rawRows: (result) => rowsField(result),
}

const mysql: Dialect = {
  family: 'mysql',
  upsert: 'on-duplicate-key',
  encodeBool: (value) => (value ? 1 : 0),
  // mysql2 resolves to `[rows, fields]`.
  rawRows: (result) => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as Row[]) : []),
}

const sqlite: Dialect = {
  family: 'sqlite',
  upsert: 'on-conflict',
  // better-sqlite3 refuses to bind JavaScript booleans.
  encodeBool: (value) => (value ? 1 : 0),
  // knex hands back better-sqlite3's `.all()` array for statements that return rows.
  rawRows: (result) => (Array.isArray(result) ? (result as Row[]) : []),
}

function rowsField(result: unknown): readonly Row[] {
  if (typeof result !== 'object' || result === null || !('rows' in result)) return []
  const rows: unknown = result.rows
  return Array.isArray(rows) ? (rows as Row[]) : []
}

const FAMILY_BY_CLIENT: Readonly<Record<string, DialectFamily>> = {
  pg: 'pg',
  postgres: 'pg',
  postgresql: 'pg',
  pgnative: 'pg',
  mysql: 'mysql',
  mysql2: 'mysql',
  sqlite3: 'sqlite',
  'better-sqlite3': 'sqlite',
}

/**
 * The family of the engine behind `knex`, from the client it was configured with (`pg`, `mysql2`,
 * `better-sqlite3`, …). Opens no connection.
 * @throws TypeError for any other client (MSSQL, Oracle, CockroachDB, Redshift are not supported).
 */
export function detectDialect(knex: Knex): DialectFamily {
  // `client.dialect` is knex's canonical name for the client class, whatever alias the config used.
  const client: unknown = (knex.client as { dialect?: unknown; config?: { client?: unknown } }).dialect
  const name = typeof client === 'string' ? client : String(knex.client.config?.client ?? '')
  const family = FAMILY_BY_CLIENT[name]
  if (family === undefined)
    throw new TypeError(`@regstack/adapter-knex: unsupported knex client ${JSON.stringify(name)}`)
  return family
}

/** The difference record of a family. */
export function dialectOf(family: DialectFamily): Dialect {
  return family === 'pg' ? pg : family === 'mysql' ? mysql : sqlite
}
