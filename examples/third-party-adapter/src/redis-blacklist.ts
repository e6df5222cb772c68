/** The Redis `BlacklistRepo`: a hash jti → exp (the revocation itself) and a sorted set by exp for purges. */

import type { RawBlacklistRepo } from '@regstack/protocols'
import type { Redis } from 'ioredis'
import type { KeySpace } from './key-space.js'
import { LuaScript } from './lua-script.js'
import { encodeValue } from './redis-codec.js'
import { redisCall } from './translate-error.js'

/** KEYS: exp hash, exp set. ARGV: jti, exp ms. HSETNX makes the first `exp` win, even under races. */
const REVOKE = new LuaScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1]) end
return 1`)

/** KEYS: exp hash, exp set. ARGV: `(<now ms>`. */
const PURGE = new LuaScript(`
local jtis = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, jti in ipairs(jtis) do
  redis.call('HDEL', KEYS[1], jti)
  redis.call('ZREM', KEYS[2], jti)
end
return #jtis`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisBlacklist(redis: Redis, keys: KeySpace): RawBlacklistRepo {
  const both = [keys.revokedExp, keys.revokedByExp]
  return {
    async revoke(jti: string, exp: Date): Promise<void> {
      await REVOKE.run(redis, both, [jti, encodeValue(exp)])
    },
    async isRevoked(jti: string): Promise<boolean> {
      return (await redisCall(redis.hexists(keys.revokedExp, jti))) === 1
    },
    async purgeExpired(now: Date): Promise<number> {
      return Number(await PURGE.run(redis, both, [`(${encodeValue(now)}`]))
    },
  }
}
