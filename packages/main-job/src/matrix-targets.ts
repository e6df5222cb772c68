/**
 * The main job's targets, as `regstack-conformance certify --targets` loads them: every adapter of the
 * kit on every engine this run can reach, then regstack itself for parity (root `pnpm conformance`).
 */
import type { PlannedTarget } from '@regstack/conformance'
import { knexTarget } from './targets/knex-target.js'
import { memoryTarget } from './targets/memory-target.js'
import type { EngineTarget } from './targets/target.js'

export { regstackRows as extraRows } from './regstack-rows.js'

/** An engine target as the CLI opens it: the adapter's name labels the report. */
async function opened(open: () => Promise<EngineTarget>) {
  const target = await open()
  return {
    name: target.adapter,
    engine: target.engine,
    makeRepos: target.makeRepos,
    teardown: () => target.teardown(),
  }
}

/**
 * The embedded defaults (memory, SQLite file, SQLite :memory:) always run; networked engines run when
 * their URL is set: REGSTACK_POSTGRES_URL, REGSTACK_MARIADB_URL, MONGODB_URI.
 */
export function targets(env: NodeJS.ProcessEnv): PlannedTarget[] {
  const planned: PlannedTarget[] = [
    { id: 'memory', open: () => opened(async () => memoryTarget()) },
    { id: 'sqlite-file', open: () => opened(() => knexTarget('sqlite-file')) },
    { id: 'sqlite-memory', open: () => opened(() => knexTarget('sqlite-memory')) },
  ]
  const pg = env.REGSTACK_POSTGRES_URL
  planned.push(
    pg
      ? { id: 'postgres', open: () => opened(() => knexTarget('postgres', pg)) }
      : { id: 'postgres', notRunBecause: 'REGSTACK_POSTGRES_URL is not set' },
  )
  const maria = env.REGSTACK_MARIADB_URL
  planned.push(
    maria
      ? { id: 'mariadb', open: () => opened(() => knexTarget('mariadb', maria)) }
      : { id: 'mariadb', notRunBecause: 'REGSTACK_MARIADB_URL is not set' },
  )
  const mongo = env.MONGODB_URI
  planned.push(
    mongo
      ? {
          id: 'mongo',
          open: () => opened(async () => (await import('./targets/mongo-target.js')).mongoTarget(mongo)),
        }
      : { id: 'mongo', notRunBecause: 'MONGODB_URI is not set' },
  )
  return planned
}
