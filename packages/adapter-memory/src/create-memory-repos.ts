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
 * The raw repositories of one fresh, empty in-memory store: the layer under {@link createMemoryRepos}
 * that `guardRepos` wraps. Not part of the package's public entry point (see `internal.ts`): it
 * assumes validated, resolved, fresh arguments and hands out its stored rows uncopied.
 */
export function createRawMemoryRepos(options: MemoryReposOptions): RawRepos {
  const { clock } = options
  const newId = options.generateId ?? counterIds()
  return {
    users: memoryUsers(clock, newId),
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
  return guardRepos(createRawMemoryRepos(options), { clock: options.clock })
}
