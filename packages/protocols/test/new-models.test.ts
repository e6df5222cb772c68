import { describe, expect, it } from 'vitest'
import {
  FIELD_LIMITS,
  validateNewMfaCode,
  validateNewOAuthIdentity,
  validateNewOAuthState,
  validateNewPendingRegistration,
  validateNewUser,
} from '../src/index.js'
import { expectInvalid } from './support/expect-invalid.js'
import { newIdentity, newMfaCode, newPending, newState, newUser } from './support/fixtures.js'

interface Case {
  readonly name: string
  readonly validate: (value: unknown) => object
  readonly sample: () => Record<string, unknown>
  /** Fields that may be null (undefined or missing means null). */
  readonly nullable: readonly string[]
  /** Limited string fields and their limits. */
  readonly limits: Readonly<Record<string, number>>
  readonly dates: readonly string[]
  /** Fields that may be left out because they have a default. */
  readonly defaulted?: readonly string[]
}

const cases: readonly Case[] = [
  {
    name: 'validateNewUser',
    validate: validateNewUser,
    sample: () => ({ ...newUser() }),
    nullable: ['hashedPassword', 'fullName', 'phoneNumber', 'lastLogin', 'tokensInvalidatedAfter'],
    limits: { email: 320, hashedPassword: 4096, fullName: 200, phoneNumber: 20 },
    dates: ['createdAt', 'updatedAt', 'tokensInvalidatedAfter'],
  },
  {
    name: 'validateNewPendingRegistration',
    validate: validateNewPendingRegistration,
    sample: () => ({ ...newPending() }),
    nullable: ['fullName'],
    limits: { email: 320, hashedPassword: 4096, fullName: 200, tokenHash: 64 },
    dates: ['createdAt', 'expiresAt'],
  },
  {
    name: 'validateNewMfaCode',
    validate: validateNewMfaCode,
    sample: () => ({ ...newMfaCode() }),
    nullable: [],
    limits: { userId: 36, codeHash: 64 },
    dates: ['createdAt', 'expiresAt'],
  },
  {
    name: 'validateNewOAuthIdentity',
    validate: validateNewOAuthIdentity,
    sample: () => ({ ...newIdentity() }),
    nullable: ['email', 'lastUsedAt'],
    limits: { userId: 36, provider: 32, subjectId: 255, email: 320 },
    dates: ['linkedAt'],
  },
  {
    name: 'validateNewOAuthState',
    validate: validateNewOAuthState,
    sample: () => ({ ...newState(), linkingUserId: 'u1', resultToken: 'jwt', resultWasNew: true }),
    nullable: ['linkingUserId', 'resultToken'],
    limits: {
      id: 64,
      provider: 32,
      codeVerifier: 4096,
      nonce: 64,
      redirectTo: 4096,
      linkingUserId: 36,
      resultToken: 4096,
    },
    dates: ['createdAt', 'expiresAt'],
    defaulted: ['resultWasNew'],
  },
]

