/** Where each repository keeps its documents. */

/** Collection name per repository, keyed like `Repos`. */
export interface CollectionNames {
  readonly users: string
  readonly pending: string
  readonly blacklist: string
  readonly attempts: string
  readonly mfaCodes: string
  readonly oauthIdentities: string
  readonly oauthStates: string
}

/** regstack's default collection names (CONTRACT §2.9), so a database regstack wrote opens as is. */
export const DEFAULT_COLLECTION_NAMES: CollectionNames = {
  users: 'users',
  pending: 'pending_registrations',
  blacklist: 'token_blacklist',
  attempts: 'login_attempts',
  mfaCodes: 'mfa_codes',
  oauthIdentities: 'oauth_identities',
  oauthStates: 'oauth_states',
}

/** The defaults with the caller's overrides applied; `undefined` overrides are ignored. */
export function resolveCollectionNames(overrides?: Partial<CollectionNames> | null): CollectionNames {
  const pick = (key: keyof CollectionNames): string => {
    const name = overrides?.[key]
    if (name === undefined || name === null) return DEFAULT_COLLECTION_NAMES[key]
    // A wiring mistake, not user input: fail loudly before any collection is touched.
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`collections.${key} must be a non-empty string`)
    }
    return name
  }
  return {
    users: pick('users'),
    pending: pick('pending'),
    blacklist: pick('blacklist'),
    attempts: pick('attempts'),
    mfaCodes: pick('mfaCodes'),
    oauthIdentities: pick('oauthIdentities'),
    oauthStates: pick('oauthStates'),
  }
}
