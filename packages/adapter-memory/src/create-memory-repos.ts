/** The memory adapter's factories. */
import { type Clock, guardRepos, type RawRepos, type Repos } from '@regstack/protocols'
import { counterIds, type IdSource } from './id-source.js'
import { memoryAttempts } from './memory-attempts.js'
import { memoryBlacklist } from './memory-blacklist.js'
import { memoryMfaCodes } from './memory-mfa-codes.js'
import { memoryOAuthIdentities } from './memory-oauth-identities.js'
import { memoryOAuthStates } from './memory-oauth-states.js'
import { memoryPending } from './memory-pending.js'
import { memoryUsers } from './memory-users.js'
import { recordsInMap, recordsInSlots } from './records-by-id.js'

/** Options of {@link createMemoryRepos}. */
export interface MemoryReposOptions {
  /** Source of every defaulted "now" (`updatedAt`, cutoffs, MFA expiry, omitted `now`/`when`). */
  readonly clock: Clock
  /**
   * Generates the ids of users, pending rows, MFA codes and OAuth identities. Must return a new
   * string of at most 36 characters on every call.
   * @default counters as 24 lower-case hex digits (ObjectId-shaped): one for users, one shared by the
   * other kinds, so ids are unique per kind within a store
   */
  readonly generateId?: IdSource
}

/**
 * The raw repositories of one fresh, empty in-memory store: the layer under {@link createMemoryRepos}
 * that `guardRepos` wraps. Not part of the package's public entry point (see `internal.ts`): it
 * assumes validated, resolved, fresh arguments (it keeps the `New*` objects and `Date`s it is given)
 * and builds or copies every result for its call.
 */
export function createRawMemoryRepos(options: MemoryReposOptions): RawRepos {
  const { clock, generateId } = options
  const newId = generateId ?? counterIds()
  return {
    // Users count on their own: with the default ids, a user's id names its slot (records-by-id.ts).
    users: memoryUsers(clock, generateId === undefined ? recordsInSlots() : recordsInMap(generateId)),
    pending: memoryPending(newId),
    blacklist: memoryBlacklist(),
    attempts: memoryAttempts(),
    mfaCodes: memoryMfaCodes(clock, newId),
    oauthIdentities: memoryOAuthIdentities(newId),
    oauthStates: memoryOAuthStates(),
  }
}

/**
 * A fresh, empty, isolated in-memory store that honours the whole storage contract: inputs are
 * validated by `guardRepos` exactly as on every other engine, strings match exactly, dates come back
 * as new `Date`s, and each operation is atomic. Data lives as long as the returned object.
 */
export function createMemoryRepos(options: MemoryReposOptions): Repos {
  // Every raw method builds or copies what it returns for that call (records.ts), so the guard need
  // not copy again.
  return guardRepos(createRawMemoryRepos(options), { clock: options.clock, resultsAreFresh: true })
}
