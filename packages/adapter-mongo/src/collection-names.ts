/** Where each repository keeps its documents. */

import { STORAGE_LAYOUT, STORE_KEYS, type StoreKey } from '@regstack/protocols'

/** Collection name per repository, keyed like `Repos`. */
export type CollectionNames = { readonly [K in StoreKey]: string }

/**
 * regstack's default collection names (CONTRACT §2.9), from the shared layout, so a database regstack
 * wrote opens as is.
 */
export const DEFAULT_COLLECTION_NAMES: CollectionNames = Object.fromEntries(
  STORE_KEYS.map((key) => [key, STORAGE_LAYOUT[key].name]),
) as CollectionNames

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
  return Object.fromEntries(STORE_KEYS.map((key) => [key, pick(key)])) as CollectionNames
}
