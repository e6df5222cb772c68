import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKnexRepos, dropTables, migrate } from '@regstack/adapter-knex'
import knexFactory, { type Knex } from 'knex'
import type { EngineTarget } from './target.js'

/** The SQL engines the knex adapter supports, as the main job and the benchmarks open them. */
export type KnexEngine = 'sqlite-file' | 'sqlite-memory' | 'postgres' | 'mariadb'

/**
 * Opens one shared Knex instance for `engine`; every store gets its own table prefix from the
 * suite's namespace and drops its tables on close.
 */
export async function knexTarget(engine: KnexEngine, url?: string): Promise<EngineTarget> {
  let scratchDir: string | undefined
  let config: Knex.Config
  switch (engine) {
    case 'sqlite-file':
      scratchDir = mkdtempSync(join(tmpdir(), 'regstack-sqlite-'))
      config = {
        client: 'better-sqlite3',
        connection: { filename: join(scratchDir, 'regstack.sqlite') },
        useNullAsDefault: true,
        // WAL with synchronous=NORMAL is the usual production setting: durable at checkpoints, and
        // without it every store's migration pays a journal fsync per DDL statement.
        pool: { afterCreate: sqlitePragmas },
      }
      break
    case 'sqlite-memory':
      // One connection: every connection to ':memory:' would be a separate, empty database.
      config = {
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: { min: 1, max: 1 },
      }
      break
    case 'postgres':
      config = {
        client: 'pg',
        connection: url ?? 'postgres://root@127.0.0.1:5432/test',
        pool: { min: 0, max: 10 },
      }
      break
    case 'mariadb':
      config = {
        client: 'mysql2',
        connection: url ?? 'mysql://root@127.0.0.1:3306/test',
        pool: { min: 0, max: 10 },
      }
      break
  }
  const knex = knexFactory(config)
  try {
    await knex.raw('select 1')
  } catch (error) {
    await knex.destroy()
    throw new Error(
      `cannot reach ${engine}${url === undefined ? '' : ` at ${url}`}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return {
    id: engine,
    adapter: '@regstack/adapter-knex',
    engine: await engineLabel(knex, engine),
    makeRepos: async ({ clock, namespace }) => {
      const tablePrefix = `${namespace}_`
      await migrate(knex, { tablePrefix })
      return {
        repos: createKnexRepos(knex, { clock, tablePrefix }),
        close: () => dropTables(knex, { tablePrefix }),
      }
    },
    teardown: async () => {
      await knex.destroy()
      if (scratchDir !== undefined) rmSync(scratchDir, { recursive: true, force: true })
    },
  }
}

function sqlitePragmas(
  conn: { pragma(sql: string): unknown },
  done: (error: Error | null, conn: unknown) => void,
): void {
  conn.pragma('journal_mode = WAL')
  conn.pragma('synchronous = NORMAL')
  done(null, conn)
}

async function engineLabel(knex: Knex, engine: KnexEngine): Promise<string> {
  if (engine === 'sqlite-file' || engine === 'sqlite-memory') {
    const rows = (await knex.raw('select sqlite_version() as v')) as Array<{ v: string }>
    return `SQLite ${rows[0]?.v ?? '?'} (${engine === 'sqlite-file' ? 'file' : ':memory:'})`
  }
  if (engine === 'postgres') {
    const result = (await knex.raw('show server_version')) as { rows: Array<{ server_version: string }> }
    return `PostgreSQL ${result.rows[0]?.server_version ?? '?'}`
  }
  const [rows] = (await knex.raw('select version() as v')) as [Array<{ v: string }>]
  return `MariaDB/MySQL ${rows[0]?.v ?? '?'}`
}
