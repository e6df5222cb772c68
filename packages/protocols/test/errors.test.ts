import { describe, expect, it } from 'vitest'
import {
  InvalidInputError,
  isRegstackStorageError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  RegstackStorageError,
  StorageUnavailableError,
  UserAlreadyExistsError,
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
