import { FrozenClock, type NewUser } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../src/arbitraries/sha256.js'
import { Oracle } from '../src/oracle/oracle.js'
import { Rejection } from '../src/oracle/rejection.js'

const T0 = Date.UTC(2030, 0, 1)

function setup(): { clock: FrozenClock; oracle: Oracle; at: (ms: number) => Date } {
  const clock = new FrozenClock(new Date(T0))
  return { clock, oracle: new Oracle(() => clock.now()), at: (ms) => new Date(clock.now().getTime() + ms) }
}

function user(email: string, at: (ms: number) => Date, createdAt = 0): NewUser {
  return {
    email,
    hashedPassword: 'h',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: at(createdAt),
    updatedAt: at(0),
    lastLogin: null,
    tokensInvalidatedAfter: null,
  }
}

function rejectionOf(action: () => unknown): Rejection | undefined {
  try {
    action()
  } catch (error) {
    if (error instanceof Rejection) return error
    throw error
  }
  return undefined
}

describe('oracle: MFA verify (CONTRACT §3.5)', () => {
  const code = (at: (ms: number) => Date, attempts: number, maxAttempts: number, expiresIn = 60_000) => ({
    userId: 'u',
    kind: 'login_mfa' as const,
    codeHash: sha256Hex('123456'),
    expiresAt: at(expiresIn),
    attempts,
    maxAttempts,
    createdAt: at(0),
  })
  const guess = (rawCode: string) => ({ userId: 'u', kind: 'login_mfa' as const, rawCode })

  it('counts wrong guesses down to locked, then missing', () => {
    const { oracle, at } = setup()
    oracle.mfaCodes.put(code(at, 0, 3))
    expect(oracle.mfaCodes.verify(guess('000000'))).toEqual({ outcome: 'wrong', attemptsRemaining: 2 })
    expect(oracle.mfaCodes.find({ userId: 'u', kind: 'login_mfa' }, 'id-1')?.attempts).toBe(1)
    expect(oracle.mfaCodes.verify(guess('000000'))).toEqual({ outcome: 'wrong', attemptsRemaining: 1 })
    expect(oracle.mfaCodes.verify(guess('000000'))).toEqual({ outcome: 'locked', attemptsRemaining: 0 })
    expect(oracle.mfaCodes.verify(guess('123456'))).toEqual({ outcome: 'missing', attemptsRemaining: 0 })
  })

  it('locks on the first wrong guess when maxAttempts is 1, and before the code when exhausted', () => {
    const { oracle, at } = setup()
    oracle.mfaCodes.put(code(at, 0, 1))
    expect(oracle.mfaCodes.verify(guess('000000')).outcome).toBe('locked')
    oracle.mfaCodes.put(code(at, 0, 0))
    expect(oracle.mfaCodes.verify(guess('123456')).outcome).toBe('locked')
  })

  it('treats expiresAt == now as expired (right code included), while purge keeps that row', () => {
    const { clock, oracle, at } = setup()
    oracle.mfaCodes.put(code(at, 0, 3, 1_000))
    clock.advance(1_000)
    expect(oracle.mfaCodes.purgeExpired()).toBe(0)
    expect(oracle.mfaCodes.verify(guess('123456'))).toEqual({ outcome: 'expired', attemptsRemaining: 0 })
    expect(oracle.mfaCodes.find({ userId: 'u', kind: 'login_mfa' }, 'x')).toBeNull()
  })

  it('keeps the id of a row replaced by put, resetting attempts', () => {
    const { oracle, at } = setup()
    oracle.mfaCodes.put(code(at, 0, 3))
    oracle.mfaCodes.verify(guess('000000'))
    expect(oracle.mfaCodes.find({ userId: 'u', kind: 'login_mfa' }, 'id-1')?.id).toBe('id-1')
    oracle.mfaCodes.put(code(at, 0, 3))
    expect(oracle.mfaCodes.find({ userId: 'u', kind: 'login_mfa' }, 'other')).toMatchObject({
      id: 'id-1',
      attempts: 0,
    })
  })
})

describe('oracle: users (CONTRACT §3.1)', () => {
  it('updateEmail to a taken email changes nothing; own email bumps the cutoff; unknown id is a no-op', () => {
    const { clock, oracle, at } = setup()
    oracle.users.create(user('a@x.io', at), 'id-a')
    oracle.users.create(user('b@x.io', at), 'id-b')
    clock.advance(5_000)
    expect(rejectionOf(() => oracle.users.updateEmail('id-a', 'b@x.io'))).toEqual(
      new Rejection('USER_ALREADY_EXISTS', { email: 'b@x.io' }),
    )
    expect(oracle.users.getById('id-a')).toMatchObject({
      email: 'a@x.io',
      tokensInvalidatedAfter: null,
      updatedAt: new Date(T0),
    })
    oracle.users.updateEmail('id-a', 'a@x.io')
    expect(oracle.users.getById('id-a')).toMatchObject({ tokensInvalidatedAfter: at(0), updatedAt: at(0) })
    expect(rejectionOf(() => oracle.users.updateEmail('ghost', 'b@x.io'))).toBeUndefined()
  })

  it('treats near-miss emails as different users', () => {
    const { oracle, at } = setup()
    oracle.users.create(user('a@x.io', at), 'id-1')
    expect(oracle.users.getByEmail('A@x.io')).toBeNull()
    expect(rejectionOf(() => oracle.users.create(user('a@x.io ', at), 'id-2'))).toBeUndefined()
    expect(rejectionOf(() => oracle.users.create(user('a@x.io', at), 'id-3'))?.code).toBe(
      'USER_ALREADY_EXISTS',
    )
  })

  it('lists newest first by default, ties by id in the same direction', () => {
    const { oracle, at } = setup()
    oracle.users.create(user('a', at, -1_000), 'b')
    oracle.users.create(user('b', at, -1_000), 'a')
    oracle.users.create(user('c', at, 0), 'c')
    expect(oracle.users.listPaged().map((u) => u.id)).toEqual(['c', 'b', 'a'])
    expect(oracle.users.listPaged({ sortByCreatedAtDesc: false }).map((u) => u.id)).toEqual(['a', 'b', 'c'])
    expect(oracle.users.listPaged({ skip: 1, limit: 1 }).map((u) => u.id)).toEqual(['b'])
  })
})

