/**
 * The Redis `LoginAttemptRepo`. Each failure gets an id and sits in two sorted sets scored by `when`:
 * one per email (for `countRecent` and `clear`) and one for the whole store (for `purgeExpired`).
 * Two hashes map the id to its email (so a purge can find the per-email set) and to its ip (stored
 * for audit, never read back).
 */

import type { RawLoginAttemptRepo, ResolvedRecordFailureOptions } from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { type KeySpace, newRowId } from './key-space.js'
import { LuaScript } from './lua-script.js'
import { encodeValue } from './redis-codec.js'
import { redisCall } from './translate-error.js'

/** KEYS: email set, global set, id→email, id→ip. ARGV: id, when ms, email, [ip]. */
const RECORD = new LuaScript(`
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
if ARGV[4] then redis.call('HSET', KEYS[4], ARGV[1], ARGV[4]) end
return 1`)

/** KEYS: email set, global set, id→email, id→ip. */
const CLEAR = new LuaScript(`
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
end
redis.call('DEL', KEYS[1])
return #ids`)

/** KEYS: global set, id→email, id→ip. ARGV: per-email set prefix, `(<cutoff ms>`. */
const PURGE = new LuaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
for _, id in ipairs(ids) do
  local email = redis.call('HGET', KEYS[2], id)
  if email then redis.call('ZREM', ARGV[1] .. email, id) end
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('ZREM', KEYS[1], id)
end
return #ids`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisAttempts(redis: Redis, keys: KeySpace): RawLoginAttemptRepo {
  const keysFor = (email: string): string[] => [
    keys.attemptsOf(email),
    keys.attemptsByWhen,
    keys.attemptEmail,
    keys.attemptIp,
  ]
  return {
    async recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void> {
      const args = [newRowId(), encodeValue(opts.when), email]
      if (opts.ip !== null) args.push(opts.ip)
      await RECORD.run(redis, keysFor(email), args)
    },
    async countRecent(
      email: string,
      opts: { readonly windowMs: number; readonly now: Date },
    ): Promise<number> {
      // Inclusive lower bound, no upper bound: rows dated after `now` count too (CONTRACT §1.9).
      const from = opts.now.getTime() - opts.windowMs
      return redisCall(redis.zcount(keys.attemptsOf(email), String(from), '+inf'))
    },
    async clear(email: string): Promise<void> {
      await CLEAR.run(redis, keysFor(email), [])
    },
    async purgeExpired(now: Date, windowMs: number): Promise<number> {
      const cutoff = `(${now.getTime() - windowMs}`
      const purgeKeys = [keys.attemptsByWhen, keys.attemptEmail, keys.attemptIp]
      return Number(await PURGE.run(redis, purgeKeys, [keys.attemptsOf(''), cutoff]))
    },
  }
}
