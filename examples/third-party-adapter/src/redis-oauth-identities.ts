/**
 * The Redis `OAuthIdentityRepo`: a hash per identity, two unique-index hashes — (provider, subjectId)
 * and (userId, provider) — and per user a sorted set by `linkedAt`. Index fields join their two parts
 * with U+0000, which no stored string can contain (the guard rejects it), so a pair has one spelling.
 */

import {
  type NewOAuthIdentity,
  type OAuthIdentity,
  OAuthIdentityAlreadyLinkedError,
  type RawOAuthIdentityRepo,
} from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { READ_ROW_VIA_INDEX } from './common-scripts.js'
import { type KeySpace, newRowId } from './key-space.js'
import { LUA_ROW_HELPERS, LuaScript } from './lua-script.js'
import { IDENTITY_SPEC } from './model-specs.js'
import { decodeRow, decodeRows, encodeRow, encodeValue } from './redis-codec.js'

const pair = (a: string, b: string): string => `${a}\u0000${b}`

/**
 * KEYS: subject index, user-provider index, row, the user's set. ARGV: id, subject pair, user pair,
 * linkedAt ms, field/value pairs. Both unique keys are checked and claimed in one script.
 */
const CREATE = new LuaScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], unpack(ARGV, 5))
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
return 1`)

/** Lua: removes one identity and its index entries. KEYS[1], KEYS[2] as in CREATE. */
const LUA_DROP_IDENTITY = `
local function drop(rowPrefix, setPrefix, id)
  local key = rowPrefix .. id
  local f = redis.call('HMGET', key, 'userId', 'provider', 'subjectId')
  if not f[1] then return 0 end
  redis.call('HDEL', KEYS[1], f[2] .. '\\0' .. f[3])
  redis.call('HDEL', KEYS[2], f[1] .. '\\0' .. f[2])
  redis.call('ZREM', setPrefix .. f[1], id)
  redis.call('DEL', key)
  return 1
end
`

/** KEYS: subject index, user-provider index. ARGV: row prefix, set prefix, user pair. */
const DELETE = new LuaScript(`${LUA_DROP_IDENTITY}
local id = redis.call('HGET', KEYS[2], ARGV[3])
if not id then return 0 end
return drop(ARGV[1], ARGV[2], id)`)

/** KEYS: subject index, user-provider index, the user's set. ARGV: row prefix, set prefix. */
const DELETE_BY_USER = new LuaScript(`${LUA_DROP_IDENTITY}
local n = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do n = n + drop(ARGV[1], ARGV[2], id) end
return n`)

/**
 * KEYS: the user's set. ARGV: row prefix. Members with equal `linkedAt` scores come back in byte
 * order, which for ASCII ids is JavaScript string order: exactly the contract's tie-break.
 */
const LIST_FOR_USER = new LuaScript(`${LUA_ROW_HELPERS}
local rows = {}
for i, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do rows[i] = row(ARGV[1] .. id) end
return rows`)

/** KEYS: subject index. ARGV: row prefix, subject pair, when ms. */
const TOUCH = new LuaScript(`
local id = redis.call('HGET', KEYS[1], ARGV[2])
if not id then return 0 end
redis.call('HSET', ARGV[1] .. id, 'lastUsedAt', ARGV[3])
return 1`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisOAuthIdentities(redis: Redis, keys: KeySpace): RawOAuthIdentityRepo {
  const rowPrefix = keys.row('identity', '')
  const setPrefix = keys.identitiesOf('')
  const indexes = [keys.identityBySubject, keys.identityByUserProvider]

  return {
    async create(identity: NewOAuthIdentity): Promise<OAuthIdentity> {
      const row: OAuthIdentity = { ...identity, id: newRowId() }
      const args = [
        row.id,
        pair(row.provider, row.subjectId),
        pair(row.userId, row.provider),
        encodeValue(row.linkedAt),
        ...encodeRow(IDENTITY_SPEC, row),
      ]
      const created = await CREATE.run(
        redis,
        [...indexes, keys.row('identity', row.id), keys.identitiesOf(row.userId)],
        args,
      )
      if (created === 0) throw new OAuthIdentityAlreadyLinkedError(identity.provider, identity.subjectId)
      return row
    },
    async findBySubject(opts: {
      readonly provider: string
      readonly subjectId: string
    }): Promise<OAuthIdentity | null> {
      const args = [pair(opts.provider, opts.subjectId), rowPrefix]
      return decodeRow(IDENTITY_SPEC, await READ_ROW_VIA_INDEX.run(redis, [keys.identityBySubject], args))
    },
    async listForUser(userId: string): Promise<OAuthIdentity[]> {
      return decodeRows(
        IDENTITY_SPEC,
        await LIST_FOR_USER.run(redis, [keys.identitiesOf(userId)], [rowPrefix]),
      )
    },
    async delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean> {
      const args = [rowPrefix, setPrefix, pair(opts.userId, opts.provider)]
      return (await DELETE.run(redis, indexes, args)) === 1
    },
    async deleteByUserId(userId: string): Promise<number> {
      const reply = await DELETE_BY_USER.run(
        redis,
        [...indexes, keys.identitiesOf(userId)],
        [rowPrefix, setPrefix],
      )
      return Number(reply)
    },
    async touchLastUsed(opts: {
      readonly provider: string
      readonly subjectId: string
      readonly when: Date
    }): Promise<void> {
      const args = [rowPrefix, pair(opts.provider, opts.subjectId), encodeValue(opts.when)]
      await TOUCH.run(redis, [keys.identityBySubject], args)
    },
  }
}
