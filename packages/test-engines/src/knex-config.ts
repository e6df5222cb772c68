/**
 * The one place that says how the kit opens knex on each SQL engine: adapter tests, the main job,
 * benchmarks and soak runs all build their knex from {@link knexConfig}.
 */
import { join } from 'node:path'
import type { Knex } from 'knex'

/** The SQL engines the knex adapter supports. */
export type KnexEngineName = 'postgres' | 'mariadb' | 'sqlite-file' | 'sqlite-memory'

/** The connection fields both servers take (a subset of pg's and mysql2's configs). */
export interface ServerConnection {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  readonly database: string
  /** MariaDB only: 4-byte UTF-8, so hostile strings round-trip. */
  readonly charset?: string
}

/** A pooled connection being created; knex passes the driver's connection object. */
type AfterCreate = (conn: never, done: (error: Error | null, conn: unknown) => void) => void

/** What {@link knexConfig} may be told beyond the engine. */
export interface KnexConfigOptions {
  /** PostgreSQL/MariaDB: where to connect (default: {@link serverConnection}). */
  readonly connection?: ServerConnection & { readonly application_name?: string }
  /** sqlite-file: the folder the database file goes in (the caller creates and removes it). */
  readonly scratchDir?: string
  /** PostgreSQL/MariaDB: pool size (default 10). */
  readonly poolMax?: number
  /** MariaDB: runs on every new pooled connection (the fault hooks record connection ids). */
  readonly afterCreate?: AfterCreate
  readonly log?: Knex.Config['log']
}

const env = (name: string, fallback: string): string => process.env[name] ?? fallback

/**
 * This machine's server for `engine` (PG* / MYSQL_* variables, then 127.0.0.1 as root on `test`), or
 * the server at `url` (REGSTACK_POSTGRES_URL, REGSTACK_MARIADB_URL). `at` overrides host and port (a
 * container's mapped port).
 */
export function serverConnection(
  engine: 'postgres' | 'mariadb',
  at: { readonly url?: string; readonly host?: string; readonly port?: number } = {},
): ServerConnection {
  const fromEnv: ServerConnection =
    engine === 'postgres'
      ? {
          host: env('PGHOST', '127.0.0.1'),
          port: Number(env('PGPORT', '5432')),
          user: env('PGUSER', 'root'),
          password: env('PGPASSWORD', ''),
          database: env('PGDATABASE', 'test'),
        }
      : {
          host: env('MYSQL_HOST', '127.0.0.1'),
          port: Number(env('MYSQL_PORT', '3306')),
          user: env('MYSQL_USER', 'root'),
          password: env('MYSQL_PASSWORD', ''),
          database: env('MYSQL_DATABASE', 'test'),
        }
  const parsed = at.url === undefined ? fromEnv : fromUrl(at.url, fromEnv)
  return {
    ...parsed,
    ...(at.host === undefined ? {} : { host: at.host }),
    ...(at.port === undefined ? {} : { port: at.port }),
    ...(engine === 'mariadb' ? { charset: 'utf8mb4' } : {}),
  }
}

function fromUrl(url: string, defaults: ServerConnection): ServerConnection {
  const u = new URL(url)
  return {
    host: u.hostname || defaults.host,
    port: u.port === '' ? defaults.port : Number(u.port),
    user: u.username === '' ? defaults.user : decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, '') || defaults.database,
  }
}

/** WAL with synchronous=NORMAL is the usual production setting for a SQLite file. */
function sqlitePragmas(
  conn: { pragma(sql: string): unknown },
  done: (error: Error | null, conn: unknown) => void,
): void {
  conn.pragma('journal_mode = WAL')
  conn.pragma('synchronous = NORMAL')
  done(null, conn)
}

/** The knex configuration for `engine`. */
export function knexConfig(engine: KnexEngineName, options: KnexConfigOptions = {}): Knex.Config {
  const log = options.log === undefined ? {} : { log: options.log }
  switch (engine) {
    case 'sqlite-file':
      if (options.scratchDir === undefined) throw new TypeError('sqlite-file needs a scratchDir')
      return {
        client: 'better-sqlite3',
        connection: { filename: join(options.scratchDir, 'regstack.sqlite') },
        useNullAsDefault: true,
        // One connection, as knex's SQLite default: better-sqlite3 is synchronous anyway.
        pool: { min: 1, max: 1, afterCreate: sqlitePragmas },
        ...log,
      }
    case 'sqlite-memory':
      // ':memory:' is one database per connection: a single pooled connection keeps every store in one.
      return {
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: { min: 1, max: 1 },
        ...log,
      }
    case 'postgres':
      return {
        client: 'pg',
        connection: { ...(options.connection ?? serverConnection('postgres')) },
        pool: { min: 0, max: options.poolMax ?? 10 },
        ...log,
      }
    case 'mariadb':
      return {
        client: 'mysql2',
        connection: { ...(options.connection ?? serverConnection('mariadb')) },
        pool: {
          min: 0,
          max: options.poolMax ?? 10,
          ...(options.afterCreate === undefined ? {} : { afterCreate: options.afterCreate }),
        },
        ...log,
      }
  }
}

/** The server's own version string (`select version()`, `sqlite_version()`). */
export async function serverVersion(knex: Knex, engine: KnexEngineName): Promise<string> {
  if (engine === 'postgres') {
    const result = (await knex.raw('show server_version')) as { rows: Array<{ server_version: string }> }
    return result.rows[0]?.server_version ?? '?'
  }
  if (engine === 'mariadb') {
    const [rows] = (await knex.raw('select version() as v')) as [Array<{ v: string }>]
    return rows[0]?.v ?? '?'
  }
  const rows = (await knex.raw('select sqlite_version() as v')) as Array<{ v: string }>
  return rows[0]?.v ?? '?'
}
