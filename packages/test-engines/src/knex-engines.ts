/**
 * Opens the engine a test file runs against: testcontainers when a Docker engine exists and no server
 * was configured (or REGSTACK_TESTCONTAINERS=1), otherwise the server from the environment with this
 * machine's defaults.
 * An unreachable engine throws (the file fails) unless REGSTACK_SKIP_ENGINES names it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConformanceTarget } from '@regstack/conformance'
import knexFactory, { type Knex } from 'knex'
import { type EngineFaults, mariadbFaults, pgFaults } from './fault-hooks.js'

/** The engines the adapter is tested on. */
export type EngineName = 'postgres' | 'mariadb' | 'sqlite-file' | 'sqlite-memory'

/** An open engine, or the reason it was skipped on request. */
export type OpenedEngine =
  | {
      readonly skipped: false
      readonly knex: Knex
      readonly label: string
      /** Server-side connection kills (PostgreSQL, MariaDB); SQLite has no connections to drop. */
      readonly faults?: NonNullable<ConformanceTarget['faults']>
      close(): Promise<void>
    }
  | { readonly skipped: true; readonly reason: string }

interface Container {
  getHost(): string
  getMappedPort(port: number): number
  stop(): Promise<unknown>
}

/** knex warns for every dead pooled connection it discards; the fault tier kills them on purpose. */
const log = {
  warn(message: unknown): void {
    if (!String(message).startsWith('Connection Error')) console.warn(message)
  },
}

const env = (name: string, fallback: string): string => process.env[name] ?? fallback

/**
 * Whether to provision `engine` with testcontainers: forced by REGSTACK_TESTCONTAINERS=1 or =0;
 * otherwise only when a Docker engine appears to exist and no server was configured explicitly.
 * Returns `true`, or why not.
 */
function containerWanted(engine: 'postgres' | 'mariadb'): true | string {
  const flag = process.env.REGSTACK_TESTCONTAINERS
  if (flag === '1') return true
  if (flag === '0') return 'REGSTACK_TESTCONTAINERS=0'
  const configured = engine === 'postgres' ? ['PGHOST', 'PGPORT'] : ['MYSQL_HOST', 'MYSQL_PORT']
  const set = configured.filter((name) => process.env[name] !== undefined)
  if (set.length > 0) return `${set.join(', ')} set explicitly`
  if (process.env.DOCKER_HOST === undefined && !existsSync('/var/run/docker.sock')) {
    return 'no Docker engine (DOCKER_HOST unset, no /var/run/docker.sock)'
  }
  return true
}

