/**
 * The SQL engines, opened the way the knex adapter's README recommends (SQLite file in WAL mode).
 * The shared `knexTarget` hides its knex instance, and the benchmarks need it for `knex.on('query')`
 * and for SQLite's connection, hence a local opener with the same configurations.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKnexRepos, dropTables, migrate, tablesFor } from '@regstack/adapter-knex'
import knexFactory, { type Knex } from 'knex'
import mysql from 'mysql2/promise'
import type { KnexEngine } from '../targets/knex-target.js'
import { type BenchEngine, freshNamespace, type RoundTripCounter } from './bench-engine.js'
import { loadPg, type SqliteConnection } from './driver-shapes.js'
import { drizzleMysqlPeer, drizzlePgPeer } from './peers/drizzle-peer.js'
import { kyselyMysqlPeer, kyselyPgPeer } from './peers/kysely-peer.js'
import type { Peer } from './peers/peer-repos.js'
import { mysqlRawDb, pgRawDb, type RawDb, sqliteRawDb } from './raw-driver.js'

/** Pool size of both the adapter's knex and the raw driver, so concurrency compares like with like. */
const POOL_MAX = 10

export const DEFAULT_URLS: Readonly<Record<'postgres' | 'mariadb', string>> = {
  postgres: 'postgres://root@127.0.0.1:5432/test',
  mariadb: 'mysql://root@127.0.0.1:3306/test',
}

function configFor(engine: KnexEngine, url: string | undefined, scratch: string | undefined): Knex.Config {
  switch (engine) {
    case 'sqlite-file':
      return {
        client: 'better-sqlite3',
        connection: { filename: join(scratch ?? tmpdir(), 'bench.sqlite') },
        useNullAsDefault: true,
        pool: {
          afterCreate: (conn: SqliteConnection, done: (error: Error | null, conn: unknown) => void) => {
            conn.pragma('journal_mode = WAL')
            done(null, conn)
          },
        },
      }
    case 'sqlite-memory':
      return {
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: { min: 1, max: 1 },
      }
    case 'postgres':
      return { client: 'pg', connection: url ?? DEFAULT_URLS.postgres, pool: { min: 0, max: POOL_MAX } }
    case 'mariadb':
      return {
        client: 'mysql2',
        connection: `${url ?? DEFAULT_URLS.mariadb}?charset=utf8mb4`,
        pool: { min: 0, max: POOL_MAX },
      }
  }
}

async function label(knex: Knex, engine: KnexEngine): Promise<string> {
  if (engine === 'postgres') {
    const r = (await knex.raw('show server_version')) as { rows: Array<{ server_version: string }> }
    return `PostgreSQL ${r.rows[0]?.server_version ?? '?'}`
  }
  if (engine === 'mariadb') {
    const [rows] = (await knex.raw('select version() as v')) as [Array<{ v: string }>]
    return `MariaDB ${rows[0]?.v ?? '?'}`
  }
  const rows = (await knex.raw('select sqlite_version() as v')) as Array<{ v: string }>
  return `SQLite ${rows[0]?.v ?? '?'} (${engine === 'sqlite-file' ? 'file, WAL' : ':memory:'})`
}

async function openRaw(engine: KnexEngine, knex: Knex, url: string | undefined): Promise<RawDb> {
  if (engine === 'postgres') {
    const { Pool } = loadPg()
    return pgRawDb(new Pool({ connectionString: url ?? DEFAULT_URLS.postgres, max: POOL_MAX }))
  }
  if (engine === 'mariadb') {
    return mysqlRawDb(
      mysql.createPool({ uri: url ?? DEFAULT_URLS.mariadb, connectionLimit: POOL_MAX, charset: 'utf8mb4' }),
    )
  }
  // knex keeps exactly one better-sqlite3 connection; borrowing and returning it leaves the object usable
  // (the pool keeps it open), and better-sqlite3 is synchronous, so the two never interleave.
  const conn = (await knex.client.acquireConnection()) as SqliteConnection
  await knex.client.releaseConnection(conn)
  return sqliteRawDb(conn, async () => {})
}

/** Drizzle and Kysely on the server engines, each with a pool as large as the adapter's. */
function openPeers(engine: KnexEngine, url: string | undefined): readonly Peer[] {
  if (engine === 'postgres') {
    const at = url ?? DEFAULT_URLS.postgres
    return [drizzlePgPeer(at, POOL_MAX), kyselyPgPeer(at, POOL_MAX)]
  }
  if (engine === 'mariadb') {
    const at = `${url ?? DEFAULT_URLS.mariadb}`
    return [drizzleMysqlPeer(at, POOL_MAX), kyselyMysqlPeer(at, POOL_MAX)]
  }
  return []
}

/** Opens `engine`, or rejects with why it cannot be reached. */
export async function openKnexEngine(engine: KnexEngine, url?: string): Promise<BenchEngine> {
  const scratch = engine === 'sqlite-file' ? mkdtempSync(join(tmpdir(), 'regstack-bench-')) : undefined
  const knex = knexFactory(configFor(engine, url, scratch))
  try {
    await knex.raw('select 1')
  } catch (error) {
    await knex.destroy()
    throw new Error(`cannot reach ${engine}: ${(error as Error).message}`, { cause: error })
  }
  // knex emits 'query' once per statement it sends: the adapter's round trips, counted from outside.
  const bump = (): void => {
    counter.count += 1
  }
  const counter: RoundTripCounter = {
    count: 0,
    listen: () => {
      knex.on('query', bump)
      return () => knex.off('query', bump)
    },
  }
  const raw = await openRaw(engine, knex, url)
  const peers = openPeers(engine, url)
  return {
    id: engine,
    label: await label(knex, engine),
    reference: true,
    counterLabel: 'knex `query` events',
    counter,
    raw,
    ...(peers.length === 0 ? {} : { peers }),
    knex,
    openStore: async (clock) => {
      const tablePrefix = `${freshNamespace()}_`
      await migrate(knex, { tablePrefix })
      const names = tablesFor(tablePrefix)
      return {
        repos: createKnexRepos(knex, { clock, tablePrefix }),
        table: (name) => `${names.prefix}${name}`,
        ...(peers.length === 0
          ? {}
          : { peers: Object.fromEntries(peers.map((p) => [p.name, p.repos(tablePrefix)])) }),
        close: () => dropTables(knex, { tablePrefix }),
      }
    },
    close: async () => {
      await raw.close()
      for (const peer of peers) await peer.close()
      await knex.destroy()
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
    },
  }
}
