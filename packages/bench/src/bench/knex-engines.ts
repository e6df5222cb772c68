/**
 * The SQL engines for the benchmarks: the knex configuration every other caller uses
 * (`@regstack/test-engines`), plus the knex instance itself (for `knex.on('query')` and SQLite's
 * connection) and a raw driver on the same server, which the shared targets do not expose.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKnexRepos, dropTables, migrate, tablesFor } from '@regstack/adapter-knex'
import {
  type KnexEngineName,
  knexConfig,
  type ServerConnection,
  serverConnection,
  serverVersion,
} from '@regstack/test-engines'
import knexFactory, { type Knex } from 'knex'
import mysql from 'mysql2/promise'
import { type BenchEngine, freshNamespace, type RoundTripCounter } from './bench-engine.js'
import { loadPg, type SqliteConnection } from './driver-shapes.js'
import { drizzleMysqlPeer, drizzlePgPeer } from './peers/drizzle-peer.js'
import { kyselyMysqlPeer, kyselyPgPeer } from './peers/kysely-peer.js'
import type { Peer } from './peers/peer-repos.js'
import { mysqlRawDb, pgRawDb, type RawDb, sqliteRawDb } from './raw-driver.js'

/** Pool size of both the adapter's knex and the raw driver, so concurrency compares like with like. */
const POOL_MAX = 10

async function label(knex: Knex, engine: KnexEngineName): Promise<string> {
  const version = await serverVersion(knex, engine)
  if (engine === 'postgres') return `PostgreSQL ${version}`
  if (engine === 'mariadb') return `MariaDB ${version}`
  return `SQLite ${version} (${engine === 'sqlite-file' ? 'file, WAL' : ':memory:'})`
}

async function openRaw(
  engine: KnexEngineName,
  knex: Knex,
  server: ServerConnection | undefined,
): Promise<RawDb> {
  if (engine === 'postgres' && server !== undefined) {
    const { Pool } = loadPg()
    return pgRawDb(new Pool({ ...server, max: POOL_MAX }))
  }
  if (engine === 'mariadb' && server !== undefined) {
    return mysqlRawDb(mysql.createPool({ ...server, connectionLimit: POOL_MAX }))
  }
  // knex keeps exactly one better-sqlite3 connection; borrowing and returning it leaves the object usable
  // (the pool keeps it open), and better-sqlite3 is synchronous, so the two never interleave.
  const conn = (await knex.client.acquireConnection()) as SqliteConnection
  await knex.client.releaseConnection(conn)
  return sqliteRawDb(conn, async () => {})
}

/** Drizzle and Kysely on the server engines, each with a pool as large as the adapter's. */
function openPeers(engine: KnexEngineName, server: ServerConnection | undefined): readonly Peer[] {
  if (server === undefined) return []
  if (engine === 'postgres') return [drizzlePgPeer(server, POOL_MAX), kyselyPgPeer(server, POOL_MAX)]
  if (engine === 'mariadb') return [drizzleMysqlPeer(server, POOL_MAX), kyselyMysqlPeer(server, POOL_MAX)]
  return []
}

/** Opens `engine`, or rejects with why it cannot be reached. */
export async function openKnexEngine(engine: KnexEngineName, url?: string): Promise<BenchEngine> {
  const scratch = engine === 'sqlite-file' ? mkdtempSync(join(tmpdir(), 'regstack-bench-')) : undefined
  const server = engine === 'postgres' || engine === 'mariadb' ? serverConnection(engine, { url }) : undefined
  const knex = knexFactory(
    knexConfig(engine, {
      poolMax: POOL_MAX,
      ...(scratch === undefined ? {} : { scratchDir: scratch }),
      ...(server === undefined ? {} : { connection: server }),
    }),
  )
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
  const raw = await openRaw(engine, knex, server)
  const peers = openPeers(engine, server)
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
