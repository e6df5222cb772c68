/**
 * Runs compiled statements on the driver connection knex lends us. knex stays the owner of the pool
 * and of every connection (acquire, validation, release, destroy); only the per-call work of its
 * runner (builder, compiler, response processing) is skipped. Each driver's fastest call that keeps
 * that arrangement, measured (docs/benchmarks.md):
 * - `pg`: named prepared statements, so each connection parses and plans a statement once (except
 *   where the plan must see the values: `PLAN_PER_CALL`);
 * - `mysql2`/`mysql`: `connection.query` with the values (client-side escaping, one packet).
 *   `execute` (server-side prepared statements) measured about 10 % faster on a lookup, but those are
 *   capped per server (`max_prepared_stmt_count`, shared by every client) and every table prefix
 *   multiplies them;
 * - `better-sqlite3`: one prepared statement object per connection and text, run synchronously on the
 *   connection the executor keeps between calls (knex-sqlite-lease.ts).
 * A transaction goes through `knex.raw` with the compiled text (still no builder), on its connection.
 * Other drivers knex offers for these families (`sqlite3`, `pg-native`) are refused: their result
 * shapes differ (node-sqlite3 reports no changed-row count through `knex.raw`).
 */
import type { Knex } from 'knex'
import type { DialectFamily, Row } from './dialect.js'
import { createSqliteLender } from './knex-sqlite-lease.js'
import { bindings, type CompiledStatement, type Statement } from './knex-statements.js'
import { isConnectionLost } from './translate-error.js'

/** What a statement returns: its rows, and how many rows it changed (for UPDATE/DELETE). */
export interface Outcome {
  readonly rows: readonly Row[]
  readonly changed: number
}

/**
 * Runs statements against one knex (or transaction). `firstRowOnly`: the caller reads only the first
 * row, so a driver that can stop there may (its outcome then holds at most that row).
 */
export type Execute = (
  statement: Statement,
  args: readonly unknown[],
  firstRowOnly?: boolean,
) => Promise<Outcome>

interface PgResult {
  rows: Row[]
  rowCount: number | null
}

interface PgConnection {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<PgResult>
  query(text: string): Promise<PgResult>
  /** node-postgres remembers which named statements this connection has parsed. */
  readonly connection?: { parsedStatements?: Record<string, string> }
}

interface MysqlHeader {
  readonly affectedRows?: number
}

interface MysqlConnection {
  query(sql: string, values: unknown[], done: (error: Error | null, result: unknown) => void): void
}

interface SqliteStatement {
  readonly reader: boolean
  all(...values: unknown[]): Row[]
  get(...values: unknown[]): Row | undefined
  run(...values: unknown[]): { changes: number }
}

interface SqliteConnection {
  prepare(sql: string): SqliteStatement
}

type Runner = (connection: unknown, compiled: CompiledStatement, values: unknown[]) => Promise<Outcome>

const NO_ROWS: readonly Row[] = []

const runPg: Runner = async (connection, compiled, values) => {
  const pg = connection as PgConnection
  const { name } = compiled
  const query =
    name === undefined ? { text: compiled.nativeSql, values } : { name, text: compiled.nativeSql, values }
  let result: PgResult
  try {
    result = await pg.query(query)
  } catch (error) {
    // 0A000 "cached plan must not change result type": a migration changed a table's columns while
    // this connection held `select *` prepared. Drop the stale statement and prepare it again, once.
    if (name === undefined || (error as { code?: unknown }).code !== '0A000') throw error
    await pg.query(`deallocate "${name}"`)
    if (pg.connection?.parsedStatements !== undefined) delete pg.connection.parsedStatements[name]
    result = await pg.query(query)
  }
  return { rows: result.rows, changed: result.rowCount ?? 0 }
}

const runMysql: Runner = (connection, compiled, values) =>
  new Promise((resolve, reject) => {
    ;(connection as MysqlConnection).query(compiled.nativeSql, values, (error, result) => {
      if (error) reject(error)
      else resolve(mysqlOutcome(result))
    })
  })

function mysqlOutcome(result: unknown): Outcome {
  // Rows for SELECT and `… RETURNING`; an OK packet with `affectedRows` for the other writes.
  if (Array.isArray(result)) return { rows: result as Row[], changed: result.length }
  return { rows: NO_ROWS, changed: (result as MysqlHeader | null)?.affectedRows ?? 0 }
}

// better-sqlite3 statement objects belong to their connection; the map goes when the connection does.
const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>()

/**
 * better-sqlite3 is synchronous: the statement has run when this returns. `get` (first row only) is
 * about 0.6 µs faster than `all` on a one-row lookup, and values passed as arguments rather than as
 * one array about 0.2 µs (both measured on the bench machine).
 */
