/**
 * Opens the engine a test file runs against: testcontainers when a Docker engine exists and no server
 * was configured (or REGSTACK_TESTCONTAINERS=1), otherwise the server from the environment with this
 * machine's defaults.
 * An unreachable engine throws (the file fails) unless REGSTACK_SKIP_ENGINES names it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import knexFactory, { type Knex } from 'knex'
import { type ConnectionKiller, type EngineFaults, mariadbFaults, pgFaults } from './fault-hooks.js'
import { type KnexEngineName, knexConfig, serverConnection, serverVersion } from './knex-config.js'

/** An open engine, or the reason it was skipped on request. */
export type OpenedKnexEngine =
  | {
      readonly skipped: false
      readonly knex: Knex
      readonly label: string
      /** Server-side connection kills (PostgreSQL, MariaDB); SQLite has no connections to drop. */
      readonly faults?: ConnectionKiller
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

function skipRequested(engine: KnexEngineName): boolean {
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
  engine: KnexEngineName,
  container: Container | undefined,
): Promise<{ knex: Knex; cleanup(): void; faults?: EngineFaults }> {
  if (engine === 'postgres') {
    const connection = serverConnection('postgres', {
      ...(container === undefined ? {} : { host: container.getHost(), port: container.getMappedPort(5432) }),
    })
    const faults = pgFaults(connection)
    const knex = knexFactory(
      knexConfig('postgres', {
        connection: { ...connection, application_name: faults.applicationName },
        log,
      }),
    )
    return { knex, cleanup: () => {}, faults }
  }
  if (engine === 'mariadb') {
    const connection = serverConnection('mariadb', {
      ...(container === undefined ? {} : { host: container.getHost(), port: container.getMappedPort(3306) }),
    })
    const faults = mariadbFaults(connection)
    const knex = knexFactory(knexConfig('mariadb', { connection, afterCreate: faults.afterCreate, log }))
    return { knex, cleanup: () => {}, faults }
  }
  if (engine === 'sqlite-memory') return { knex: knexFactory(knexConfig('sqlite-memory')), cleanup: () => {} }
  const dir = mkdtempSync(join(tmpdir(), 'regstack-knex-'))
  const knex = knexFactory(knexConfig('sqlite-file', { scratchDir: dir }))
  return { knex, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Opens `engine` and proves it answers; throws a message saying how to start or skip it otherwise. */
export async function openKnexEngine(engine: KnexEngineName): Promise<OpenedKnexEngine> {
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
    label = `${engine} ${(await serverVersion(knex, engine)).split(' ')[0]}`
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
