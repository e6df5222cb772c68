/**
 * A server without collection validators (the jongodb stand-in has neither `create` with a validator
 * nor `collMod`): ensureIndexes fails saying how to go without regstack's oauth_states validator, and
 * succeeds when told to. Runs on the stand-in whichever engine the other files use.
 */
import { selectMongoEngine } from '@regstack/test-engines'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureIndexes } from '../src/index.js'
import { dropFreshDbs, freshDb } from './support/fresh-db.js'
import { SUITE_LOCKOUT_WINDOW_MS } from './support/mongo-target.js'

const engine = await selectMongoEngine({ standIn: true })
afterAll(async () => {
  await dropFreshDbs()
  await engine.stop()
})

describe('a server without collection validators', () => {
  it('makes ensureIndexes fail saying how to go without the validator, unless told to', async () => {
    const db = freshDb(engine, 'noval')
    await expect(ensureIndexes(db, { loginLockoutWindowMs: SUITE_LOCKOUT_WINDOW_MS })).rejects.toThrow(
      /oauthStatesValidator: false/,
    )
    await ensureIndexes(db, { loginLockoutWindowMs: SUITE_LOCKOUT_WINDOW_MS, oauthStatesValidator: false })
  })
})
