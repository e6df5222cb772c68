import { FrozenClock, type NewUser, type RawRepos } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { createMemoryRepos } from '../src/index.js'
import { createRawMemoryRepos } from '../src/internal.js'

const T0 = new Date('2030-01-01T00:00:00.000Z')

function newUser(email: string, createdAt: Date = T0): NewUser {
  return {
    email,
    hashedPassword: 'h',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt,
    updatedAt: createdAt,
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }
}

describe('memory store', () => {
  // The raw layer builds every result for its call and keeps numbers, not the caller's `Date`s.
  it('never lets a caller mutate stored state through an input or a result', async () => {
    const repos = createMemoryRepos({ clock: new FrozenClock(T0) })
    const input = { ...newUser('a@x.io'), createdAt: new Date(T0.getTime()) }
    const created = await repos.users.create(input)
    input.createdAt.setTime(0)
    created.createdAt.setTime(1)
    const read = await repos.users.getById(created.id)
    read?.updatedAt.setTime(2)
    expect((await repos.users.getById(created.id))?.createdAt.getTime()).toBe(T0.getTime())
    expect((await repos.users.getById(created.id))?.updatedAt.getTime()).toBe(T0.getTime())
  })
})

// Both layers: the guarded store is assignable to the raw interface, so one body tests both.
describe.each([
  ['guarded', (clock: FrozenClock): RawRepos => createMemoryRepos({ clock })],
  ['raw', (clock: FrozenClock): RawRepos => createRawMemoryRepos({ clock })],
])('memory store (%s layer)', (_, make) => {
  it('keeps two stores apart', async () => {
    const clock = new FrozenClock(T0)
    const a = make(clock)
    const b = make(clock)
    await a.users.create(newUser('a@x.io'))
    expect(await b.users.getByEmail('a@x.io')).toBeNull()
    expect(await b.users.count({})).toBe(0)
  })

  it('pages newest first with ties broken by id in the same direction, and sees later creates', async () => {
    const repos = make(new FrozenClock(T0))
    const ids: string[] = []
    for (const email of ['a', 'b', 'c']) ids.push((await repos.users.create(newUser(email))).id)
    const expected = [...ids].sort().reverse()
    const page = await repos.users.listPaged({ skip: 0, limit: 2, sortByCreatedAtDesc: true })
    expect(page.map((u) => u.id)).toEqual(expected.slice(0, 2))
    const later = await repos.users.create(newUser('d', new Date(T0.getTime() + 1)))
    const all = await repos.users.listPaged({ skip: 0, limit: 10, sortByCreatedAtDesc: false })
    expect(all.map((u) => u.id)).toEqual([...[...ids].sort(), later.id])
  })

  it('keeps the pending row id across upserts and retires the old token', async () => {
    const repos = make(new FrozenClock(T0))
    const row = { email: 'p', hashedPassword: 'h', fullName: null, createdAt: T0, expiresAt: T0 }
    const first = await repos.pending.upsert({ ...row, tokenHash: 't1' })
    const second = await repos.pending.upsert({ ...row, tokenHash: 't2' })
    expect(second.id).toBe(first.id)
    expect(await repos.pending.findByTokenHash('t1')).toBeNull()
    expect((await repos.pending.findByTokenHash('t2'))?.email).toBe('p')
  })

  it('counts recent failures with an inclusive lower bound and out-of-order inserts', async () => {
    const repos = make(new FrozenClock(T0))
    for (const offset of [5, -10, 0, 20, -11]) {
      await repos.attempts.recordFailure('e', { when: new Date(T0.getTime() + offset), ip: null })
    }
    expect(await repos.attempts.countRecent('e', { windowMs: 10, now: T0 })).toBe(4)
    expect(await repos.attempts.purgeExpired(T0, 10)).toBe(1)
    expect(await repos.attempts.countRecent('e', { windowMs: 1000, now: T0 })).toBe(4)
  })

  it('purges exactly the revocations due, whatever order they arrived in', async () => {
    const repos = make(new FrozenClock(T0))
    for (const [jti, offset] of [
      ['late', 30],
      ['early', -5],
      ['now', 0],
      ['mid', 10],
      ['early2', -5],
    ] as const) {
      await repos.blacklist.revoke(jti, new Date(T0.getTime() + offset))
    }
    // First exp wins, so this repeat must not move `late` into the due range.
    await repos.blacklist.revoke('late', new Date(T0.getTime() - 100))
    expect(await repos.blacklist.purgeExpired(T0)).toBe(2)
    expect(await repos.blacklist.isRevoked('early')).toBe(false)
    expect(await repos.blacklist.isRevoked('early2')).toBe(false)
    expect(await repos.blacklist.isRevoked('now')).toBe(true)
    expect(await repos.blacklist.purgeExpired(T0)).toBe(0)
    expect(await repos.blacklist.purgeExpired(new Date(T0.getTime() + 31))).toBe(3)
    expect(await repos.blacklist.isRevoked('late')).toBe(false)
  })

  it('lists a user identities by linkedAt then id, whatever order they were linked in', async () => {
    const repos = make(new FrozenClock(T0))
    const link = async (provider: string, offset: number) =>
      await repos.oauthIdentities.create({
        userId: 'u',
        provider,
        subjectId: `s-${provider}`,
        email: null,
        linkedAt: new Date(T0.getTime() + offset),
        lastUsedAt: null,
      })
    const late = await link('late', 10)
    const tieA = await link('tieA', 0)
    const early = await link('early', -10)
    const tieB = await link('tieB', 0)
    const ties = [tieA.id, tieB.id].sort()
    const listed = async () => (await repos.oauthIdentities.listForUser('u')).map((i) => i.id)
    expect(await listed()).toEqual([early.id, ...ties, late.id])
    await repos.oauthIdentities.delete({ userId: 'u', provider: 'tieA' })
    expect(await listed()).toEqual([early.id, tieB.id, late.id])
    expect(await repos.oauthIdentities.deleteByUserId('u')).toBe(3)
    expect(await listed()).toEqual([])
  })

  it('counts by flags after every write that can change one', async () => {
    const repos = make(new FrozenClock(T0))
    const a = await repos.users.create(newUser('a'))
    const b = await repos.users.create({ ...newUser('b'), isVerified: true })
    await repos.users.create({ ...newUser('c'), isActive: false, isSuperuser: true })
    await repos.users.setActive(a.id, { isActive: false })
    await repos.users.setSuperuser(b.id, { isSuperuser: true })
    await repos.users.setFullName(b.id, 'B')
    expect(await repos.users.count({ isActive: false })).toBe(2)
    expect(await repos.users.count({ isSuperuser: true })).toBe(2)
    expect(await repos.users.count({ isActive: true, isVerified: true, isSuperuser: true })).toBe(1)
    await repos.users.delete(b.id)
    expect(await repos.users.count({ isSuperuser: true })).toBe(1)
    expect(await repos.users.count({ isVerified: true })).toBe(0)
    expect(await repos.users.count({})).toBe(2)
  })
})

describe('memory store with a caller’s generateId', () => {
  it('uses those ids for users and finds, lists and deletes by them', async () => {
    let k = 0
    const generateId = (): string => {
      k += 1
      return `caller-id-${k}`
    }
    const repos = createMemoryRepos({ clock: new FrozenClock(T0), generateId })
    const a = await repos.users.create(newUser('a@x.io'))
    const b = await repos.users.create(newUser('b@x.io', new Date(T0.getTime() + 1)))
    expect([a.id, b.id]).toEqual(['caller-id-1', 'caller-id-2'])
    expect((await repos.users.getById(b.id))?.email).toBe('b@x.io')
    expect((await repos.users.listPaged({ sortByCreatedAtDesc: false })).map((u) => u.id)).toEqual([
      a.id,
      b.id,
    ])
    expect(await repos.users.delete(a.id)).toBe(true)
    expect(await repos.users.getById(a.id)).toBeNull()
    expect(await repos.users.count({})).toBe(1)
  })
})
