/** The Redis `PendingRepo`: a hash per row, unique email and token-hash indexes, a set by expiry. */

import {
  type NewPendingRegistration,
  PendingAlreadyExistsError,
  type PendingRegistration,
  type RawPendingRepo,
} from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { READ_ROW_VIA_INDEX } from './common-scripts.js'
import { type KeySpace, newRowId } from './key-space.js'
import { LuaScript } from './lua-script.js'
import { PENDING_SPEC } from './model-specs.js'
import { decodeRow, encodeRow, encodeValue } from './redis-codec.js'
import { redisCall } from './translate-error.js'

/**
 * KEYS: email index, token index, expiry set. ARGV: row prefix, id for a new row, email, tokenHash,
 * expiresAt ms, then the field/value pairs (no id). Returns the row's id, or false when the token
 * hash belongs to a row of another email. A replaced row keeps its id (CONTRACT §0.7).
 */
const UPSERT = new LuaScript(`
local existing = redis.call('HGET', KEYS[1], ARGV[3])
local holder = redis.call('HGET', KEYS[2], ARGV[4])
if holder and holder ~= existing then return false end
local id = existing or ARGV[2]
local key = ARGV[1] .. id
if existing then
  local old = redis.call('HGET', key, 'tokenHash')
  if old and old ~= ARGV[4] then redis.call('HDEL', KEYS[2], old) end
  redis.call('DEL', key)
end
redis.call('HSET', key, 'id', id, unpack(ARGV, 6))
redis.call('HSET', KEYS[1], ARGV[3], id)
redis.call('HSET', KEYS[2], ARGV[4], id)
redis.call('ZADD', KEYS[3], ARGV[5], id)
return id`)

/** Lua: removes one pending row and its index entries (KEYS as in UPSERT; `prefix` = row prefix). */
const LUA_DROP_PENDING = `
local function drop(prefix, id)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'email', 'tokenHash')
  if f[1] and redis.call('HGET', KEYS[1], f[1]) == id then redis.call('HDEL', KEYS[1], f[1]) end
  if f[2] and redis.call('HGET', KEYS[2], f[2]) == id then redis.call('HDEL', KEYS[2], f[2]) end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[3], id)
end
`

/** KEYS as in UPSERT. ARGV: row prefix, email. */
const DELETE_BY_EMAIL = new LuaScript(`${LUA_DROP_PENDING}
local id = redis.call('HGET', KEYS[1], ARGV[2])
if not id then return 0 end
drop(ARGV[1], id)
return 1`)

/** KEYS as in UPSERT. ARGV: row prefix, exclusive max score `(<now ms>` — strict `expiresAt < now`. */
const PURGE = new LuaScript(`${LUA_DROP_PENDING}
local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
for _, id in ipairs(ids) do drop(ARGV[1], id) end
return #ids`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisPending(redis: Redis, keys: KeySpace): RawPendingRepo {
  const rowPrefix = keys.row('pending', '')
  const indexKeys = [keys.pendingByEmail, keys.pendingByToken, keys.pendingByExpiry]

  return {
    async upsert(pending: NewPendingRegistration): Promise<PendingRegistration> {
      const args = [
        rowPrefix,
        newRowId(),
        pending.email,
        pending.tokenHash,
        encodeValue(pending.expiresAt),
        ...encodeRow(PENDING_SPEC, pending, ['id']),
      ]
      const id = await UPSERT.run(redis, indexKeys, args)
      if (typeof id !== 'string') throw new PendingAlreadyExistsError(pending.email)
      return { ...pending, id }
    },
    async findByTokenHash(tokenHash: string): Promise<PendingRegistration | null> {
      const reply = await READ_ROW_VIA_INDEX.run(redis, [keys.pendingByToken], [tokenHash, rowPrefix])
      return decodeRow(PENDING_SPEC, reply)
    },
    async findByEmail(email: string): Promise<PendingRegistration | null> {
      return decodeRow(
        PENDING_SPEC,
        await READ_ROW_VIA_INDEX.run(redis, [keys.pendingByEmail], [email, rowPrefix]),
      )
    },
    async deleteByEmail(email: string): Promise<void> {
      await DELETE_BY_EMAIL.run(redis, indexKeys, [rowPrefix, email])
    },
    async purgeExpired(now: Date): Promise<number> {
      const cutoff = `(${encodeValue(now)}`
      return Number(await PURGE.run(redis, indexKeys, [rowPrefix, cutoff]))
    },
    async countUnexpired(now: Date): Promise<number> {
      return redisCall(redis.zcount(keys.pendingByExpiry, `(${encodeValue(now)}`, '+inf'))
    },
  }
}
