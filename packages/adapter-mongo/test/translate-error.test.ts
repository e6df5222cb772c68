import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { driverCall, isDuplicateKeyOn, translateError } from '../src/translate-error.js'

/** A duplicate-key error as a server reports it; `keyPattern` only when given (some servers omit it). */
function duplicate(index: string, keyPattern?: Record<string, number>): MongoServerError {
  return new MongoServerError({
    code: 11000,
    codeName: 'DuplicateKey',
    errmsg: `E11000 duplicate key error collection: app.c index: ${index} dup key: { x: "y" }`,
    ...(keyPattern === undefined ? {} : { keyPattern }),
  })
}

function codeOf(value: unknown): unknown {
  return (value as { code?: unknown }).code
}

describe('translateError: duplicate keys by index name', () => {
  it('maps email_unique on users.create and users.updateEmail to USER_ALREADY_EXISTS with the email', () => {
    const cause = duplicate('email_unique')
    const created = translateError(cause, { store: 'users', email: 'a@x.io' })
    expect(codeOf(created)).toBe('USER_ALREADY_EXISTS')
    expect(created).toMatchObject({ email: 'a@x.io', cause })
    const updated = translateError(cause, { store: 'users', email: 'b@x.io' })
    expect(updated).toMatchObject({ code: 'USER_ALREADY_EXISTS', email: 'b@x.io', cause })
  })

  it('uses keyPattern when the message names no index', () => {
    const cause = new MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error',
      keyPattern: { email: 1 },
    })
    expect(translateError(cause, { store: 'users', email: 'a' })).toMatchObject({
      code: 'USER_ALREADY_EXISTS',
    })
  })

  it('maps pending_token_unique on pending.upsert to PENDING_ALREADY_EXISTS with the argument email', () => {
    const cause = duplicate('pending_token_unique', { token_hash: 1 })
    const error = translateError(cause, { store: 'pending', email: 'p@x.io' })
    expect(error).toMatchObject({ code: 'PENDING_ALREADY_EXISTS', email: 'p@x.io', cause })
  })

  it('leaves a pending_email_unique duplicate untyped (a racing upsert the repository retries)', () => {
    const cause = duplicate('pending_email_unique', { email: 1 })
    expect(translateError(cause, { store: 'pending', email: 'p' })).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause,
    })
    expect(isDuplicateKeyOn(cause, ['pending_email_unique'])).toBe(true)
    expect(isDuplicateKeyOn(cause, ['pending_token_unique'])).toBe(false)
  })

  it.each([
    ['provider_subject_unique', { provider: 1, subject_id: 1 }],
    ['user_provider_unique', { user_id: 1, provider: 1 }],
  ])('maps %s on oauthIdentities.create to OAUTH_IDENTITY_ALREADY_LINKED', (index, pattern) => {
    for (const cause of [duplicate(index), duplicate(index, pattern)]) {
      const error = translateError(cause, { store: 'oauthIdentities', provider: 'gh', subjectId: 's1' })
      expect(error).toMatchObject({
        code: 'OAUTH_IDENTITY_ALREADY_LINKED',
        provider: 'gh',
        subjectId: 's1',
        cause,
      })
    }
  })

  it('maps an _id duplicate on oauthStates.create to OAUTH_STATE_ALREADY_EXISTS', () => {
    for (const cause of [duplicate('_id_'), duplicate('_id_', { _id: 1 })]) {
      const error = translateError(cause, { store: 'oauthStates', stateId: 'st' })
      expect(error).toMatchObject({ code: 'OAUTH_STATE_ALREADY_EXISTS', stateId: 'st', cause })
    }
  })

  it('wraps duplicates on indexes the write does not expect as STORAGE_FAILURE', () => {
    const onId = duplicate('_id_')
    expect(translateError(onId, { store: 'users', email: 'a' })).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause: onId,
    })
    const onJti = duplicate('jti_unique', { jti: 1 })
    expect(translateError(onJti)).toMatchObject({ code: 'STORAGE_FAILURE', cause: onJti })
    const pendingEmail = duplicate('pending_email_unique', { email: 1 })
    // Same key pattern as email_unique, but the message names another index: not a user duplicate.
    expect(
      translateError(duplicate('pending_email_unique'), { store: 'users', email: 'a' }),
    ).not.toMatchObject({
      code: 'USER_ALREADY_EXISTS',
    })
    expect(translateError(pendingEmail, { store: 'oauthStates', stateId: 's' })).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause: pendingEmail,
    })
  })

  it('wraps a duplicate it cannot attribute (no index name, no keyPattern) as STORAGE_FAILURE', () => {
    const bare = new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key error' })
    expect(translateError(bare, { store: 'users', email: 'a' })).toMatchObject({
      code: 'STORAGE_FAILURE',
      cause: bare,
    })
  })
})

describe('translateError: everything else', () => {
  it('maps network and server-selection failures to UNAVAILABLE with the driver error as cause', () => {
    const selection = Object.assign(new Error('no server'), { name: 'MongoServerSelectionError' })
    for (const cause of [new MongoNetworkError('reset'), new MongoNetworkTimeoutError('slow'), selection]) {
      const error = translateError(cause)
      expect(error).toMatchObject({ code: 'UNAVAILABLE', name: 'StorageUnavailableError', cause })
    }
  })

  it.each(['ECONNRESET', 'EPIPE', 'ERR_STREAM_DESTROYED'])(
    'maps a bare socket error (%s) the driver let through to UNAVAILABLE',
    (code) => {
      const cause = Object.assign(new Error(`socket: ${code}`), { code })
      expect(translateError(cause, { store: 'users', email: 'a' })).toMatchObject({
        code: 'UNAVAILABLE',
        cause,
      })
    },
  )

  it('wraps an error whose code is no socket failure as STORAGE_FAILURE', () => {
    const cause = Object.assign(new Error('no such file'), { code: 'ENOENT' })
    expect(translateError(cause)).toMatchObject({ code: 'STORAGE_FAILURE', cause })
  })

  it('wraps other server errors, plain errors and non-errors, and leaves programmer errors alone', () => {
    const server = new MongoServerError({ code: 2, errmsg: 'BadValue' })
    for (const value of [server, new Error('plain'), 'text', null]) {
      expect(translateError(value, { store: 'users', email: 'a' })).toMatchObject({
        code: 'STORAGE_FAILURE',
        name: 'StorageFailureError',
        cause: value,
      })
    }
    const bug = new TypeError('bug')
    expect(translateError(bug, { store: 'users', email: 'a' })).toBe(bug)
  })

  it('driverCall rethrows the translated error and passes results through', async () => {
    await expect(driverCall(async () => 7)).resolves.toBe(7)
    const cause = duplicate('email_unique')
    await expect(
      driverCall(
        async () => {
          throw cause
        },
        { store: 'users', email: 'a' },
      ),
    ).rejects.toMatchObject({ code: 'USER_ALREADY_EXISTS', cause })
  })
})
