/**
 * What regstack's `install_indexes` does beyond creating indexes (CONTRACT §0.19, revision `2026-07`):
 * the `oauth_states` validator and the removal of a legacy unique index on `users.email`.
 */
import type { Db, Document } from 'mongodb'

const NAMESPACE_NOT_FOUND = 26

function codeOf(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined
}

/**
 * regstack's validator: `mode` must be `signin` or `link` when present. No `required` list, and level
 * `moderate`, so documents already stored are not judged retroactively, only writes that touch them.
 */
export const OAUTH_STATES_VALIDATOR: Readonly<Document> = {
  $jsonSchema: { bsonType: 'object', properties: { mode: { enum: ['signin', 'link'] } } },
}

/**
 * Installs {@link OAUTH_STATES_VALIDATOR} on `collection` with `collMod`, or creates the collection
 * with it when it does not exist yet (`collMod` needs an existing collection). Idempotent.
 */
export async function installOAuthStatesValidator(db: Db, collection: string): Promise<void> {
  const options = {
    validator: OAUTH_STATES_VALIDATOR,
    validationLevel: 'moderate',
    validationAction: 'error',
  }
  try {
    await db.command({ collMod: collection, ...options })
  } catch (error) {
    if (codeOf(error) !== NAMESPACE_NOT_FOUND) throw error
    await db.createCollection(collection, {
      validator: { ...OAUTH_STATES_VALIDATOR },
      validationLevel: 'moderate',
      validationAction: 'error',
    })
  }
}

/** True for a unique index on exactly `{ email: 1 }`. */
function isUniqueOnEmail(index: Document): boolean {
  const key = (index.key ?? {}) as Document
  const fields = Object.keys(key)
  return index.unique === true && fields.length === 1 && fields[0] === 'email' && Number(key.email) === 1
}

/**
 * Drops every unique index on exactly `{ email: 1 }` not named `email_unique` (an app's own, e.g.
 * `email_1`), which would otherwise make creating `email_unique` fail with an options conflict. A
 * missing collection has nothing to drop; a non-unique or compound index on email is left alone.
 */
export async function dropLegacyEmailIndex(db: Db, collection: string): Promise<void> {
  let indexes: Document[]
  try {
    indexes = await db.collection(collection).listIndexes().toArray()
  } catch (error) {
    if (codeOf(error) === NAMESPACE_NOT_FOUND) return
    throw error
  }
  for (const index of indexes) {
    if (index.name === 'email_unique' || !isUniqueOnEmail(index)) continue
    await db.collection(collection).dropIndex(String(index.name))
  }
}
