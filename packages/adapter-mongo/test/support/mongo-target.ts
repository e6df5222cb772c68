/** Opens one fresh, isolated store per call, as the conformance suite's `makeRepos` wants. */
import type { ConformanceContext, ConformanceTarget } from '@regstack/conformance'
import type { MongoEngine } from '@regstack/test-engines'
import type { Db } from 'mongodb'
import { createMongoRepos, ensureIndexes } from '../../src/index.js'

/** Far beyond any run: the suite never wants login attempts reaped mid-run (CONTRACT §0.13). */
export const SUITE_LOCKOUT_WINDOW_MS: number = 7 * 24 * 60 * 60 * 1000

const COMMAND_NOT_FOUND = 59

/**
 * Drops the database where the server can. The stand-in has no `dropDatabase`; its data lives in
 * memory and dies with the process, and every store uses its own database name anyway.
 */
export async function dropIfSupported(db: Db): Promise<void> {
  try {
    await db.dropDatabase()
  } catch (error) {
    if ((error as { code?: unknown }).code !== COMMAND_NOT_FOUND) throw error
  }
}

/**
 * `ensureIndexes` options for `engine`: the jongodb stand-in has no collection validators (neither
 * `create` nor `collMod` takes one), so there the oauth_states validator is left out; real servers
 * and SecantusDB get it.
 */
export function indexOptions(
  engine: MongoEngine,
  loginLockoutWindowMs: number,
): { loginLockoutWindowMs: number; oauthStatesValidator: boolean } {
  return { loginLockoutWindowMs, oauthStatesValidator: engine.kind !== 'jongodb' }
}

/** A `makeRepos` over one database per store (named after `ctx.namespace`), indexes ensured. */
export function mongoTarget(engine: MongoEngine): (ctx: ConformanceContext) => Promise<ConformanceTarget> {
  return async (ctx) => {
    const db = engine.client.db(ctx.namespace)
    await ensureIndexes(db, indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS))
    return {
      repos: createMongoRepos(db, { clock: ctx.clock }),
      revision: '2026-07',
      capabilities: { automaticExpiry: true },
      // One client serves every store; the suite runs one check at a time, so a kill only disturbs
      // the faults check that asked for it.
      ...(engine.faults === undefined ? {} : { faults: engine.faults }),
      close: async () => {
        await dropIfSupported(db)
      },
    }
  }
}