describe.each(cases)('$name', ({ validate, sample, nullable, limits, dates, defaulted = [] }) => {
  it('returns an equal, fresh, closed copy and drops unknown keys', () => {
    const input = { ...sample(), extra: 'dropped', $where: 'x' }
    const out = validate(input) as Record<string, unknown>
    const { extra: _e, $where: _w, ...expected } = input
    expect(out).toEqual(expected)
    expect(Object.keys(out).sort()).toEqual(Object.keys(expected).sort())
    for (const key of dates) {
      const original = (input as Record<string, unknown>)[key] as Date
      expect(out[key]).not.toBe(original)
      original.setTime(0)
      expect((out[key] as Date).getTime()).not.toBe(0)
    }
  })

  it('turns an undefined or missing nullable field into null', () => {
    for (const key of nullable) {
      const withUndefined = validate({ ...sample(), [key]: undefined }) as Record<string, unknown>
      expect(withUndefined[key]).toBeNull()
      const { [key]: _drop, ...missing } = sample()
      expect((validate(missing) as Record<string, unknown>)[key]).toBeNull()
    }
  })

  it('rejects every missing required field, naming it', () => {
    for (const key of Object.keys(sample())) {
      if (nullable.includes(key) || defaulted.includes(key)) continue
      const { [key]: _drop, ...missing } = sample()
      expectInvalid(() => validate(missing), key)
    }
  })

  it('accepts each limited field at exactly its limit and rejects one code unit past it', () => {
    for (const [key, limit] of Object.entries(limits)) {
      expect(
        (validate({ ...sample(), [key]: 'x'.repeat(limit) }) as Record<string, unknown>)[key],
      ).toHaveLength(limit)
      expectInvalid(() => validate({ ...sample(), [key]: 'x'.repeat(limit + 1) }), key)
    }
  })

  it('rejects operator objects, lone surrogates, U+0000 and null in non-nullable fields', () => {
    for (const key of Object.keys(limits)) {
      expectInvalid(() => validate({ ...sample(), [key]: { $ne: null } }), key)
      expectInvalid(() => validate({ ...sample(), [key]: 'a\uD800' }), key)
      expectInvalid(() => validate({ ...sample(), [key]: 'a\u0000' }), key)
    }
    for (const key of Object.keys(sample())) {
      if (!nullable.includes(key)) expectInvalid(() => validate({ ...sample(), [key]: null }), key)
    }
  })

  it('rejects non-objects as a whole', () => {
    for (const value of [null, undefined, 'x', [sample()], new Date()]) {
      expect(() => validate(value)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    }
  })

  it('never mutates its input', () => {
    const input = sample()
    const before = structuredClone(input)
    validate(input)
    expect(input).toEqual(before)
  })
})

describe('model-specific rules', () => {
  it('rejects an empty OAuth state id but accepts empty strings elsewhere', () => {
    expectInvalid(() => validateNewOAuthState({ ...newState(), id: '' }), 'id')
    expect(validateNewOAuthState({ ...newState(), nonce: '', redirectTo: '' }).nonce).toBe('')
    expect(validateNewUser({ ...newUser(), email: '' }).email).toBe('')
    expect(validateNewMfaCode({ ...newMfaCode(), userId: '' }).userId).toBe('')
  })

  it('checks attempts and maxAttempts as safe integers ≥ 0 (maxAttempts 0 allowed)', () => {
    expect(validateNewMfaCode({ ...newMfaCode(), maxAttempts: 0 }).maxAttempts).toBe(0)
    for (const bad of [-1, 1.5, Number.NaN, '1', 2 ** 53]) {
      expectInvalid(() => validateNewMfaCode({ ...newMfaCode(), attempts: bad }), 'attempts')
      expectInvalid(() => validateNewMfaCode({ ...newMfaCode(), maxAttempts: bad }), 'maxAttempts')
    }
  })

  it('rejects unknown enum values', () => {
    expectInvalid(() => validateNewMfaCode({ ...newMfaCode(), kind: 'sms' }), 'kind')
    expectInvalid(() => validateNewOAuthState({ ...newState(), mode: 'LINK' }), 'mode')
  })

  it('rejects out-of-range and invalid dates', () => {
    expectInvalid(() => validateNewUser({ ...newUser(), createdAt: new Date(-1) }), 'createdAt')
    expectInvalid(
      () => validateNewPendingRegistration({ ...newPending(), expiresAt: new Date(Number.NaN) }),
      'expiresAt',
    )
  })

  it('rejects class instances and objects with a custom prototype', () => {
    const proto = { fullName: 'from the prototype' }
    const input = Object.assign(Object.create(proto) as object, newPending(), { fullName: undefined })
    expectInvalid(() => validateNewPendingRegistration(input), 'pending')
  })

  it('reads own properties only, so a polluted Object.prototype cannot inject a value', () => {
    Object.defineProperty(Object.prototype, 'fullName', { value: 'injected', configurable: true })
    try {
      const { fullName: _drop, ...rest } = newPending()
      expect(validateNewPendingRegistration(rest).fullName).toBeNull()
    } finally {
      Reflect.deleteProperty(Object.prototype, 'fullName')
    }
  })

  it('validateNewOAuthState: resultWasNew left out or undefined is false; null or a non-boolean is rejected', () => {
    const { resultWasNew: _drop, ...without } = { ...newState(), resultWasNew: true }
    expect(validateNewOAuthState(without).resultWasNew).toBe(false)
    expect(validateNewOAuthState({ ...newState(), resultWasNew: undefined }).resultWasNew).toBe(false)
    expect(validateNewOAuthState({ ...newState(), resultWasNew: true }).resultWasNew).toBe(true)
    for (const bad of [null, 'true', 1, 0, {}]) {
      expectInvalid(() => validateNewOAuthState({ ...newState(), resultWasNew: bad }), 'resultWasNew')
    }
  })

  it('uses the FIELD_LIMITS table', () => {
    expect(FIELD_LIMITS).toMatchObject({
      email: 320,
      fullName: 200,
      phoneNumber: 20,
      provider: 32,
      userId: 36,
    })
    expect(FIELD_LIMITS).toMatchObject({ subjectId: 255, stateId: 64, jti: 64, tokenHash: 64, codeHash: 64 })
    expect(FIELD_LIMITS).toMatchObject({ nonce: 64, ip: 64, hashedPassword: 4096, codeVerifier: 4096 })
    expect(FIELD_LIMITS).toMatchObject({ redirectTo: 4096, resultToken: 4096 })
  })
})
