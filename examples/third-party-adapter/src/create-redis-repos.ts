/** The adapter's factory. */

import { type Clock, guardRepos, type RawRepos, type Repos } from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { keySpace } from './key-space.js'
import { redisAttempts } from './redis-attempts.js'
import { redisBlacklist } from './redis-blacklist.js'
import { redisMfaCodes } from './redis-mfa-codes.js'
import { redisOAuthIdentities } from './redis-oauth-identities.js'
import { redisOAuthStates } from './redis-oauth-states.js'
import { redisPending } from './redis-pending.js'
import { redisUsers } from './redis-users.js'

/** Options of {@link createRedisRepos}. */
export interface RedisReposOptions {
  /** Source of every defaulted "now" (`updatedAt`, cutoffs, MFA expiry, omitted `now`/`when`). */
  readonly clock: Clock
  /**
   * Every key this store reads or writes starts with this string, so several stores can share one
   * Redis database and {@link dropRedisNamespace} can remove one of them.
   * @default 'regstack:'
   */
  readonly keyPrefix?: string
}

/** Ids this adapter generates: 32 lower-case hex digits. Anything else cannot be a stored user. */
const STORED_ID = /^[0-9a-f]{32}$/

/**
 * The regstack repositories over a Redis client the caller created and owns (and closes). Every
 * operation that reads and writes, or writes more than one key, is one Lua script, so it is atomic.
 * Rows are never reaped by Redis itself (no TTLs): expired rows stay until `purgeExpired`.
 */
export function createRedisRepos(redis: Redis, options: RedisReposOptions): Repos {
  const { clock } = options
  const keys = keySpace(options.keyPrefix ?? 'regstack:')
  const raw: RawRepos = {
    users: redisUsers(redis, keys, clock),
    pending: redisPending(redis, keys),
    blacklist: redisBlacklist(redis, keys),
    attempts: redisAttempts(redis, keys),
    mfaCodes: redisMfaCodes(redis, keys, clock),
    oauthIdentities: redisOAuthIdentities(redis, keys),
    oauthStates: redisOAuthStates(redis, keys),
  }
  // The guard validates every argument (CONTRACT §0.6) before it reaches Redis and copies results.
  return guardRepos(raw, { clock, isStorableId: (id) => STORED_ID.test(id) })
}
