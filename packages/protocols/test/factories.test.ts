import { describe, expect, it } from 'vitest'
import {
  FrozenClock,
  isAdmin,
  makeNewMfaCode,
  makeNewOAuthIdentity,
  makeNewOAuthState,
  makeNewPendingRegistration,
  makeNewUser,
} from '../src/index.js'
import { expectInvalid } from './support/expect-invalid.js'
import { storedUser, T0, T1 } from './support/fixtures.js'

const clock = (): FrozenClock => new FrozenClock(T0)

describe('factories apply the §2 defaults with the injected clock', () => {
  it('makeNewUser', () => {
    expect(makeNewUser({ email: 'a@x.io' }, clock())).toEqual({
      email: 'a@x.io',
      hashedPassword: null,
      isActive: true,
      isVerified: false,
      isSuperuser: false,
      fullName: null,
      phoneNumber: null,
      isMfaEnabled: false,
      createdAt: T0,
      updatedAt: T0,
      lastLogin: null,
      tokensInvalidatedAfter: null,
    })
    const given = makeNewUser({ email: 'a@x.io', isActive: false, isSuperuser: true, createdAt: T1 }, clock())
    expect(given).toMatchObject({ isActive: false, isSuperuser: true, createdAt: T1, updatedAt: T0 })
    expect(given.createdAt).not.toBe(T1)
    expectInvalid(() => makeNewUser({ email: 'x'.repeat(321) }, clock()), 'email')
  })

  it('makeNewPendingRegistration', () => {
    const init = { email: 'a@x.io', hashedPassword: 'h', tokenHash: 't', expiresAt: T1 }
    expect(makeNewPendingRegistration(init, clock())).toEqual({ ...init, fullName: null, createdAt: T0 })
    expectInvalid(
      () => makeNewPendingRegistration({ ...init, tokenHash: 't'.repeat(65) }, clock()),
      'tokenHash',
    )
  })

  it('makeNewMfaCode', () => {
    const init = { userId: 'u1', kind: 'login_mfa', codeHash: 'c', expiresAt: T1 } as const
    expect(makeNewMfaCode(init, clock())).toEqual({ ...init, attempts: 0, maxAttempts: 5, createdAt: T0 })
    expect(makeNewMfaCode({ ...init, maxAttempts: 0 }, clock()).maxAttempts).toBe(0)
    expectInvalid(() => makeNewMfaCode({ ...init, attempts: -1 }, clock()), 'attempts')
  })

  it('makeNewOAuthIdentity', () => {
    const init = { userId: 'u1', provider: 'github', subjectId: '42' }
    expect(makeNewOAuthIdentity(init, clock())).toEqual({
      ...init,
      email: null,
      linkedAt: T0,
      lastUsedAt: null,
    })
  })

  it('makeNewOAuthState: expiresAt defaults to now + 5 minutes', () => {
    const init = {
      id: 's1',
      provider: 'google',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'link',
    } as const
    const c = clock()
    c.advance(1234)
    const now = new Date(T0.getTime() + 1234)
    expect(makeNewOAuthState(init, c)).toEqual({
      ...init,
      linkingUserId: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 300_000),
      resultToken: null,
      resultWasNew: false,
    })
    expectInvalid(() => makeNewOAuthState({ ...init, id: '' }, c), 'id')
  })
})

describe('isAdmin', () => {
  it('follows isSuperuser', () => {
    expect(isAdmin({ ...storedUser(), isSuperuser: true })).toBe(true)
    expect(isAdmin({ ...storedUser(), isSuperuser: false })).toBe(false)
  })
})
