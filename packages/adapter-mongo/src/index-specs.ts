/** regstack's indexes (CONTRACT §4.1): names, keys and options, as data. */
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

/**
 * Every index regstack creates. TTL indexes on expiry dates use `expireAfterSeconds: 0` (the row dies
 * at its own date); login attempts live `windowSeconds` past `when`.
 */
export function indexSpecs(windowSeconds: number): readonly IndexSpec[] {
  return [
    { collection: 'users', name: 'email_unique', key: { email: 1 }, unique: true },
    { collection: 'blacklist', name: 'jti_unique', key: { jti: 1 }, unique: true },
    { collection: 'blacklist', name: 'exp_ttl', key: { exp: 1 }, expireAfterSeconds: 0 },
    { collection: 'pending', name: 'pending_email_unique', key: { email: 1 }, unique: true },
    { collection: 'pending', name: 'pending_token_unique', key: { token_hash: 1 }, unique: true },
    { collection: 'pending', name: 'pending_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
    { collection: 'attempts', name: 'email_when', key: { email: 1, when: 1 } },
    { collection: 'attempts', name: WINDOW_TTL_INDEX, key: { when: 1 }, expireAfterSeconds: windowSeconds },
    { collection: 'mfaCodes', name: 'user_kind_unique', key: { user_id: 1, kind: 1 }, unique: true },
    { collection: 'mfaCodes', name: 'mfa_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
    {
      collection: 'oauthIdentities',
      name: 'provider_subject_unique',
      key: { provider: 1, subject_id: 1 },
      unique: true,
    },
    {
      collection: 'oauthIdentities',
      name: 'user_provider_unique',
      key: { user_id: 1, provider: 1 },
      unique: true,
    },
    { collection: 'oauthStates', name: 'oauth_state_ttl', key: { expires_at: 1 }, expireAfterSeconds: 0 },
  ]
}