function runSqlite(
  connection: unknown,
  compiled: CompiledStatement,
  values: unknown[],
  firstRowOnly: boolean,
): Outcome {
  const db = connection as SqliteConnection
  let cache = sqliteStatements.get(db)
  if (cache === undefined) {
    cache = new Map()
    sqliteStatements.set(db, cache)
  }
  let prepared = cache.get(compiled.nativeSql)
  if (prepared === undefined) {
    prepared = db.prepare(compiled.nativeSql)
    cache.set(compiled.nativeSql, prepared)
  }
  if (!prepared.reader) return { rows: NO_ROWS, changed: prepared.run(...values).changes }
  if (firstRowOnly) {
    const row = prepared.get(...values)
    return row === undefined ? { rows: NO_ROWS, changed: 0 } : { rows: [row], changed: 1 }
  }
  const rows = prepared.all(...values)
  return { rows, changed: rows.length }
}

// `'sqlite'` marks the synchronous driver, which runs through the lease instead of a pooled runner.
const RUNNERS: Readonly<Record<string, Runner | 'sqlite'>> = {
  pg: runPg,
  mysql2: runMysql,
  mysql: runMysql,
  'better-sqlite3': 'sqlite',
}

/** What `knex.raw` resolves to, in each family's driver shape, as rows and a changed-row count. */
const RAW_OUTCOME: Readonly<Record<DialectFamily, (result: unknown) => Outcome>> = {
  // node-postgres: a `Result`.
  pg: (result) => {
    const r = result as { rows: Row[]; rowCount: number | null }
    return { rows: r.rows, changed: r.rowCount ?? 0 }
  },
  // mysql2: `[rows or OK packet, fields]`.
  mysql: (result) => mysqlOutcome((result as unknown[])[0]),
  // better-sqlite3: the rows of a statement that returns rows, else `{ changes }`.
  sqlite: (result) =>
    Array.isArray(result)
      ? { rows: result as Row[], changed: result.length }
      : { rows: NO_ROWS, changed: (result as { changes?: number }).changes ?? 0 },
}

/**
 * The executor for `knex`. Statements are announced with knex's `query` event (only when someone
 * listens), so `knex.on('query')` logging and statement counting see them as before.
 */
export function createExecutor(knex: Knex, family: DialectFamily): Execute {
  const client = knex.client as Knex.Client & { driverName?: string }
  const driver = RUNNERS[client.driverName ?? '']
  if (driver === undefined) {
    throw new TypeError(
      `@regstack/adapter-knex: unsupported driver ${JSON.stringify(client.driverName)} (use pg, mysql2 or better-sqlite3)`,
    )
  }
  if (knex.isTransaction === true) {
    return async (statement, args) => {
      const compiled = statement.compiled()
      return RAW_OUTCOME[family](
        await knex.raw(compiled.knexSql, bindings(compiled, args) as Knex.RawBinding[]),
      )
    }
  }
  if (driver === 'sqlite') return createSqliteExecutor(knex, client)
  const runner = driver
  /** Runs on one lent connection; `retry` (a read whose connection was found dead) runs it again. */
  const runOnce = async (
    compiled: CompiledStatement,
    values: unknown[],
    retry?: () => Promise<Outcome>,
  ): Promise<Outcome> => {
    const connection: unknown = await client.acquireConnection()
    let outcome: Outcome
    try {
      if (knex.listenerCount('query') > 0)
        client.emit('query', { sql: compiled.nativeSql, bindings: values, method: 'raw' })
      outcome = await runner(connection, compiled, values)
    } catch (error) {
      await client.releaseConnection(connection)
      // The pool can lend a connection the server has already closed before the driver has read the
      // close (seen after pg_terminate_backend under load); once released, the pool knows it is dead.
      // A read changes nothing, so it runs once more on another connection. A write is never re-run:
      // whether it took effect is unknown, and the caller gets UNAVAILABLE. A failed acquire (the
      // pool's own timeout) is not retried either.
      if (retry === undefined || !compiled.readOnly || !isConnectionLost(family, error)) throw error
      return await retry()
    }
    await client.releaseConnection(connection)
    return outcome
  }
  return async (statement, args) => {
    const compiled = statement.compiled()
    const values = bindings(compiled, args)
    return await runOnce(compiled, values, () => runOnce(compiled, values))
  }
}

/** SQLite's executor: the statement runs synchronously on the connection the lease lends. */
function createSqliteExecutor(knex: Knex, client: Knex.Client): Execute {
  const lend = createSqliteLender(client)
  // Not `async`: an extra promise per call is measurable next to a 2 µs statement, and the caller
  // (`RepoContext.run`) catches a synchronous throw the same way as a rejection.
  return (statement, args, firstRowOnly = false) => {
    const compiled = statement.compiled()
    const values = bindings(compiled, args)
    return lend((connection) => {
      if (knex.listenerCount('query') > 0)
        client.emit('query', { sql: compiled.nativeSql, bindings: values, method: 'raw' })
      return runSqlite(connection, compiled, values, firstRowOnly)
    })
  }
}
