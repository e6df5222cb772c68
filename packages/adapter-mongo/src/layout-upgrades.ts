/**
 * What regstack's `install_indexes` does beyond creating indexes (CONTRACT §0.19, revision `2026-07`):
 * the `oauth_states` validator and the removal of a legacy unique index on `users.email`.
 */
import type { Db, Document } from 'mongodb'

const NAMESPACE_NOT_FOUND = 26
const NAMESPACE_EXISTS = 48
const COMMAND_NOT_FOUND = 59

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
 * Installs {@link OAUTH_STATES_VALIDATOR} on `collection`: creates the collection with it when it does
 * not exist yet, and otherwise sets it with `collMod` (which needs an existing collection). Creating
 * first keeps a fresh database to one command (and servers without `collMod` working there).
 * Idempotent; a concurrent creator only turns our create into a `collMod`.
 */
export async function installOAuthStatesValidator(db: Db, collection: string): Promise<void> {
  const options = {
    validator: OAUTH_STATES_VALIDATOR,
    validationLevel: 'moderate',
    validationAction: 'error',
  }
  try {
    await db.command({ create: collection, ...options })
    return
  } catch (error) {
    if (codeOf(error) === COMMAND_NOT_FOUND) throw noValidators(error)
    if (codeOf(error) !== NAMESPACE_EXISTS) throw error
  }
  try {
    await db.command({ collMod: collection, ...options })
  } catch (error) {
    throw codeOf(error) === COMMAND_NOT_FOUND ? noValidators(error) : error
  }
}

function noValidators(cause: unknown): Error {
  return new Error(
    "ensureIndexes: this server supports neither create nor collMod with a validator, so regstack's " +
      'oauth_states validator cannot be installed; pass `oauthStatesValidator: false` to go without it',
    { cause },
  )
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
