/**
 * "Copy once": what leaves the guard is copied unless the adapter declares its results fresh, and the
 * helpers adapters build stored models and ids with.
 */
import { describe, expect, it } from 'vitest'
import {
  FrozenClock,
  guardRepos,
  newHexId,
  oauthIdentityWithId,
  pendingWithId,
  userWithId,
} from '../src/index.js'
import { newPending, storedIdentity, storedPending, storedUser, T0 } from './support/fixtures.js'
import { createRecordingRepos } from './support/recording-repos.js'

describe('guardRepos resultsAreFresh', () => {
  it('copies every result by default', async () => {
    const rec = createRecordingRepos()
    const repos = guardRepos(rec.repos, { clock: new FrozenClock(T0) })
    const user = storedUser()
    rec.answer('users.getById', () => user)
    rec.answer('users.listPaged', () => [user])
    const found = await repos.users.getById(user.id)
    expect(found).toEqual(user)
    expect(found).not.toBe(user)
    expect(found?.createdAt).not.toBe(user.createdAt)
    expect((await repos.users.listPaged({}))[0]).not.toBe(user)
  })

  it('hands results out as the adapter made them when it declares them fresh', async () => {
    const rec = createRecordingRepos()
    const repos = guardRepos(rec.repos, { clock: new FrozenClock(T0), resultsAreFresh: true })
    const user = storedUser()
    const identity = storedIdentity()
    const pending = storedPending()
    rec.answer('users.getById', () => user)
    rec.answer('users.listPaged', () => [user])
    rec.answer('oauthIdentities.findBySubject', () => identity)
    rec.answer('pending.findByEmail', () => pending)
    expect(await repos.users.getById(user.id)).toBe(user)
    expect((await repos.users.listPaged({}))[0]).toBe(user)
    expect(
      await repos.oauthIdentities.findBySubject({
        provider: identity.provider,
        subjectId: identity.subjectId,
      }),
    ).toBe(identity)
    expect(await repos.pending.findByEmail(pending.email)).toBe(pending)
  })

  it.each([false, true])(
    'creates hand on the raw result, copied unless fresh (resultsAreFresh %s)',
    async (fresh) => {
      const rec = createRecordingRepos()
      const repos = guardRepos(rec.repos, { clock: new FrozenClock(T0), resultsAreFresh: fresh })
      const user = storedUser()
      const pending = storedPending()
      const identity = storedIdentity()
      rec.answer('users.create', () => user)
      rec.answer('pending.upsert', () => pending)
      rec.answer('oauthIdentities.create', () => identity)
      const { id: _u, ...newUser } = user
      const { id: _p, ...newPendingRow } = pending
      const { id: _i, ...newIdentity } = identity
      const results = [
        [await repos.users.create(newUser), user],
        [await repos.pending.upsert(newPendingRow), pending],
        [await repos.oauthIdentities.create(newIdentity), identity],
      ] as const
      for (const [result, answered] of results) {
        expect(result).toEqual(answered)
        if (fresh) expect(result).toBe(answered)
        else expect(result).not.toBe(answered)
      }
    },
  )

  it.each([false, true])(
    'creates reject, never throw, when the raw layer throws synchronously (resultsAreFresh %s)',
    async (fresh) => {
      const rec = createRecordingRepos()
      const failure = new Error('raw create threw')
      const throwing = (): never => {
        throw failure
      }
      const raw = {
        ...rec.repos,
        users: { ...rec.repos.users, create: throwing },
        pending: { ...rec.repos.pending, upsert: throwing },
        oauthIdentities: { ...rec.repos.oauthIdentities, create: throwing },
      }
      const repos = guardRepos(raw, { clock: new FrozenClock(T0), resultsAreFresh: fresh })
      const { id: _u, ...newUser } = storedUser()
      const { id: _i, ...newIdentity } = storedIdentity()
      for (const call of [
        () => repos.users.create(newUser),
        () => repos.pending.upsert(newPending()),
        () => repos.oauthIdentities.create(newIdentity),
      ]) {
        let pending: Promise<unknown> | undefined
        expect(() => {
          pending = call()
        }).not.toThrow()
        await expect(pending).rejects.toBe(failure)
      }
    },
  )

  it('still validates every argument when results are fresh', async () => {
    const rec = createRecordingRepos()
    const repos = guardRepos(rec.repos, { clock: new FrozenClock(T0), resultsAreFresh: true })
    await expect(repos.users.getById(42 as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(rec.calls).toEqual([])
  })
})

describe('stored models with their id', () => {
  it('carry exactly the model keys, the id and the argument’s values', () => {
    const pending = newPending()
    const stored = pendingWithId('p1', pending)
    expect(stored).toEqual({ ...pending, id: 'p1' })
    expect(Object.keys(stored).sort()).toEqual([...Object.keys(pending), 'id'].sort())
    const { id: _u, ...user } = storedUser()
    expect(userWithId('u1', user)).toEqual({ ...user, id: 'u1' })
    const { id: _i, ...identity } = storedIdentity()
    expect(oauthIdentityWithId('i1', identity)).toEqual({ ...identity, id: 'i1' })
  })

  it('leave keys outside the model behind', () => {
    const pending = { ...newPending(), extra: 'not stored' }
    expect(pendingWithId('p1', pending)).not.toHaveProperty('extra')
  })
})

describe('newHexId', () => {
  it('is a random UUIDv4 as 32 lower-case hex digits', () => {
    const ids = Array.from({ length: 600 }, () => newHexId())
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/)
    }
    // 600 ids cross the 256-id refill of the entropy buffer; none repeats.
    expect(new Set(ids).size).toBe(ids.length)
  })
})
