import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKnexRepos, dropTables, migrate } from '@regstack/adapter-knex'
import { type KnexEngineName, knexConfig, serverConnection, serverVersion } from '@regstack/test-engines'
import knexFactory, { type Knex } from 'knex'
import type { EngineTarget } from './target.js'

/**
 * Opens one shared Knex instance for `engine` (PostgreSQL and MariaDB at `url`, else this machine's
 * server); every store gets its own table prefix from the suite's namespace and drops its tables on
 * close.
 */
export async function knexTarget(engine: KnexEngineName, url?: string): Promise<EngineTarget> {
  const scratchDir = engine === 'sqlite-file' ? mkdtempSync(join(tmpdir(), 'regstack-sqlite-')) : undefined
  const config = knexConfig(engine, {
    ...(scratchDir === undefined ? {} : { scratchDir }),
    ...(engine === 'postgres' || engine === 'mariadb'
      ? { connection: serverConnection(engine, { url }) }
      : {}),
  })
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
        revision: '2026-07',
        close: () => dropTables(knex, { tablePrefix }),
      }
    },
    teardown: async () => {
      await knex.destroy()
      if (scratchDir !== undefined) rmSync(scratchDir, { recursive: true, force: true })
    },
  }
}

/** The engine as the main job's matrix and reports name it. */
async function engineLabel(knex: Knex, engine: KnexEngineName): Promise<string> {
  const version = await serverVersion(knex, engine)
  if (engine === 'sqlite-file' || engine === 'sqlite-memory') {
    return `SQLite ${version} (${engine === 'sqlite-file' ? 'file' : ':memory:'})`
  }
  return engine === 'postgres' ? `PostgreSQL ${version}` : `MariaDB/MySQL ${version}`
}
