import { describe, expect, it } from 'vitest'
import { FrozenClock, guardRepos, type User, UserAlreadyExistsError } from '../src/index.js'
import { expectRejectsInvalid } from './support/expect-invalid.js'
import { newUser, storedUser, T0 } from './support/fixtures.js'
import { createRecordingRepos } from './support/recording-repos.js'

const objectId = (id: string): boolean => /^[0-9a-f]{24}$/.test(id)
const ID = '0123456789abcdef01234567'

function setup(isStorableId?: (id: string) => boolean) {
  const rec = createRecordingRepos()
  const clock = new FrozenClock(T0)
  const repos = guardRepos(rec.repos, isStorableId === undefined ? { clock } : { clock, isStorableId })
  return { rec, clock, users: repos.users }
}

const hostile: readonly unknown[] = [{ $ne: null }, ['a'], 42, new String('a'), undefined, null, true]

describe('guardRepos: users', () => {
  it('rejects non-string emails and ids, asynchronously, without calling the adapter', async () => {
    const { rec, users } = setup()
    for (const value of hostile) {
      await expectRejectsInvalid(() => users.getByEmail(value as string), 'email')
      await expectRejectsInvalid(() => users.getById(value as string), 'userId')
      await expectRejectsInvalid(() => users.delete(value as string), 'userId')
      await expectRejectsInvalid(() => users.setLastLogin(value as string, new Date(T0)), 'userId')
    }
    expect(rec.calls).toEqual([])
  })

  it('answers "nothing" for unmatchable lookups without calling the adapter', async () => {
    const { rec, users } = setup(objectId)
    expect(await users.getByEmail('x'.repeat(321))).toBeNull()
    expect(await users.getByEmail('a\uD800@x.io')).toBeNull()
    expect(await users.getByEmail('a\u0000@x.io')).toBeNull()
    expect(await users.getById('not-an-object-id')).toBeNull()
    expect(await users.getById(ID.toUpperCase())).toBeNull()
    expect(await users.delete('')).toBe(false)
    await users.setActive('nope', { isActive: false })
    await users.updateEmail('nope', 'taken@x.io')
    await users.setFullName('nope', null)
    expect(rec.calls).toEqual([])
  })

  it('passes lookups that could match straight through', async () => {
    const { rec, users } = setup(objectId)
    expect(await users.getByEmail('x'.repeat(320))).toEqual(storedUser())
    expect(await users.getById(ID)).toEqual(storedUser())
    expect(await users.delete(ID)).toBe(true)
    expect(rec.calls.map((c) => c.method)).toEqual(['users.getByEmail', 'users.getById', 'users.delete'])
  })

  it('without isStorableId only the length, U+0000 and lone surrogates make an id unmatchable', async () => {
    const { rec, users } = setup()
    await users.getById('x'.repeat(36))
    expect(await users.getById('x'.repeat(37))).toBeNull()
    expect(rec.calls).toHaveLength(1)
  })

  it('validates setter values before the unmatchable-id short-circuit', async () => {
    const { rec, users } = setup(objectId)
    await expectRejectsInvalid(() => users.setFullName('nope', 'x'.repeat(201)), 'fullName')
    await expectRejectsInvalid(() => users.setFullName('nope', undefined as unknown as null), 'fullName')
    await expectRejectsInvalid(() => users.setPhone('nope', 'x'.repeat(21)), 'phoneNumber')
    await expectRejectsInvalid(() => users.updatePassword('nope', 'a\u0000'), 'hashedPassword')
    await expectRejectsInvalid(() => users.updateEmail('nope', { $ne: 1 } as unknown as string), 'newEmail')
    await expectRejectsInvalid(() => users.setLastLogin('nope', new Date(Number.NaN)), 'when')
    await expectRejectsInvalid(
      () => users.setTokensInvalidatedAfter('nope', undefined as unknown as Date),
      'when',
    )
    await expectRejectsInvalid(
      () => users.setActive('nope', { isActive: 'yes' as unknown as boolean }),
      'isActive',
    )
    await expectRejectsInvalid(
      () => users.setSuperuser('nope', undefined as unknown as { isSuperuser: boolean }),
      'opts',
    )
    await expectRejectsInvalid(
      () => users.setMfaEnabled('nope', {} as { isMfaEnabled: boolean }),
      'isMfaEnabled',
    )
    expect(rec.calls).toEqual([])
  })

  it('hands setters fresh, exact arguments', async () => {
    const { rec, users } = setup(objectId)
    const when = new Date(T0)
    await users.setLastLogin(ID, when)
    await users.setActive(ID, { isActive: false, extra: 1 } as { isActive: boolean })
    await users.setFullName(ID, null)
    expect(rec.calls).toEqual([
      { method: 'users.setLastLogin', args: [ID, new Date(T0)] },
      { method: 'users.setActive', args: [ID, { isActive: false }] },
      { method: 'users.setFullName', args: [ID, null] },
    ])
    expect(rec.calls[0]?.args[1]).not.toBe(when)
  })

  it('create passes a fresh closed copy and returns a fresh closed copy', async () => {
    const { rec, users } = setup()
    const stored = { ...storedUser(), _id: 'leaked', password: 'secret' }
    rec.answer('users.create', () => stored)
    const input = { ...newUser(), id: 'caller-id', role: 'admin' }
    const out = await users.create(input)
    const passed = rec.calls[0]?.args[0] as Record<string, unknown>
    expect(passed).toEqual(newUser())
    expect(passed).not.toHaveProperty('id')
    expect(passed.createdAt).not.toBe(input.createdAt)
    input.createdAt.setTime(0)
    expect((passed.createdAt as Date).getTime()).toBe(T0.getTime())
    expect(out).toEqual(storedUser())
    expect(out).not.toHaveProperty('_id')
    expect(out.createdAt).not.toBe(stored.createdAt)
    expect(out.tokensInvalidatedAfter).not.toBe(stored.tokensInvalidatedAfter)
  })

  it('rejects invalid New* input without calling the adapter', async () => {
    const { rec, users } = setup()
    await expectRejectsInvalid(
      () => users.create({ ...newUser(), email: { $gt: '' } as unknown as string }),
      'email',
    )
    await expectRejectsInvalid(() => users.create(null as unknown as User), 'user')
    expect(rec.calls).toEqual([])
  })

  it('lets adapter errors pass through untouched', async () => {
    const { rec, users } = setup()
    const error = new UserAlreadyExistsError('ada@example.com')
    rec.answer('users.create', () => {
      throw error
    })
    await expect(users.create(newUser())).rejects.toBe(error)
  })

  it('resolves count filters to only the given flags', async () => {
    const { rec, users } = setup()
    expect(await users.count()).toBe(7)
    await users.count(null)
    await users.count({ isActive: null, isVerified: true, isSuperuser: undefined })
    await users.count({ isActive: false, isVerified: false, isSuperuser: true })
    expect(rec.calls.map((c) => c.args)).toEqual([
      [{}],
      [{}],
      [{ isVerified: true }],
      [{ isActive: false, isVerified: false, isSuperuser: true }],
    ])
    await expectRejectsInvalid(() => users.count({ isActive: 'true' as unknown as boolean }), 'isActive')
    await expectRejectsInvalid(() => users.count([] as never), 'filter')
  })

  it('resolves listPaged defaults and rejects bad paging', async () => {
    const { rec, users } = setup()
    await users.listPaged()
    await users.listPaged(null)
    await users.listPaged({ skip: null, limit: 3, sortByCreatedAtDesc: false })
    expect(rec.calls.map((c) => c.args)).toEqual([
      [{ skip: 0, limit: 50, sortByCreatedAtDesc: true }],
      [{ skip: 0, limit: 50, sortByCreatedAtDesc: true }],
      [{ skip: 0, limit: 3, sortByCreatedAtDesc: false }],
    ])
    await expectRejectsInvalid(() => users.listPaged({ skip: -1 }), 'skip')
    await expectRejectsInvalid(() => users.listPaged({ skip: 1.5 }), 'skip')
    await expectRejectsInvalid(() => users.listPaged({ limit: 0 }), 'limit')
    await expectRejectsInvalid(() => users.listPaged({ limit: Number.NaN }), 'limit')
    await expectRejectsInvalid(
      () => users.listPaged({ sortByCreatedAtDesc: 1 as unknown as boolean }),
      'sortByCreatedAtDesc',
    )
    expect(rec.calls).toHaveLength(3)
  })

  it('copies listPaged results so callers cannot alias adapter state', async () => {
    const { rec, users } = setup()
    const rows = [storedUser()]
    rec.answer('users.listPaged', () => rows)
    const out = await users.listPaged()
    expect(out).toEqual(rows)
    expect(out).not.toBe(rows)
    expect(out[0]).not.toBe(rows[0])
    expect(out[0]?.updatedAt).not.toBe(rows[0]?.updatedAt)
  })
})