/** Starts a throwaway server in a container, or explains why not (the caller then uses the URL). */
async function tryContainer(engine: 'postgres' | 'mariadb'): Promise<Container | string> {
  const wanted = containerWanted(engine)
  if (wanted !== true) return wanted
  try {
    const { GenericContainer, Wait } = await import('testcontainers')
    const container =
      engine === 'postgres'
        ? new GenericContainer('postgres:15')
            .withEnvironment({
              POSTGRES_HOST_AUTH_METHOD: 'trust',
              POSTGRES_USER: 'root',
              POSTGRES_DB: 'test',
            })
            .withExposedPorts(5432)
            .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
        : new GenericContainer('mariadb:10.11')
            .withEnvironment({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: '1', MARIADB_DATABASE: 'test' })
            .withExposedPorts(3306)
            .withWaitStrategy(Wait.forLogMessage(/ready for connections/, 2))
    return await container.start()
  } catch (error) {
    // No Docker engine here: testcontainers 11 fails in milliseconds with "Could not find a working
    // container runtime strategy". Fall back to the configured server.
    return `testcontainers failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
  }
}

function skipRequested(engine: EngineName): boolean {
  const list = (process.env.REGSTACK_SKIP_ENGINES ?? '').split(',').map((s) => s.trim())
  const requested = list.includes(engine) || (engine.startsWith('sqlite') && list.includes('sqlite'))
  // Every engine is required in CI: a skip there would hide exactly what CI exists to prove.
  if (requested && process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
    throw new Error(
      `REGSTACK_SKIP_ENGINES=${process.env.REGSTACK_SKIP_ENGINES} is refused in CI: ${engine} is required`,
    )
  }
  return requested
}

async function knexFor(
  engine: EngineName,
  container: Container | undefined,
): Promise<{ knex: Knex; cleanup(): void; faults?: EngineFaults }> {
  const host = (fallback: string, name: string): string => container?.getHost() ?? env(name, fallback)
  if (engine === 'postgres') {
    const port = container?.getMappedPort(5432) ?? Number(env('PGPORT', '5432'))
    const connection = {
      host: host('127.0.0.1', 'PGHOST'),
      port,
      user: env('PGUSER', 'root'),
      database: env('PGDATABASE', 'test'),
      password: env('PGPASSWORD', ''),
    }
    const faults = pgFaults(connection)
    const knex = knexFactory({
      client: 'pg',
      connection: { ...connection, application_name: faults.applicationName },
      pool: { min: 0, max: 10 },
      log,
    })
    return { knex, cleanup: () => {}, faults }
  }
  if (engine === 'mariadb') {
    const port = container?.getMappedPort(3306) ?? Number(env('MYSQL_PORT', '3306'))
    const connection = {
      host: host('127.0.0.1', 'MYSQL_HOST'),
      port,
      user: env('MYSQL_USER', 'root'),
      password: env('MYSQL_PASSWORD', ''),
      database: env('MYSQL_DATABASE', 'test'),
      charset: 'utf8mb4',
    }
    const faults = mariadbFaults(connection)
    const knex = knexFactory({
      client: 'mysql2',
      connection,
      pool: { min: 0, max: 10, afterCreate: faults.afterCreate },
      log,
    })
    return { knex, cleanup: () => {}, faults }
  }
  if (engine === 'sqlite-memory') {
    // ':memory:' is one database per connection: a single pooled connection keeps every store in one.
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    })
    return { knex, cleanup: () => {} }
  }
  const dir = mkdtempSync(join(tmpdir(), 'regstack-knex-'))
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'regstack.db') },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(s: string): unknown }, done: (e: Error | null, c: unknown) => void) => {
        conn.pragma('journal_mode = WAL')
        done(null, conn)
      },
    },
  })
  return { knex, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Opens `engine` and proves it answers; throws a message saying how to start or skip it otherwise. */
export async function openEngine(engine: EngineName): Promise<OpenedEngine> {
  if (skipRequested(engine)) {
    const reason = `${engine} skipped: listed in REGSTACK_SKIP_ENGINES=${process.env.REGSTACK_SKIP_ENGINES ?? ''}`
    console.warn(reason)
    return { skipped: true, reason }
  }
  let container: Container | undefined
  if (engine === 'postgres' || engine === 'mariadb') {
    const started = await tryContainer(engine)
    if (typeof started === 'string')
      console.info(`[${engine}] not using testcontainers (${started}); using the configured server`)
    else container = started
  }
  const { knex, cleanup, faults } = await knexFor(engine, container)
  let label: string
  try {
    const version =
      engine === 'postgres'
        ? 'select version() as v'
        : engine === 'mariadb'
          ? 'select version() as v'
          : 'select sqlite_version() as v'
    const result: unknown = await knex.raw(version)
    label = `${engine} ${versionOf(result)}`
  } catch (error) {
    await knex.destroy()
    await faults?.close()
    cleanup()
    await container?.stop()
    const hint =
      engine === 'postgres'
        ? 'set PGHOST/PGPORT/PGUSER/PGDATABASE'
        : engine === 'mariadb'
          ? 'set MYSQL_HOST/MYSQL_PORT/MYSQL_USER/MYSQL_PASSWORD/MYSQL_DATABASE'
          : 'check the better-sqlite3 native build'
    throw new Error(
      `${engine} is unreachable (${hint}, or REGSTACK_SKIP_ENGINES=${engine} to skip it on purpose)`,
      { cause: error },
    )
  }
  return {
    skipped: false,
    knex,
    label,
    ...(faults === undefined ? {} : { faults: { dropConnections: () => faults.dropConnections() } }),
    async close() {
      await knex.destroy()
      await faults?.close()
      cleanup()
      await container?.stop()
    },
  }
}

function versionOf(result: unknown): string {
  const rows: unknown = Array.isArray(result)
    ? Array.isArray(result[0])
      ? result[0]
      : result
    : (result as { rows?: unknown }).rows
  const first: unknown = Array.isArray(rows) ? rows[0] : undefined
  const v = typeof first === 'object' && first !== null ? (first as { v?: unknown }).v : undefined
  return String(v ?? 'unknown')
    .split(' ')
    .slice(0, 2)
    .join(' ')
}
