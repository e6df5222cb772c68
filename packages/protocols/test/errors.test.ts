import { describe, expect, it } from 'vitest'
import {
  duplicateError,
  InvalidInputError,
  isRegstackStorageError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  RegstackStorageError,
  StorageFailureError,
  StorageUnavailableError,
  UserAlreadyExistsError,
  wrapStorageFailure,
} from '../src/index.js'

const cause = new Error('driver said no')

const cases = [
  {
    error: new UserAlreadyExistsError('a@x.io', { cause }),
    name: 'UserAlreadyExistsError',
    code: 'USER_ALREADY_EXISTS',
    fields: { email: 'a@x.io' },
  },
  {
    error: new PendingAlreadyExistsError('b@x.io', { cause }),
    name: 'PendingAlreadyExistsError',
    code: 'PENDING_ALREADY_EXISTS',
    fields: { email: 'b@x.io' },
  },
  {
    error: new OAuthIdentityAlreadyLinkedError('google', 'sub', { cause }),
    name: 'OAuthIdentityAlreadyLinkedError',
    code: 'OAUTH_IDENTITY_ALREADY_LINKED',
    fields: { provider: 'google', subjectId: 'sub' },
  },
  {
    error: new OAuthStateAlreadyExistsError('s1', { cause }),
    name: 'OAuthStateAlreadyExistsError',
    code: 'OAUTH_STATE_ALREADY_EXISTS',
    fields: { stateId: 's1' },
  },
  {
    error: new InvalidInputError('email', 'expected a string, got an object', { cause }),
    name: 'InvalidInputError',
    code: 'INVALID_INPUT',
    fields: { field: 'email', message: 'invalid email: expected a string, got an object' },
  },
  {
    error: new StorageUnavailableError('connection lost', { cause }),
    name: 'StorageUnavailableError',
    code: 'UNAVAILABLE',
    fields: { message: 'connection lost' },
  },
  {
    error: new StorageFailureError('the engine said no', { cause }),
    name: 'StorageFailureError',
    code: 'STORAGE_FAILURE',
    fields: { message: 'the engine said no' },
  },
] as const

describe('typed errors', () => {
  it.each(cases)('$name carries its name, code, fields and cause', ({ error, name, code, fields }) => {
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(RegstackStorageError)
    expect(error.name).toBe(name)
    expect(error.code).toBe(code)
    expect(error).toMatchObject(fields)
    expect(error.cause).toBe(cause)
    expect(error.message).not.toBe('')
    expect(isRegstackStorageError(error)).toBe(true)
  })

  it('recognises a look-alike from another copy of the package by its code', () => {
    class ForeignInvalidInput extends Error {
      readonly code = 'INVALID_INPUT'
      readonly field = 'email'
    }
    const foreign = new ForeignInvalidInput('from another copy')
    expect(foreign).not.toBeInstanceOf(RegstackStorageError)
    expect(isRegstackStorageError(foreign)).toBe(true)
    expect(isRegstackStorageError(Object.assign(new Error('x'), { code: 'USER_ALREADY_EXISTS' }))).toBe(true)
  })

  it('rejects plain errors, unknown codes and non-errors', () => {
    expect(isRegstackStorageError(new Error('plain'))).toBe(false)
    expect(isRegstackStorageError(new TypeError('t'))).toBe(false)
    expect(isRegstackStorageError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false)
    expect(isRegstackStorageError(Object.assign(new Error('x'), { code: 11000 }))).toBe(false)
    expect(isRegstackStorageError({ code: 'INVALID_INPUT', message: 'x', name: 'InvalidInputError' })).toBe(
      false,
    )
    expect(isRegstackStorageError(null)).toBe(false)
    expect(isRegstackStorageError('INVALID_INPUT')).toBe(false)
  })
})

describe('the driver-boundary vocabulary', () => {
  it('turns each duplicate subject into its typed error, keeping the cause', () => {
    const subjects = [
      [{ store: 'users', email: 'a@x.io' }, 'USER_ALREADY_EXISTS'],
      [{ store: 'pending', email: 'a@x.io' }, 'PENDING_ALREADY_EXISTS'],
      [{ store: 'oauthIdentities', provider: 'p', subjectId: 's' }, 'OAUTH_IDENTITY_ALREADY_LINKED'],
      [{ store: 'oauthStates', stateId: 's1' }, 'OAUTH_STATE_ALREADY_EXISTS'],
    ] as const
    for (const [subject, code] of subjects) {
      const error = duplicateError(subject, cause)
      expect(error.code).toBe(code)
      expect(error.cause).toBe(cause)
    }
  })

  it('wraps unmapped failures with their cause and leaves kit and programmer errors alone', () => {
    const driver = Object.assign(new Error('syntax error at or near "x"'), { code: '42601' })
    const wrapped = wrapStorageFailure(driver, 'PostgreSQL')
    expect(wrapped).toBeInstanceOf(StorageFailureError)
    expect(wrapped.cause).toBe(driver)
    expect(wrapped.message).toBe('PostgreSQL failed: syntax error at or near "x"')
    expect(wrapStorageFailure('a string', 'Redis')).toMatchObject({ code: 'STORAGE_FAILURE' })
    for (const kept of [new StorageUnavailableError('gone'), new TypeError('bug'), new RangeError('bug')]) {
      expect(wrapStorageFailure(kept, 'Redis')).toBe(kept)
    }
  })
})
