/** The Mongo adapter's factory. */
import { type Clock, guardRepos, type RawRepos, type Repos } from '@regstack/protocols'
import type { Db } from 'mongodb'
import { type CollectionNames, resolveCollectionNames } from './collection-names.js'
import { mongoAttempts } from './mongo-attempts.js'
import { mongoBlacklist } from './mongo-blacklist.js'
import { mongoMfaCodes } from './mongo-mfa-codes.js'
import { mongoOAuthIdentities } from './mongo-oauth-identities.js'
import { mongoOAuthStates } from './mongo-oauth-states.js'
import { mongoPending } from './mongo-pending.js'
import { mongoUsers } from './mongo-users.js'

/** Options of {@link createMongoRepos}. */
export interface MongoReposOptions {
  /** Source of every defaulted "now" (`updatedAt`, cutoffs, MFA expiry, omitted `now`/`when`). */
  readonly clock: Clock
  /** Collection names, e.g. to match regstack's `*_collection` settings. @default regstack's names */
  readonly collections?: Partial<CollectionNames> | null
}

/** The ids this adapter generates: ObjectIds as lower-case hex. Anything else is never stored. */
const OBJECT_ID_HEX = /^[0-9a-f]{24}$/

/** The raw repositories {@link createMongoRepos} hands to `guardRepos` (not exported from the package). */
function createRawMongoRepos(db: Db, options: MongoReposOptions): RawRepos {
  const { clock } = options
  const names = resolveCollectionNames(options.collections)
  return {
    users: mongoUsers(db, names.users, clock),
    pending: mongoPending(db, names.pending),
    blacklist: mongoBlacklist(db, names.blacklist),
    attempts: mongoAttempts(db, names.attempts),
    mfaCodes: mongoMfaCodes(db, names.mfaCodes, clock),
    oauthIdentities: mongoOAuthIdentities(db, names.oauthIdentities),
    oauthStates: mongoOAuthStates(db, names.oauthStates),
  }
}

/**
 * regstack's storage contract over the official MongoDB driver, in regstack's own layout (collection
 * names, snake_case fields, BSON dates, index names), so it opens a database regstack wrote. The
 * caller owns `db`'s client (connect and close it yourself) and must run {@link ensureIndexes} first:
 * uniqueness comes from the indexes. Opens no connection by itself.
 *
 * Every input is validated by `guardRepos` first (CONTRACT §0.6); user ids that are not lower-case
 * 24-hex never reach the driver, so upper-case spellings of a stored id are not found (§0.4).
 */
export function createMongoRepos(db: Db, options: MongoReposOptions): Repos {
  return guardRepos(createRawMongoRepos(db, options), {
    clock: options.clock,
    isStorableId: (id) => OBJECT_ID_HEX.test(id),
    // Every raw method maps the driver's freshly decoded documents, or the guard's fresh argument.
    resultsAreFresh: true,
  })
}
