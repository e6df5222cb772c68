/**
 * Typed storage errors (CONTRACT §0.1, §8.3). Callers and the conformance suite branch on `code`,
 * never on the message or on `instanceof` (duplicate installs of this package break `instanceof`).
 */

/** Every stable error code an adapter may throw. */
export type RegstackErrorCode =
  | 'USER_ALREADY_EXISTS'
  | 'PENDING_ALREADY_EXISTS'
  | 'OAUTH_IDENTITY_ALREADY_LINKED'
  | 'OAUTH_STATE_ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'UNAVAILABLE'
  | 'STORAGE_FAILURE'

const ERROR_CODES: ReadonlySet<string> = new Set<RegstackErrorCode>([
  'USER_ALREADY_EXISTS',
  'PENDING_ALREADY_EXISTS',
  'OAUTH_IDENTITY_ALREADY_LINKED',
  'OAUTH_STATE_ALREADY_EXISTS',
  'INVALID_INPUT',
  'UNAVAILABLE',
  'STORAGE_FAILURE',
])

/** Base of every typed storage error. Abstract: throw one of the subclasses. */
export abstract class RegstackStorageError extends Error {
  /** Stable machine-readable code; messages may change between versions, codes do not. */
  abstract readonly code: RegstackErrorCode
}

/** `users.create` or `users.updateEmail` met an email another user already has. Nothing was written. */
export class UserAlreadyExistsError extends RegstackStorageError {
  readonly code = 'USER_ALREADY_EXISTS' as const
  /** The email of the argument. */
  readonly email: string
  constructor(email: string, options?: ErrorOptions) {
    super(`a user with email ${JSON.stringify(email)} already exists`, options)
    this.name = 'UserAlreadyExistsError'
    this.email = email
  }
}

/** `pending.upsert` met a `tokenHash` held by a row with another email. Nothing was written. */
export class PendingAlreadyExistsError extends RegstackStorageError {
  readonly code = 'PENDING_ALREADY_EXISTS' as const
  /** The email of the argument. */
  readonly email: string
  constructor(email: string, options?: ErrorOptions) {
    super(
      `a pending registration conflicts with ${JSON.stringify(email)} (token hash already in use)`,
      options,
    )
    this.name = 'PendingAlreadyExistsError'
    this.email = email
  }
}

/** `oauthIdentities.create` hit (provider, subjectId) or (userId, provider) uniqueness. Nothing was written. */
export class OAuthIdentityAlreadyLinkedError extends RegstackStorageError {
  readonly code = 'OAUTH_IDENTITY_ALREADY_LINKED' as const
  readonly provider: string
  readonly subjectId: string
  constructor(provider: string, subjectId: string, options?: ErrorOptions) {
    super(`OAuth identity ${provider}/${subjectId} is already linked`, options)
    this.name = 'OAuthIdentityAlreadyLinkedError'
    this.provider = provider
    this.subjectId = subjectId
  }
}

/** `oauthStates.create` with an id that is already stored. Nothing was written. */
export class OAuthStateAlreadyExistsError extends RegstackStorageError {
  readonly code = 'OAUTH_STATE_ALREADY_EXISTS' as const
  readonly stateId: string
  constructor(stateId: string, options?: ErrorOptions) {
    super(`OAuth state ${JSON.stringify(stateId)} already exists`, options)
    this.name = 'OAuthStateAlreadyExistsError'
    this.stateId = stateId
  }
}

/**
 * An argument broke CONTRACT §0.6 (wrong type, operator object, invalid or out-of-range `Date`,
 * lone surrogate, U+0000, over-limit string, unknown enum value, …). Thrown before anything is read
 * or written.
 */
export class InvalidInputError extends RegstackStorageError {
  readonly code = 'INVALID_INPUT' as const
  /** The camelCase parameter or model field at fault, e.g. `email`, `fullName`, `windowMs`. */
  readonly field: string
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(`invalid ${field}: ${message}`, options)
    this.name = 'InvalidInputError'
    this.field = field
  }
}

/**
 * The storage engine could not be reached or the connection dropped mid-operation. The driver's
 * error is the `cause`. The operation either happened entirely or not at all.
 */
export class StorageUnavailableError extends RegstackStorageError {
  readonly code = 'UNAVAILABLE' as const
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StorageUnavailableError'
  }
}

/**
 * The engine or its driver failed in a way the adapter does not map to one of the errors above (an
 * engine condition the contract does not name, or a bug in the adapter). The driver's error is the
 * `cause`. Adapters wrap every such error in this one at their driver boundary, so a caller can
 * always branch on `code`; programmer errors (`TypeError`, `RangeError`) stay as they are.
 */
export class StorageFailureError extends RegstackStorageError {
  readonly code = 'STORAGE_FAILURE' as const
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'StorageFailureError'
  }
}

/**
 * True when `value` is a regstack storage error, judged by shape (`code` among the known codes),
 * so it works across duplicate installs of this package where `instanceof` does not.
 */
export function isRegstackStorageError(value: unknown): value is RegstackStorageError {
  if (!(value instanceof Error)) return false
  const code = (value as { code?: unknown }).code
  return typeof code === 'string' && ERROR_CODES.has(code)
}
