/** regstack's indexes (CONTRACT §4.1): names, keys and options, as data derived from the shared layout. */
import { STORAGE_LAYOUT, type StoredUniqueIndex, type StoreKey } from '@regstack/protocols'
import type { IndexDirection } from 'mongodb'
import type { CollectionNames } from './collection-names.js'

/** One index of one collection. */
export interface IndexSpec {
  readonly collection: keyof CollectionNames
  readonly name: string
  readonly key: Readonly<Record<string, IndexDirection>>
  readonly unique?: boolean
  readonly expireAfterSeconds?: number
}

/** Name of the login-attempt TTL index, whose `expireAfterSeconds` follows the lockout window. */
export const WINDOW_TTL_INDEX = 'when_ttl'

/** A unique index of the shared layout, keyed ascending on its fields in order. */
function uniqueSpec(collection: StoreKey, index: StoredUniqueIndex): IndexSpec {
  const key = Object.fromEntries(index.columns.map((column): [string, IndexDirection] => [column, 1]))
  return { collection, name: index.name, key, unique: true }
}

/** The layout's unique indexes of `collection`, in layout order. */
function uniques(collection: StoreKey): IndexSpec[] {
  return STORAGE_LAYOUT[collection].uniqueIndexes.map((index) => uniqueSpec(collection, index))
}

/**
 * Every index regstack creates: the layout's unique indexes, plus Mongo's own TTL and lookup
 * indexes. TTL indexes on expiry dates use `expireAfterSeconds: 0` (the row dies at its own date);
 * login attempts live `windowSeconds` past `when`.
 */
export function indexSpecs(windowSeconds: number): readonly IndexSpec[] {
  return [
    ...uniques('users'),
    ...uniques('blacklist'),
    { collection: 'blacklist', name: 'exp_ttl', key: { exp: 1 }, expireAfterSeconds: 0 },
    ...uniques('pending'),
    { collection: 'pending', name: 'pending_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
    { collection: 'attempts', name: 'email_when', key: { email: 1, when: 1 } },
    { collection: 'attempts', name: WINDOW_TTL_INDEX, key: { when: 1 }, expireAfterSeconds: windowSeconds },
    ...uniques('mfaCodes'),
    { collection: 'mfaCodes', name: 'mfa_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
    ...uniques('oauthIdentities'),
    { collection: 'oauthStates', name: 'oauth_state_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
  ]
}
