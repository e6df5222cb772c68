import { knexTarget } from '../targets/knex-target.js'
import { memoryTarget } from '../targets/memory-target.js'
import type { EngineTarget } from '../targets/target.js'

/** A target the main job will open, or why it is not part of this run. */
export interface PlannedTarget {
  readonly id: string
  readonly open?: () => Promise<EngineTarget>
  readonly notRunBecause?: string
}

/**
 * The embedded defaults (memory, SQLite file, SQLite :memory:) always run; networked engines run when
 * their URL is set: REGSTACK_POSTGRES_URL, REGSTACK_MARIADB_URL, MONGODB_URI.
 */
export function plannedTargets(env: NodeJS.ProcessEnv): PlannedTarget[] {
  const planned: PlannedTarget[] = [
    { id: 'memory', open: async () => memoryTarget() },
    { id: 'sqlite-file', open: () => knexTarget('sqlite-file') },
    { id: 'sqlite-memory', open: () => knexTarget('sqlite-memory') },
  ]
  const pg = env.REGSTACK_POSTGRES_URL
  planned.push(
    pg
      ? { id: 'postgres', open: () => knexTarget('postgres', pg) }
      : { id: 'postgres', notRunBecause: 'REGSTACK_POSTGRES_URL is not set' },
  )
  const maria = env.REGSTACK_MARIADB_URL
  planned.push(
    maria
      ? { id: 'mariadb', open: () => knexTarget('mariadb', maria) }
      : { id: 'mariadb', notRunBecause: 'REGSTACK_MARIADB_URL is not set' },
  )
  const mongo = env.MONGODB_URI
  planned.push(
    mongo
      ? { id: 'mongo', open: async () => (await import('../targets/mongo-target.js')).mongoTarget(mongo) }
      : { id: 'mongo', notRunBecause: 'MONGODB_URI is not set' },
  )
  return planned
}
