/** ensureIndexes creates regstack's indexes (CONTRACT §4.1), idempotently, and follows the window. */

import { selectMongoEngine } from '@regstack/test-engines'
import type { Db, Document } from 'mongodb'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_COLLECTION_NAMES, ensureIndexes } from '../src/index.js'
import { dropFreshDbs, freshDb } from './support/fresh-db.js'
import { indexOptions } from './support/mongo-target.js'

const engine = await selectMongoEngine()
afterAll(async () => {
  await dropFreshDbs()
  await engine.stop()
})

const MINUTES_15 = 15 * 60 * 1000
const names = DEFAULT_COLLECTION_NAMES

/** name → the parts of the index that matter, for one collection. */
async function indexesOf(db: Db, collection: string): Promise<Record<string, Document>> {
  const out: Record<string, Document> = {}
  for (const index of await db.collection(collection).listIndexes().toArray()) {
    const { name, key, unique, expireAfterSeconds } = index
    out[String(name)] = { key, unique: unique === true, ttl: expireAfterSeconds }
  }
  return out
}

async function allIndexes(db: Db, collections = names): Promise<Record<string, Record<string, Document>>> {
  const out: Record<string, Record<string, Document>> = {}
  for (const collection of Object.values(collections)) out[collection] = await indexesOf(db, collection)
  return out
}

describe('ensureIndexes', () => {
  it("creates regstack's indexes with their names, keys and options", async () => {
    const db = freshDb(engine, 'idx')
    await ensureIndexes(db, indexOptions(engine, MINUTES_15))
    const all = await allIndexes(db)
    expect(all[names.users]).toMatchObject({ email_unique: { key: { email: 1 }, unique: true } })
    expect(all[names.blacklist]).toMatchObject({
      jti_unique: { key: { jti: 1 }, unique: true },
      exp_ttl: { key: { exp: 1 }, ttl: 0 },
    })
    expect(all[names.pending]).toMatchObject({
      pending_email_unique: { key: { email: 1 }, unique: true },
      pending_token_unique: { key: { token_hash: 1 }, unique: true },
      pending_ttl: { key: { expires_at: 1 }, ttl: 0 },
    })
    expect(all[names.attempts]).toMatchObject({
      email_when: { key: { email: 1, when: 1 }, unique: false },
      when_ttl: { key: { when: 1 }, ttl: 900 },
    })
    expect(all[names.mfaCodes]).toMatchObject({
      user_kind_unique: { key: { user_id: 1, kind: 1 }, unique: true },
      mfa_ttl: { key: { expires_at: 1 }, ttl: 0 },
    })
    expect(all[names.oauthIdentities]).toMatchObject({
      provider_subject_unique: { key: { provider: 1, subject_id: 1 }, unique: true },
      user_provider_unique: { key: { user_id: 1, provider: 1 }, unique: true },
    })
    expect(all[names.oauthStates]).toMatchObject({ oauth_state_ttl: { key: { expires_at: 1 }, ttl: 0 } })
    // Compound key order matters for regstack's index definitions.
    expect(Object.keys(all[names.oauthIdentities]?.user_provider_unique?.key ?? {})).toEqual([
      'user_id',
      'provider',
    ])
  })

  it('is idempotent: a second run succeeds and changes nothing', async () => {
    const db = freshDb(engine, 'idem')
    await ensureIndexes(db, indexOptions(engine, MINUTES_15))
    const before = await allIndexes(db)
    await ensureIndexes(db, indexOptions(engine, MINUTES_15))
    expect(await allIndexes(db)).toEqual(before)
  })

  it('rounds the window up to whole seconds', async () => {
    const db = freshDb(engine, 'round')
    await ensureIndexes(db, indexOptions(engine, 1_500))
    expect((await indexesOf(db, names.attempts)).when_ttl?.ttl).toBe(2)
  })

  it('moves when_ttl to a changed window with collMod', async () => {
    const db = freshDb(engine, 'window')
    await ensureIndexes(db, indexOptions(engine, MINUTES_15))
    const change = ensureIndexes(db, indexOptions(engine, 10 * 60 * 1000))
    if (engine.kind === 'jongodb') {
      // Stand-in gap: jongodb has no collMod (code 59), so the window cannot move there. The call
      // fails with the server's error as cause instead of leaving a stale TTL behind silently.
      await expect(change).rejects.toMatchObject({ code: 'STORAGE_FAILURE', cause: { code: 59 } })
      expect((await indexesOf(db, names.attempts)).when_ttl?.ttl).toBe(900)
      return
    }
    await change
    const attempts = await indexesOf(db, names.attempts)
    expect(attempts.when_ttl).toMatchObject({ key: { when: 1 }, ttl: 600 })
    expect(attempts.email_when).toBeDefined()
    await ensureIndexes(db, indexOptions(engine, 10 * 60 * 1000))
  })

  it('honours custom collection names', async () => {
    const db = freshDb(engine, 'names')
    const collections = { ...names, users: 'accounts', oauthStates: 'flows' }
    await ensureIndexes(db, {
      ...indexOptions(engine, MINUTES_15),
      collections: { users: 'accounts', oauthStates: 'flows' },
    })
    const all = await allIndexes(db, collections)
    expect(all.accounts).toHaveProperty('email_unique')
    expect(all.flows).toHaveProperty('oauth_state_ttl')
  })

  it('rejects a window that is not a safe integer >= 0 before touching the server', async () => {
    const db = freshDb(engine, 'bad')
    for (const bad of [-1, 1.5, Number.NaN, '900' as unknown as number]) {
      await expect(ensureIndexes(db, indexOptions(engine, bad))).rejects.toThrow(TypeError)
    }
    await expect(ensureIndexes(db, indexOptions(engine, Number.MAX_SAFE_INTEGER))).rejects.toThrow(RangeError)
  })
})
