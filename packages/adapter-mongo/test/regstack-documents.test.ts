/**
 * A database regstack wrote opens as is (CONTRACT §0.16): documents shaped as regstack's Python code
 * writes them (None fields omitted, explicit nulls from setters, string state ids) read back through
 * the repositories, absent and null alike.
 */
import { FrozenClock } from '@regstack/protocols'
import { selectMongoEngine } from '@regstack/test-engines'
import { ObjectId } from 'mongodb'
import { afterAll, describe, expect, it } from 'vitest'
import { createMongoRepos, DEFAULT_COLLECTION_NAMES, ensureIndexes } from '../src/index.js'
import { dropFreshDbs, freshDb } from './support/fresh-db.js'
import { indexOptions, SUITE_LOCKOUT_WINDOW_MS } from './support/mongo-target.js'

const engine = await selectMongoEngine()
afterAll(async () => {
  await dropFreshDbs()
  await engine.stop()
})

const T = new Date('2030-01-02T03:04:05.678Z')
const LATER = new Date('2030-01-03T00:00:00.000Z')
const names = DEFAULT_COLLECTION_NAMES

describe('documents as regstack writes them', () => {
  it('read back through the repositories, absent and null alike', async () => {
    const db = freshDb(engine, 'regstack')
    await ensureIndexes(db, indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS))
    const repos = createMongoRepos(db, { clock: new FrozenClock(T) })
    const userId = new ObjectId()
    // regstack omits None fields on insert and writes explicit nulls from setters.
    await db.collection(names.users).insertOne({
      _id: userId,
      email: 'py@x.io',
      is_active: true,
      is_verified: true,
      is_superuser: false,
      full_name: null,
      is_mfa_enabled: false,
      created_at: T,
      updated_at: T,
    })
    await db.collection(names.mfaCodes).insertOne({
      user_id: userId.toHexString(),
      kind: 'phone_setup',
      code_hash: 'd'.repeat(64),
      expires_at: LATER,
      attempts: 1,
      max_attempts: 3,
      created_at: T,
    })
    await db.collection(names.oauthStates).insertOne({
      _id: 'py-state' as unknown as ObjectId,
      provider: 'google',
      code_verifier: 'v',
      nonce: 'n',
      redirect_to: '/home',
      mode: 'signin',
      created_at: T,
      expires_at: LATER,
    })

    const user = await repos.users.getById(userId.toHexString())
    expect(user).toMatchObject({
      id: userId.toHexString(),
      email: 'py@x.io',
      hashedPassword: null,
      fullName: null,
    })
    expect(user?.lastLogin).toBeNull()
    const code = await repos.mfaCodes.find({ userId: userId.toHexString(), kind: 'phone_setup' })
    expect(code).toMatchObject({ attempts: 1, maxAttempts: 3, codeHash: 'd'.repeat(64) })
    expect(
      await repos.mfaCodes.verify({ userId: userId.toHexString(), kind: 'phone_setup', rawCode: 'x' }),
    ).toEqual({
      outcome: 'wrong',
      attemptsRemaining: 1,
    })
    const state = await repos.oauthStates.consume('py-state')
    // Written before regstack 0.8.3: no result_was_new, which reads as false (CONTRACT §0.19).
    expect(state).toMatchObject({
      id: 'py-state',
      linkingUserId: null,
      resultToken: null,
      mode: 'signin',
      resultWasNew: false,
    })
  })
})
