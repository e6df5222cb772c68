/**
 * The stored layout is regstack's (CONTRACT §0.16, §4.1): read back with the bare driver, every
 * document carries exactly regstack's snake_case field names, BSON dates and ObjectId ids.
 */
import { FrozenClock } from '@regstack/protocols'
import { selectMongoEngine } from '@regstack/test-engines'
import { type Db, type Document, ObjectId } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

async function only(db: Db, collection: string): Promise<Document> {
  const docs = await db.collection(collection).find({}).toArray()
  expect(docs).toHaveLength(1)
  return docs[0] as Document
}

function keys(doc: Document): string[] {
  return Object.keys(doc).sort()
}

describe('documents written by the adapter have regstack field names', () => {
  let db: Db
  beforeAll(async () => {
    db = freshDb(engine, 'docs')
    await ensureIndexes(db, indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS))
    const repos = createMongoRepos(db, { clock: new FrozenClock(T) })
    const user = await repos.users.create({
      email: 'a@x.io',
      hashedPassword: 'h',
      isActive: true,
      isVerified: false,
      isSuperuser: false,
      fullName: 'Ada',
      phoneNumber: '+100',
      isMfaEnabled: false,
      createdAt: T,
      updatedAt: T,
      lastLogin: T,
      tokensInvalidatedAfter: T,
    })
    await repos.pending.upsert({
      email: 'p@x.io',
      hashedPassword: 'h',
      fullName: 'Pat',
      tokenHash: 't'.repeat(64),
      createdAt: T,
      expiresAt: LATER,
    })
    await repos.mfaCodes.put({
      userId: user.id,
      kind: 'login_mfa',
      codeHash: 'c'.repeat(64),
      expiresAt: LATER,
      attempts: 0,
      maxAttempts: 5,
      createdAt: T,
    })
    await repos.oauthIdentities.create({
      userId: user.id,
      provider: 'github',
      subjectId: 's1',
      email: 'a@x.io',
      linkedAt: T,
      lastUsedAt: T,
    })
    await repos.oauthStates.create({
      id: 'state-1',
      provider: 'github',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'link',
      linkingUserId: user.id,
      createdAt: T,
      expiresAt: LATER,
      resultToken: 'jwt',
    })
    await repos.blacklist.revoke('jti-1', LATER)
    await repos.attempts.recordFailure('a@x.io', { when: T, ip: '127.0.0.1' })
  })

  it('users', async () => {
    const doc = await only(db, names.users)
    expect(keys(doc)).toEqual(
      [
        '_id',
        'email',
        'hashed_password',
        'is_active',
        'is_verified',
        'is_superuser',
        'full_name',
        'phone_number',
        'is_mfa_enabled',
        'created_at',
        'updated_at',
        'last_login',
        'tokens_invalidated_after',
      ].sort(),
    )
    expect(doc._id).toBeInstanceOf(ObjectId)
    expect(doc.created_at).toEqual(T)
    expect(doc.tokens_invalidated_after).toBeInstanceOf(Date)
  })

  it('pending_registrations', async () => {
    const doc = await only(db, names.pending)
    expect(keys(doc)).toEqual(
      ['_id', 'email', 'hashed_password', 'full_name', 'token_hash', 'created_at', 'expires_at'].sort(),
    )
    expect(doc._id).toBeInstanceOf(ObjectId)
    expect(doc.expires_at).toEqual(LATER)
  })

  it('mfa_codes', async () => {
    const doc = await only(db, names.mfaCodes)
    expect(keys(doc)).toEqual(
      ['_id', 'user_id', 'kind', 'code_hash', 'expires_at', 'attempts', 'max_attempts', 'created_at'].sort(),
    )
    expect(doc._id).toBeInstanceOf(ObjectId)
    // Foreign references are plain hex strings, never ObjectIds (CONTRACT §1.1).
    expect(typeof doc.user_id).toBe('string')
  })

  it('oauth_identities', async () => {
    const doc = await only(db, names.oauthIdentities)
    expect(keys(doc)).toEqual(
      ['_id', 'user_id', 'provider', 'subject_id', 'email', 'linked_at', 'last_used_at'].sort(),
    )
    expect(doc._id).toBeInstanceOf(ObjectId)
  })

  it('oauth_states, keyed by the caller string', async () => {
    const doc = await only(db, names.oauthStates)
    expect(keys(doc)).toEqual(
      [
        '_id',
        'provider',
        'code_verifier',
        'nonce',
        'redirect_to',
        'mode',
        'linking_user_id',
        'created_at',
        'expires_at',
        'result_token',
        'result_was_new',
      ].sort(),
    )
    expect(doc._id).toBe('state-1')
  })

  it('token_blacklist and login_attempts', async () => {
    const revoked = await only(db, names.blacklist)
    expect(keys(revoked)).toEqual(['_id', 'exp', 'jti'])
    expect(revoked._id).toBeInstanceOf(ObjectId)
    const attempt = await only(db, names.attempts)
    expect(keys(attempt)).toEqual(['_id', 'email', 'ip', 'when'])
    expect(attempt.when).toEqual(T)
  })
})

describe('null fields', () => {
  it('are omitted on insert, as regstack does, and setters write an explicit null', async () => {
    const db = freshDb(engine, 'nulls')
    await ensureIndexes(db, indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS))
    const repos = createMongoRepos(db, { clock: new FrozenClock(T) })
    const user = await repos.users.create({
      email: 'n@x.io',
      hashedPassword: null,
      isActive: true,
      isVerified: true,
      isSuperuser: false,
      fullName: 'N',
      phoneNumber: null,
      isMfaEnabled: false,
      createdAt: T,
      updatedAt: T,
      lastLogin: null,
      tokensInvalidatedAfter: null,
    })
    await repos.attempts.recordFailure('n@x.io')
    const doc = await only(db, names.users)
    for (const field of ['hashed_password', 'phone_number', 'last_login', 'tokens_invalidated_after']) {
      expect(doc).not.toHaveProperty(field)
    }
    expect(await only(db, names.attempts)).not.toHaveProperty('ip')
    await repos.users.setFullName(user.id, null)
    expect((await only(db, names.users)).full_name).toBeNull()
    expect((await repos.users.getById(user.id))?.fullName).toBeNull()
  })
})