describe('oracle: expiry boundaries (CONTRACT §0.12)', () => {
  it('pending: a row at exactly now is neither counted nor purged', () => {
    const { oracle, at } = setup()
    oracle.pending.upsert(
      {
        email: 'a',
        hashedPassword: 'h',
        fullName: null,
        tokenHash: 't1',
        createdAt: at(0),
        expiresAt: at(0),
      },
      'p1',
    )
    expect(oracle.pending.countUnexpired()).toBe(0)
    expect(oracle.pending.purgeExpired()).toBe(0)
    expect(oracle.pending.purgeExpired(at(1))).toBe(1)
  })

  it('pending: same email keeps the id; a token held by another email is rejected', () => {
    const { oracle, at } = setup()
    const row = {
      email: 'a',
      hashedPassword: 'h',
      fullName: null,
      tokenHash: 't1',
      createdAt: at(0),
      expiresAt: at(1),
    }
    oracle.pending.upsert(row, 'p1')
    expect(oracle.pending.upsert({ ...row, tokenHash: 't2' }, 'p2').id).toBe('p1')
    expect(oracle.pending.findByTokenHash('t1')).toBeNull()
    expect(rejectionOf(() => oracle.pending.upsert({ ...row, email: 'b' }, 'p3'))).toBeUndefined()
    expect(rejectionOf(() => oracle.pending.upsert({ ...row, email: 'c', tokenHash: 't2' }, 'p4'))).toEqual(
      new Rejection('PENDING_ALREADY_EXISTS', { email: 'c' }),
    )
  })

  it('attempts: the window is inclusive at its old end and has no upper bound', () => {
    const { oracle, at } = setup()
    oracle.attempts.recordFailure('a', { when: at(-60_000) })
    oracle.attempts.recordFailure('a', { when: at(60_000) })
    expect(oracle.attempts.countRecent('a', { windowMs: 60_000, now: at(0) })).toBe(2)
    expect(oracle.attempts.countRecent('a', { windowMs: 59_999, now: at(0) })).toBe(1)
    expect(oracle.attempts.purgeExpired(at(0), 60_000)).toBe(0)
    expect(oracle.attempts.purgeExpired(at(1), 60_000)).toBe(1)
  })

  it('blacklist: the first exp wins and purge is strict', () => {
    const { oracle, at } = setup()
    oracle.blacklist.revoke('j', at(0))
    oracle.blacklist.revoke('j', at(60_000))
    expect(oracle.blacklist.purgeExpired(at(0))).toBe(0)
    expect(oracle.blacklist.purgeExpired(at(1))).toBe(1)
    expect(oracle.blacklist.isRevoked('j')).toBe(false)
  })
})

describe('oracle: OAuth (CONTRACT §3.6, §3.7)', () => {
  it('rejects either identity conflict naming the argument, and lists ties by id', () => {
    const { oracle, at } = setup()
    const link = {
      userId: 'u1',
      provider: 'google',
      subjectId: 's1',
      email: null,
      linkedAt: at(0),
      lastUsedAt: null,
    }
    oracle.oauthIdentities.create(link, 'i2')
    expect(rejectionOf(() => oracle.oauthIdentities.create({ ...link, userId: 'u2' }, 'x'))?.fields).toEqual({
      provider: 'google',
      subjectId: 's1',
    })
    expect(
      rejectionOf(() => oracle.oauthIdentities.create({ ...link, subjectId: 's2' }, 'x'))?.fields,
    ).toEqual({
      provider: 'google',
      subjectId: 's2',
    })
    oracle.oauthIdentities.create({ ...link, provider: 'github' }, 'i1')
    expect(oracle.oauthIdentities.listForUser('u1').map((i) => i.id)).toEqual(['i1', 'i2'])
  })

  it('setResultToken on an unknown state adds nothing; consume hands the row out once', () => {
    const { oracle, at } = setup()
    const state = {
      id: 's',
      provider: 'google',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'signin' as const,
      linkingUserId: null,
      createdAt: at(0),
      expiresAt: at(1_000),
      resultToken: null,
    }
    oracle.oauthStates.setResultToken('s', 'tok')
    expect(oracle.oauthStates.find('s')).toBeNull()
    oracle.oauthStates.create(state)
    expect(rejectionOf(() => oracle.oauthStates.create(state))).toEqual(
      new Rejection('OAUTH_STATE_ALREADY_EXISTS', { stateId: 's' }),
    )
    oracle.oauthStates.setResultToken('s', 'tok', { newExpiresAt: at(5_000) })
    expect(oracle.oauthStates.consume('s')).toMatchObject({ resultToken: 'tok', expiresAt: at(5_000) })
    expect(oracle.oauthStates.consume('s')).toBeNull()
  })
})
