/**
 * Server-side connection kills for the fault-injection tier: each knex instance under test is made
 * recognisable (PostgreSQL: a unique `application_name`; MariaDB: the `CONNECTION_ID()` of every
 * pooled connection, recorded as it is created), and a separate admin connection kills them.
 */
import knexFactory, { type Knex } from 'knex'

/** The conformance suite's fault hook (`ConformanceTarget['faults']`), kept structural here. */
export interface ConnectionKiller {
  /** Kills the store's connections server-side; resolves once the client side has seen the kill. */
  dropConnections(): Promise<void>
}

/** How long a kill may take to be visible before the hook gives up (bounded polling). */
const SETTLE_TRIES = 200
const SETTLE_STEP_MS = 10

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Fault hooks plus what the knex under test must be configured with, and the admin clean-up. */
export interface EngineFaults extends ConnectionKiller {
  close(): Promise<void>
}

/** Polls until `alive` reports none of the killed sessions, within a bounded time. */
async function untilGone(alive: () => Promise<number>, what: string): Promise<void> {
  for (let i = 0; i < SETTLE_TRIES; i++) {
    if ((await alive()) === 0) {
      // The server has closed the sockets; give the client's event loop a turn to read the close, so
      // the pool sees dead connections as dead (what "resolves once they are dead" means client-side).
      await sleep(SETTLE_STEP_MS)
      return
    }
    await sleep(SETTLE_STEP_MS)
  }
  throw new Error(`${what}: killed sessions still alive after ${SETTLE_TRIES * SETTLE_STEP_MS} ms`)
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows = Array.isArray(result) ? result[0] : (result as { rows?: unknown }).rows
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []
}

/**
 * PostgreSQL: the knex under test connects with `application_name`; `dropConnections` terminates
 * every backend carrying it (`pg_terminate_backend`, SQLSTATE 57P01 for the victims) and waits until
 * those backends have exited.
 */
export function pgFaults(
  connection: Knex.PgConnectionConfig,
): EngineFaults & { readonly applicationName: string } {
  const applicationName = `regstack_fault_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  let admin: Knex | undefined
  const adminKnex = (): Knex => {
    admin ??= knexFactory({ client: 'pg', connection, pool: { min: 0, max: 1 } })
    return admin
  }
  return {
    applicationName,
    async dropConnections() {
      const killed = rowsOf(
        await adminKnex().raw(
          'select pid, pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ?',
          [applicationName],
        ),
      ).map((r) => Number(r.pid))
      if (killed.length === 0) return
      await untilGone(async () => {
        const rows = rowsOf(
          await adminKnex().raw('select count(*)::int as n from pg_stat_activity where pid = any(?)', [
            killed,
          ]),
        )
        return Number(rows[0]?.n ?? 0)
      }, 'pg_terminate_backend')
    },
    async close() {
      await admin?.destroy()
    },
  }
}

/** The part of a mysql2 connection `afterCreate` uses. */
interface Mysql2Connection {
  query(sql: string, callback: (error: Error | null, rows: unknown) => void): void
}

/**
 * MariaDB: `afterCreate` records each pooled connection's `CONNECTION_ID()`; `dropConnections`
 * `KILL`s every recorded one still alive (victims see ER_CONNECTION_KILLED or a lost connection) and
 * waits until they have left the process list.
 */
export function mariadbFaults(connection: Knex.MySql2ConnectionConfig): EngineFaults & {
  afterCreate(conn: Mysql2Connection, done: (error: Error | null, conn: unknown) => void): void
} {
  const ids = new Set<number>()
  let admin: Knex | undefined
  const adminKnex = (): Knex => {
    admin ??= knexFactory({ client: 'mysql2', connection, pool: { min: 0, max: 4 } })
    return admin
  }
  const alive = async (candidates: readonly number[]): Promise<number[]> => {
    const rows = rowsOf(
      await adminKnex().raw('select id from information_schema.processlist where id in (?)', [
        [...candidates],
      ]),
    )
    return rows.map((r) => Number(r.id))
  }
  return {
    afterCreate(conn, done) {
      conn.query('select connection_id() as id', (error, rows) => {
        const id = Array.isArray(rows) ? Number((rows[0] as { id?: unknown } | undefined)?.id) : Number.NaN
        if (error === null && Number.isSafeInteger(id)) ids.add(id)
        done(error, conn)
      })
    },
    async dropConnections() {
      if (ids.size === 0) return
      const targets = [...ids]
      ids.clear()
      // All KILLs at once, without listing first: the sooner they land, the more calls are caught mid-flight.
      await Promise.all(
        targets.map(async (id) => {
          try {
            await adminKnex().raw('kill connection ?', [id])
          } catch (error) {
            // 1094 unknown thread: that connection had already ended (the pool closed it).
            if ((error as { errno?: unknown }).errno !== 1094) throw error
          }
        }),
      )
      await untilGone(async () => (await alive(targets)).length, 'KILL')
    },
    async close() {
      await admin?.destroy()
    },
  }
}
