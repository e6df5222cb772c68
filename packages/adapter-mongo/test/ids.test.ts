/** Ids (CONTRACT §0.4): lower-case ObjectId hex only; anything else finds nothing and never throws. */
import { FrozenClock, type Repos, type User } from '@regstack/protocols'
import { selectMongoEngine } from '@regstack/test-engines'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMongoRepos, ensureIndexes } from '../src/index.js'
import { dropFreshDbs, freshDb } from './support/fresh-db.js'
import { indexOptions, SUITE_LOCKOUT_WINDOW_MS } from './support/mongo-target.js'

const engine = await selectMongoEngine()
afterAll(async () => {
  await dropFreshDbs()
  await engine.stop()
})

const T = new Date('2030-01-01T00:00:00.000Z')

describe('user ids', () => {
  let repos: Repos
  let user: User
  beforeAll(async () => {
    const db = freshDb(engine, 'ids')
    await ensureIndexes(db, indexOptions(engine, SUITE_LOCKOUT_WINDOW_MS))
    repos = createMongoRepos(db, { clock: new FrozenClock(T) })
    user = await repos.users.create({
      email: 'id@x.io',
      hashedPassword: 'h',
      isActive: true,
      isVerified: false,
      isSuperuser: false,
      fullName: null,
      phoneNumber: null,
      isMfaEnabled: false,
      createdAt: T,
      updatedAt: T,
      lastLogin: null,
      tokensInvalidatedAfter: null,
    })
  })

  it('are 24 lower-case hex digits', () => {
    expect(user.id).toMatch(/^[0-9a-f]{24}$/)
  })

  it('in another case (or mixed) find nothing, update nothing and delete nothing', async () => {
    const upper = user.id.toUpperCase()
    const mixed = `${user.id.slice(0, 23)}${user.id.slice(23).toUpperCase()}`
    // Make sure the mixed spelling really differs (the last digit may be a number).
    const spellings = [upper, mixed, user.id.replace(/[a-f]/, (c) => c.toUpperCase())].filter(
      (s) => s !== user.id,
    )
    expect(spellings.length).toBeGreaterThan(0)
    for (const id of spellings) {
      expect(await repos.users.getById(id)).toBeNull()
      await repos.users.setFullName(id, 'changed')
      await repos.users.updateEmail(id, 'other@x.io')
      expect(await repos.users.delete(id)).toBe(false)
    }
    expect(await repos.users.getById(user.id)).toMatchObject({ email: 'id@x.io', fullName: null })
  })

  it('malformed strings resolve to nothing without a driver exception', async () => {
    for (const id of [
      '',
      'abc',
      'z'.repeat(24),
      `${user.id}0`,
      user.id.slice(1),
      ' '.repeat(24),
      '{"$ne":null}',
    ]) {
      expect(await repos.users.getById(id)).toBeNull()
      expect(await repos.users.delete(id)).toBe(false)
      await expect(repos.users.setActive(id, { isActive: false })).resolves.toBeUndefined()
    }
    expect(await repos.users.getById(user.id)).toMatchObject({ isActive: true })
  })

  it('operator objects are rejected as input, never run as queries', async () => {
    await expect(repos.users.getByEmail({ $ne: null } as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(repos.oauthStates.find({ $gt: '' } as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
  })
})

describe('an unreachable server', () => {
  it('rejects with UNAVAILABLE, the driver error as cause', async () => {
    const { MongoClient } = await import('mongodb')
    // Port 9 (discard) is closed on loopback here; selection fails fast with a short timeout.
    const client = new MongoClient('mongodb://127.0.0.1:9/?directConnection=true', {
      serverSelectionTimeoutMS: 300,
    })
    const repos = createMongoRepos(client.db('nowhere'), { clock: new FrozenClock(T) })
    try {
      const error: unknown = await repos.users.getByEmail('a@x.io').catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'UNAVAILABLE', name: 'StorageUnavailableError' })
      expect((error as { cause?: unknown }).cause).toBeInstanceOf(Error)
    } finally {
      await client.close()
    }
  })
})
