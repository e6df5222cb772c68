/** The Redis `OAuthStateRepo`: a hash per state under the caller's id, and a sorted set by expiry. */

import {
  type OAuthState,
  OAuthStateAlreadyExistsError,
  type RawOAuthStateRepo,
  type RawSetResultTokenOptions,
} from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { PURGE_ROWS_BY_EXPIRY, READ_ROW } from './common-scripts.js'
import type { KeySpace } from './key-space.js'
import { LUA_ROW_HELPERS, LuaScript } from './lua-script.js'
import { STATE_SPEC } from './model-specs.js'
import { decodeRow, encodeRow, encodeValue } from './redis-codec.js'

/** KEYS: row, expiry set. ARGV: id, expiresAt ms, field/value pairs. 0 when the id is taken. */
const CREATE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1`)

/**
 * KEYS: row, expiry set. ARGV: id, token, wasNew (1/0), [new expiresAt ms]. No row → nothing is
 * written. One script, so token, flag and expiry change at one instant (CONTRACT §0.17, §0.19).
 */
const SET_RESULT_TOKEN = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'resultToken', ARGV[2], 'resultWasNew', ARGV[3])
if ARGV[4] then
  redis.call('HSET', KEYS[1], 'expiresAt', ARGV[4])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
return 1`)

/** KEYS: row, expiry set. ARGV: id. Read and delete in one script: exactly one caller gets the row. */
const CONSUME = new LuaScript(`${LUA_ROW_HELPERS}
local r = row(KEYS[1])
if not r then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return r`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisOAuthStates(redis: Redis, keys: KeySpace): RawOAuthStateRepo {
  const keysOf = (stateId: string): string[] => [keys.row('state', stateId), keys.statesByExpiry]
  return {
    async create(state: OAuthState): Promise<void> {
      const args = [state.id, encodeValue(state.expiresAt), ...encodeRow(STATE_SPEC, state)]
      if ((await CREATE.run(redis, keysOf(state.id), args)) === 0)
        throw new OAuthStateAlreadyExistsError(state.id)
    },
    async find(stateId: string): Promise<OAuthState | null> {
      return decodeRow(STATE_SPEC, await READ_ROW.run(redis, [keys.row('state', stateId)], []))
    },
    async setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void> {
      // guardRepos resolves an omitted wasNew to false, so every call writes the flag.
      const args = [stateId, token, encodeValue(opts.wasNew)]
      if (opts.newExpiresAt !== undefined) args.push(encodeValue(opts.newExpiresAt))
      await SET_RESULT_TOKEN.run(redis, keysOf(stateId), args)
    },
    async consume(stateId: string): Promise<OAuthState | null> {
      return decodeRow(STATE_SPEC, await CONSUME.run(redis, keysOf(stateId), [stateId]))
    },
    async purgeExpired(now: Date): Promise<number> {
      const args = [keys.row('state', ''), `(${encodeValue(now)}`]
      return Number(await PURGE_ROWS_BY_EXPIRY.run(redis, [keys.statesByExpiry], args))
    },
  }
}
