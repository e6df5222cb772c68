/**
 * The vocabulary every adapter's `translate-error.ts` shares: what a failed write was storing decides
 * which typed error a duplicate on one of its unique indexes becomes, and whatever is not mapped is
 * wrapped, never passed through raw.
 */
import {
  isRegstackStorageError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  type RegstackStorageError,
  StorageFailureError,
  UserAlreadyExistsError,
} from './errors.js'

/** What a write that may hit a unique index was storing, with the values its typed error reports. */
export type DuplicateSubject =
  | { readonly store: 'users'; readonly email: string }
  | { readonly store: 'pending'; readonly email: string }
  | { readonly store: 'oauthIdentities'; readonly provider: string; readonly subjectId: string }
  | { readonly store: 'oauthStates'; readonly stateId: string }

/** The typed error of a duplicate while writing `subject`, with the driver's error as `cause`. */
export function duplicateError(subject: DuplicateSubject, cause: unknown): RegstackStorageError {
  const options = { cause }
  switch (subject.store) {
    case 'users':
      return new UserAlreadyExistsError(subject.email, options)
    case 'pending':
      return new PendingAlreadyExistsError(subject.email, options)
    case 'oauthIdentities':
      return new OAuthIdentityAlreadyLinkedError(subject.provider, subject.subjectId, options)
    case 'oauthStates':
      return new OAuthStateAlreadyExistsError(subject.stateId, options)
  }
}

/**
 * What a driver boundary throws for an error it did not map to a typed error: the kit's errors and
 * programmer errors (`TypeError`, `RangeError`) as they are, anything else wrapped in
 * `StorageFailureError` with the original as `cause`, so a caller can always branch on `code`.
 * `engine` names the source in the message, e.g. `'PostgreSQL'`.
 */
export function wrapStorageFailure(error: unknown, engine: string): Error {
  if (isRegstackStorageError(error) || error instanceof TypeError || error instanceof RangeError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new StorageFailureError(`${engine} failed: ${message}`, { cause: error })
}
