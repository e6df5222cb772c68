import { describe, expect, it } from 'vitest'
import { FrozenClock, guardRepos, type Repos } from '../src/index.js'
import { expectRejectsInvalid } from './support/expect-invalid.js'
import { newIdentity, newMfaCode, newPending, newState, newUser, T0, T1 } from './support/fixtures.js'
import { createRecordingRepos } from './support/recording-repos.js'

/** One string-typed slot of one method: `call(v)` invokes the method with `v` in that slot. */
interface Slot {
  readonly name: string
  readonly field: string
  readonly call: (r: Repos, v: never) => Promise<unknown>
}

const d = (): Date => new Date(T1)

const stringSlots: readonly Slot[] = [
  { name: 'users.create email', field: 'email', call: (r, v) => r.users.create({ ...newUser(), email: v }) },
  { name: 'users.getByEmail', field: 'email', call: (r, v) => r.users.getByEmail(v) },
  { name: 'users.getById', field: 'userId', call: (r, v) => r.users.getById(v) },
  { name: 'users.updatePassword', field: 'hashedPassword', call: (r, v) => r.users.updatePassword('u', v) },
  { name: 'users.updateEmail', field: 'newEmail', call: (r, v) => r.users.updateEmail('u', v) },
  { name: 'users.updateEmail id', field: 'userId', call: (r, v) => r.users.updateEmail(v, 'a@b.c') },
  {
    name: 'pending.upsert tokenHash',
    field: 'tokenHash',
    call: (r, v) => r.pending.upsert({ ...newPending(), tokenHash: v }),
  },
  { name: 'pending.findByTokenHash', field: 'tokenHash', call: (r, v) => r.pending.findByTokenHash(v) },
  { name: 'pending.findByEmail', field: 'email', call: (r, v) => r.pending.findByEmail(v) },
  { name: 'pending.deleteByEmail', field: 'email', call: (r, v) => r.pending.deleteByEmail(v) },
  { name: 'blacklist.revoke', field: 'jti', call: (r, v) => r.blacklist.revoke(v, d()) },
  { name: 'blacklist.isRevoked', field: 'jti', call: (r, v) => r.blacklist.isRevoked(v) },
  { name: 'attempts.recordFailure', field: 'email', call: (r, v) => r.attempts.recordFailure(v) },
  {
    name: 'attempts.countRecent',
    field: 'email',
    call: (r, v) => r.attempts.countRecent(v, { windowMs: 1, now: d() }),
  },
  { name: 'attempts.clear', field: 'email', call: (r, v) => r.attempts.clear(v) },
  {
    name: 'mfaCodes.put userId',
    field: 'userId',
    call: (r, v) => r.mfaCodes.put({ ...newMfaCode(), userId: v }),
  },
  {
    name: 'mfaCodes.find',
    field: 'userId',
    call: (r, v) => r.mfaCodes.find({ userId: v, kind: 'login_mfa' }),
  },
  { name: 'mfaCodes.delete', field: 'userId', call: (r, v) => r.mfaCodes.delete({ userId: v }) },
  {
    name: 'mfaCodes.verify',
    field: 'rawCode',
    call: (r, v) => r.mfaCodes.verify({ userId: 'u', kind: 'login_mfa', rawCode: v }),
  },
  {
    name: 'oauthIdentities.create provider',
    field: 'provider',
    call: (r, v) => r.oauthIdentities.create({ ...newIdentity(), provider: v }),
  },
  { name: 'oauthIdentities.listForUser', field: 'userId', call: (r, v) => r.oauthIdentities.listForUser(v) },
  {
    name: 'oauthIdentities.deleteByUserId',
    field: 'userId',
    call: (r, v) => r.oauthIdentities.deleteByUserId(v),
  },
  {
    name: 'oauthIdentities.touchLastUsed',
    field: 'subjectId',
    call: (r, v) => r.oauthIdentities.touchLastUsed({ provider: 'p', subjectId: v, when: d() }),
  },
  {
    name: 'oauthStates.create nonce',
    field: 'nonce',
    call: (r, v) => r.oauthStates.create({ ...newState(), nonce: v }),
  },
  { name: 'oauthStates.find', field: 'stateId', call: (r, v) => r.oauthStates.find(v) },
  { name: 'oauthStates.consume', field: 'stateId', call: (r, v) => r.oauthStates.consume(v) },
  {
    name: 'oauthStates.setResultToken',
    field: 'stateId',
    call: (r, v) => r.oauthStates.setResultToken(v, 't'),
  },
]

const dateSlots: readonly Slot[] = [
  { name: 'users.setLastLogin', field: 'when', call: (r, v) => r.users.setLastLogin('u', v) },
  {
    name: 'users.create createdAt',
    field: 'createdAt',
    call: (r, v) => r.users.create({ ...newUser(), createdAt: v }),
  },
  { name: 'pending.purgeExpired', field: 'now', call: (r, v) => r.pending.purgeExpired(v) },
  { name: 'blacklist.revoke', field: 'exp', call: (r, v) => r.blacklist.revoke('j', v) },
  { name: 'blacklist.purgeExpired', field: 'now', call: (r, v) => r.blacklist.purgeExpired(v) },
  {
    name: 'attempts.recordFailure',
    field: 'when',
    call: (r, v) => r.attempts.recordFailure('a', { when: v }),
  },
  { name: 'attempts.purgeExpired', field: 'now', call: (r, v) => r.attempts.purgeExpired(v, 1) },
  { name: 'mfaCodes.purgeExpired', field: 'now', call: (r, v) => r.mfaCodes.purgeExpired(v) },
  { name: 'oauthStates.purgeExpired', field: 'now', call: (r, v) => r.oauthStates.purgeExpired(v) },
  {
    name: 'oauthStates.setResultToken',
    field: 'newExpiresAt',
    call: (r, v) => r.oauthStates.setResultToken('s', 't', { newExpiresAt: v }),
  },
]

/** Present in every slot and never acceptable (null/undefined are excluded: optional slots accept them). */
const notStrings: readonly unknown[] = [
  { $ne: null },
  { $gt: '' },
  ['a'],
  0,
  Number.NaN,
  new String('a'),
  true,
  1n,
]
const notDates: readonly unknown[] = [
  new Date(Number.NaN),
  new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)),
  new Date(Date.UTC(10000, 0, 1)),
  0,
  '2025-01-01T00:00:00.000Z',
  { getTime: () => 0 },
  [new Date(T0)],
]

function setup() {
  const rec = createRecordingRepos()
  return { rec, repos: guardRepos(rec.repos, { clock: new FrozenClock(T0) }) }
}

describe('guardRepos rejects hostile values in every slot, without calling the adapter', () => {
  it.each(stringSlots)('$name rejects non-strings', async ({ call, field }) => {
    const { rec, repos } = setup()
    for (const v of notStrings) await expectRejectsInvalid(() => call(repos, v as never), field)
    expect(rec.calls).toEqual([])
  })

  it.each(dateSlots)('$name rejects invalid and out-of-range dates', async ({ call, field }) => {
    const { rec, repos } = setup()
    for (const v of notDates) await expectRejectsInvalid(() => call(repos, v as never), field)
    expect(rec.calls).toEqual([])
  })

  it.each(dateSlots)('$name accepts exactly MIN_DATE_MS and MAX_DATE_MS', async ({ call }) => {
    const { rec, repos } = setup()
    await call(repos, new Date(0) as never)
    await call(repos, new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) as never)
    expect(rec.calls).toHaveLength(2)
  })
})
