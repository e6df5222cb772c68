/**
 * What ensureIndexes does beyond indexes since revision 2026-07 (CONTRACT §0.19), as regstack's
 * install_indexes does: the oauth_states validator (collMod, or create when the collection is missing)
 * and the removal of a legacy unique { email: 1 } index, idempotently on a populated database.
 */
import { FrozenClock } from '@regstack/protocols'
import { selectMongoEngine } from '@regstack/test-engines'
import type { Db, Document } from 'mongodb'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createMongoRepos,
  DEFAULT_COLLECTION_NAMES,
  ensureIndexes,
  OAUTH_STATES_VALIDATOR,
} from '../src/index.js'
import { dropFreshDbs, freshDb } from './support/fresh-db.js'
import { indexOptions, SUITE_LOCKOUT_WINDOW_MS } from './support/mongo-target.js'

const engine = await selectMongoEngine()
afterAll(async () => {
  await dropFreshDbs()
  await engine.stop()
})

const names = DEFAULT_COLLECTION_NAMES
const T = new Date('2030-01-02T03:04:05.678Z')
const options = indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS)

/** The stored options of `collection` (validator, level, action), as listCollections reports them. */
async function collectionOptions(db: Db, collection: string): Promise<Document | undefined> {
  const [info] = await db.listCollections({ name: collection }).toArray()
  return (info as { options?: Document } | undefined)?.options
}

function state(id: string, mode: string): Document {
  return {
    _id: id,
    provider: 'google',
    code_verifier: 'v',
    nonce: 'n',
    redirect_to: '/',
    mode,
    created_at: T,
    expires_at: T,
  }
}

// The stand-in (jongodb) has neither listCollections nor collMod nor dropIndexes; these checks need a
// server that has them (SecantusDB here, a real mongod in CI).
const describeOnRealServer = engine.kind === 'jongodb' ? describe.skip : describe

describeOnRealServer(`oauth_states validator on ${engine.label}`, () => {
  it('is created with the collection on a fresh database: mode must be signin or link, moderate, error', async () => {
    const db = freshDb(engine, 'valnew')
    await ensureIndexes(db, options)
    expect(await collectionOptions(db, names.oauthStates)).toMatchObject({
      validator: OAUTH_STATES_VALIDATOR,
      validationLevel: 'moderate',
      validationAction: 'error',
    })
    const states = db.collection(names.oauthStates)
    await states.insertOne(state('ok', 'link') as never)
    await expect(states.insertOne(state('bad', 'admin') as never)).rejects.toMatchObject({ code: 121 })
    // No `required` list: a document without mode is not the validator's business.
    const { mode: _mode, ...withoutMode } = state('no-mode', 'signin')
    await states.insertOne(withoutMode as never)
  })

  it('is installed with collMod on an existing, populated collection, which keeps its documents', async () => {
    const db = freshDb(engine, 'valold')
    // A database from before 2026-07: states (one with a mode the validator would refuse), no validator.
    await db
      .collection(names.oauthStates)
      .insertMany([state('s1', 'signin'), state('legacy', 'weird')] as never)
    await ensureIndexes(db, options)
    expect(await collectionOptions(db, names.oauthStates)).toMatchObject({
      validator: OAUTH_STATES_VALIDATOR,
      validationLevel: 'moderate',
    })
    expect(await db.collection(names.oauthStates).countDocuments()).toBe(2)
    await ensureIndexes(db, options)
    expect(await db.collection(names.oauthStates).countDocuments()).toBe(2)
  })
})

describeOnRealServer(`legacy unique email index on ${engine.label}`, () => {
  it('drops a unique { email: 1 } index of another name, then creates email_unique; users keep', async () => {
    const db = freshDb(engine, 'legacy')
    const users = db.collection(names.users)
    await users.createIndex({ email: 1 }, { unique: true, name: 'email_1' })
    await users.insertOne({ email: 'a@x.io', is_active: true, created_at: T, updated_at: T })
    await ensureIndexes(db, options)
    const indexes = await users.listIndexes().toArray()
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'email_unique'])
    expect(await users.countDocuments()).toBe(1)
    await expect(users.insertOne({ email: 'a@x.io' })).rejects.toMatchObject({ code: 11000 })
    await ensureIndexes(db, options)
    expect((await users.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'email_unique'])
  })

  it('leaves a non-unique or compound index on email alone', async () => {
    const db = freshDb(engine, 'keep')
    const users = db.collection(names.users)
    await users.createIndex({ email: 1 }, { name: 'email_lookup' })
    await users.createIndex({ email: 1, created_at: 1 }, { unique: true, name: 'email_created' })
    await ensureIndexes(db, options)
    expect((await users.listIndexes().toArray()).map((i) => i.name).sort()).toEqual([
      '_id_',
      'email_created',
      'email_lookup',
      'email_unique',
    ])
  })
})

describe('documents written before result_was_new existed', () => {
  it('read as resultWasNew false; setResultToken then writes the field', async () => {
    const db = freshDb(engine, 'wasnew')
    await ensureIndexes(db, options)
    await db.collection(names.oauthStates).insertOne(state('py', 'signin') as never)
    const repos = createMongoRepos(db, { clock: new FrozenClock(T) })
    expect(await repos.oauthStates.find('py')).toMatchObject({ id: 'py', resultWasNew: false })
    await repos.oauthStates.setResultToken('py', 'jwt', { wasNew: true })
    expect(await db.collection(names.oauthStates).findOne({ _id: 'py' as never })).toMatchObject({
      result_token: 'jwt',
      result_was_new: true,
    })
    expect(await repos.oauthStates.consume('py')).toMatchObject({ resultToken: 'jwt', resultWasNew: true })
  })
})
