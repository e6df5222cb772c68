/** Explicit schema set-up: regstack's indexes, created idempotently (CONTRACT §1.10, §4.1, §8.5-14). */
import type { Db, Document, IndexDescription } from 'mongodb'
import { type CollectionNames, resolveCollectionNames } from './collection-names.js'
import { type IndexSpec, indexSpecs, WINDOW_TTL_INDEX } from './index-specs.js'
import { dropLegacyEmailIndex, installOAuthStatesValidator } from './layout-upgrades.js'
import { translateError } from './translate-error.js'

/** Options of {@link ensureIndexes}. */
export interface EnsureIndexesOptions {
  /**
   * regstack's `login_lockout_window_seconds`, in milliseconds: login attempts are reaped by the
   * server this long after `when`. Rounded up to whole seconds, so a row is never reaped while still
   * inside the window. Must be a safe integer ≥ 0.
   */
  readonly loginLockoutWindowMs: number
  /**
   * Install regstack's validator on `oauth_states` (`mode` in `signin`/`link`; CONTRACT §0.19). Turn
   * it off only for a MongoDB-compatible server without collection validators (no `create`/`collMod`
   * with `validator`), where ensureIndexes otherwise fails saying so. @default true
   */
  readonly oauthStatesValidator?: boolean | null
  /** Collection names; must match the ones given to `createMongoRepos`. @default regstack's names */
  readonly collections?: Partial<CollectionNames> | null
}

/** Mongo stores `expireAfterSeconds` as a 32-bit integer. */
const MAX_EXPIRE_AFTER_SECONDS = 2_147_483_647
const NAMESPACE_NOT_FOUND = 26

function codeOf(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined
}

function windowSecondsOf(windowMs: unknown): number {
  if (typeof windowMs !== 'number' || !Number.isSafeInteger(windowMs) || windowMs < 0) {
    throw new TypeError('ensureIndexes: loginLockoutWindowMs must be a safe integer >= 0')
  }
  const seconds = Math.ceil(windowMs / 1000)
  if (seconds > MAX_EXPIRE_AFTER_SECONDS) {
    throw new RangeError(`ensureIndexes: a lockout window of ${seconds} s exceeds MongoDB's TTL limit`)
  }
  return seconds
}

async function listIndexes(db: Db, collection: string): Promise<Document[]> {
  try {
    return await db.collection(collection).listIndexes().toArray()
  } catch (error) {
    // A collection that does not exist yet has no indexes; createIndexes will create it.
    if (codeOf(error) === NAMESPACE_NOT_FOUND) return []
    throw error
  }
}

/**
 * Moves the login-attempt TTL to a new window. regstack itself fails here ("an index with the same
 * name but different options already exists"), which makes changing the window fatal; `collMod`
 * changes the option in place, keeping the index (and uniqueness elsewhere) intact. A server that
 * rejects it fails the call through `translateError` (the server's error as `cause`).
 */
async function changeWindow(db: Db, collection: string, spec: IndexSpec): Promise<void> {
  await db.command({
    collMod: collection,
    index: { name: spec.name, expireAfterSeconds: spec.expireAfterSeconds },
  })
}

function toDescription(spec: IndexSpec): IndexDescription {
  const description: IndexDescription = { key: { ...spec.key }, name: spec.name }
  if (spec.unique === true) description.unique = true
  if (spec.expireAfterSeconds !== undefined) description.expireAfterSeconds = spec.expireAfterSeconds
  return description
}

/**
 * Creates regstack's indexes (CONTRACT §4.1) with regstack's names and options, installs regstack's
 * `oauth_states` validator (`mode` in `signin`/`link`) and first drops a legacy unique index on
 * `users.email` that is not named `email_unique` (CONTRACT §0.19). Idempotent: safe on
 * every start. When the lockout window changed since the last run, the `when_ttl` index is moved to
 * the new window with `collMod` instead of failing as regstack does. Without
 * these indexes MongoDB enforces no uniqueness at all, so call this before using the repositories.
 *
 * @throws TypeError or RangeError for a bad `loginLockoutWindowMs`; `StorageUnavailableError` when
 *   the server cannot be reached; `StorageFailureError` wrapping the server's error for anything else
 *   (e.g. an index of the same name with other keys, or a server without `collMod`).
 */
export async function ensureIndexes(db: Db, options: EnsureIndexesOptions): Promise<void> {
  const windowSeconds = windowSecondsOf(options?.loginLockoutWindowMs)
  const names = resolveCollectionNames(options.collections)
  const specs = indexSpecs(windowSeconds)
  const byCollection = new Map<string, IndexSpec[]>()
  for (const spec of specs) {
    const collection = names[spec.collection]
    byCollection.set(collection, [...(byCollection.get(collection) ?? []), spec])
  }
  try {
    // Before the indexes: on a fresh database the validator then creates oauth_states itself, and
    // email_unique must not meet an app's legacy unique index on the same key.
    if (options.oauthStatesValidator !== false) await installOAuthStatesValidator(db, names.oauthStates)
    await dropLegacyEmailIndex(db, names.users)
    for (const [collection, collectionSpecs] of byCollection) {
      const ttl = collectionSpecs.find((s) => s.name === WINDOW_TTL_INDEX)
      if (ttl !== undefined) {
        const existing = (await listIndexes(db, collection)).find((i) => i.name === WINDOW_TTL_INDEX)
        if (existing !== undefined && existing.expireAfterSeconds !== ttl.expireAfterSeconds) {
          await changeWindow(db, collection, ttl)
        }
      }
      await db.collection(collection).createIndexes(collectionSpecs.map(toDescription))
    }
  } catch (error) {
    throw translateError(error)
  }
}
