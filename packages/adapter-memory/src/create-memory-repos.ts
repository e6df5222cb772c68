/** The memory adapter's factories. */
import { type Clock, guardRepos, type Repos } from '@regstack/protocols'
import { counterIds, type IdSource } from './id-source.js'
import { memoryAttempts } from './memory-attempts.js'
import { memoryBlacklist } from './memory-blacklist.js'
import { memoryMfaCodes } from './memory-mfa-codes.js'
import { memoryOAuthIdentities } from './memory-oauth-identities.js'
import { memoryOAuthStates } from './memory-oauth-states.js'
import { memoryPending } from './memory-pending.js'
import { memoryUsers } from './memory-users.js'

/** Options of {@link createMemoryRepos}. */
export interface MemoryReposOptions {
  /** Source of every defaulted "now" (`updatedAt`, cutoffs, MFA expiry, omitted `now`/`when`). */
  readonly clock: Clock
  /**
   * Generates the ids of users, pending rows, MFA codes and OAuth identities. Must return a new
   * string of at most 36 characters on every call.
   * @default a per-store counter as 24 lower-case hex digits (ObjectId-shaped)
   */
  readonly generateId?: IdSource
}

/**
 * The repositories of one fresh, empty in-memory store, with no input validation: every argument
 * must already be valid and fully resolved (CONTRACT §0.6). This is the layer under
 * {@link createMemoryRepos}; use it only to build wrappers that do their own validation. Outputs are
 * still fresh copies, and every operation is atomic.
 */
export function createRawMemoryRepos(options: MemoryReposOptions): Repos {
  const { clock } = options
  const newId = options.generateId ?? counterIds()
  return {
    users: memoryUsers(clock, newId),
    pending: memoryPending(clock, newId),
    blacklist: memoryBlacklist(clock),
    attempts: memoryAttempts(clock),
    mfaCodes: memoryMfaCodes(clock, newId),
    oauthIdentities: memoryOAuthIdentities(newId),
    oauthStates: memoryOAuthStates(clock),
  }
}

/**
 * A fresh, empty, isolated in-memory store that honours the whole storage contract: inputs are
 * validated by `guardRepos` exactly as on every other engine, strings match exactly, dates come back
 * as new `Date`s, and each operation is atomic. Data lives as long as the returned object.
 */
export function createMemoryRepos(options: MemoryReposOptions): Repos {
  return guardRepos(createRawMemoryRepos(options), { clock: options.clock })
}
