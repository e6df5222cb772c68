import { createMongoRepos, ensureIndexes } from '@regstack/adapter-mongo'
import { MongoClient } from 'mongodb'
import type { EngineTarget } from './target.js'

/** Login attempts must never be reaped during a run (CONTRACT §0.13): a lockout window far past it. */
const SUITE_LOCKOUT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000

/** A real MongoDB server at `uri`; every store is a database of its own, dropped on close. */
export async function mongoTarget(uri: string): Promise<EngineTarget> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 })
  try {
    await client.connect()
  } catch (error) {
    await client.close()
    throw new Error(`cannot reach MongoDB at ${uri}: ${(error as Error).message}`, { cause: error })
  }
  const info = (await client.db('admin').command({ buildInfo: 1 })) as { version?: string }
  return {
    id: 'mongo',
    adapter: '@regstack/adapter-mongo',
    engine: `MongoDB ${info.version ?? '?'}`,
    makeRepos: async ({ clock, namespace }) => {
      const db = client.db(namespace)
      await ensureIndexes(db, { loginLockoutWindowMs: SUITE_LOCKOUT_WINDOW_MS })
      return {
        repos: createMongoRepos(db, { clock }),
        revision: '2026-07',
        capabilities: { automaticExpiry: true },
        close: async () => {
          await db.dropDatabase()
        },
      }
    },
    teardown: () => client.close(),
  }
}
