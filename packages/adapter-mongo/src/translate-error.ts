/**
 * The one place where driver errors become the contract's typed errors (CONTRACT §0.1, §0.11).
 * Unique indexes are named (CONTRACT §4.1), so a duplicate is identified by the index name the
 * server reports. `keyPattern` is preferred when the server sends it; the error message (`… index:
 * <name> dup key: …`) is the fallback, because some servers (and older ones) omit `keyPattern`.
 */
import {
  type DuplicateSubject,
  duplicateError,
  STORAGE_LAYOUT,
  STORE_KEYS,
  StorageUnavailableError,
  wrapStorageFailure,
} from '@regstack/protocols'
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb'

/**
 * Unique keys by index name, as field lists, for servers that send `keyPattern` but no name: the
 * layout's unique indexes, and `_id_`, the one every collection has.
 */
const INDEX_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ['_id_', ['_id']],
  ...STORE_KEYS.flatMap((key) =>
    STORAGE_LAYOUT[key].uniqueIndexes.map((index) => [index.name, index.columns]),
  ),
])

/**
 * Duplicate-key indexes that become each subject's typed error in {@link translateError}. A pending
 * upsert matches on email, so only another email's token hash is its duplicate.
 */
const TYPED_INDEXES: Readonly<Record<DuplicateSubject['store'], readonly string[]>> = {
  users: ['email_unique'],
  pending: ['pending_token_unique'],
  oauthIdentities: ['provider_subject_unique', 'user_provider_unique'],
  oauthStates: ['_id_'],
}

const DUPLICATE_KEY_CODES: ReadonlySet<unknown> = new Set([11000, 11001])
const NETWORK_ERROR_NAMES: ReadonlySet<string> = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
])

/**
 * Node socket error codes that mean the connection is gone. The driver usually wraps them in a
 * `MongoNetworkError`, but a reset that arrives while it waits for a socket to drain reaches the
 * caller as the socket's own error (mongodb 7.9), so they are recognised unwrapped too.
 */
const SOCKET_ERROR_CODES: ReadonlySet<unknown> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_DESTROYED',
  'ERR_SOCKET_CLOSED',
])

function isDuplicateKeyError(error: unknown): error is Error & { readonly code: number } {
  return error instanceof Error && DUPLICATE_KEY_CODES.has((error as { code?: unknown }).code)
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, i) => field === b[i])
}

/**
 * True when `error` is a duplicate-key error on one of `indexNames`. Candidates sharing a key pattern
 * (`email_unique` and `pending_email_unique`) are told apart by the caller passing only the indexes
 * of the collection it wrote.
 */
export function isDuplicateKeyOn(error: unknown, indexNames: readonly string[]): boolean {
  if (!isDuplicateKeyError(error)) return false
  const pattern: unknown = (error as { keyPattern?: unknown }).keyPattern
  if (pattern !== null && typeof pattern === 'object') {
    const fields = Object.keys(pattern)
    return indexNames.some((name) => {
      const expected = INDEX_FIELDS[name]
      return expected !== undefined && sameFields(expected, fields)
    })
  }
  const reported = /index: (\S+) dup key/.exec(error.message)?.[1]
  return reported !== undefined && indexNames.includes(reported)
}

/**
 * True for errors that mean the server could not be reached or the connection dropped: a driver
 * network error, or a bare socket error the driver passed through.
 */
export function isUnavailableError(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true
  if (!(error instanceof Error)) return false
  // By name as well: a second copy of the driver in node_modules defeats `instanceof`.
  return NETWORK_ERROR_NAMES.has(error.name) || SOCKET_ERROR_CODES.has((error as { code?: unknown }).code)
}

/**
 * Turns a driver error into what the adapter throws: a duplicate on one of the indexes of the write's
 * `subject` → the contract's typed error; an unreachable server → `StorageUnavailableError`;
 * anything else → `StorageFailureError` (programmer errors stay as they are). The driver error is
 * always the `cause`; nothing is swallowed.
 */
export function translateError(error: unknown, subject?: DuplicateSubject): Error {
  if (isUnavailableError(error)) {
    const message = error instanceof Error ? error.message : String(error)
    return new StorageUnavailableError(`MongoDB is unavailable: ${message}`, { cause: error })
  }
  if (subject !== undefined && isDuplicateKeyOn(error, TYPED_INDEXES[subject.store])) {
    return duplicateError(subject, error)
  }
  return wrapStorageFailure(error, 'MongoDB')
}

/** Runs one driver call, throwing {@link translateError}'s answer when it fails. */
export async function driverCall<T>(call: () => Promise<T>, subject?: DuplicateSubject): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw translateError(error, subject)
  }
}
