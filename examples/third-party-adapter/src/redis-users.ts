/** The Redis `UserRepo`: a hash per user, a unique email index and a sorted set for `listPaged`. */

import {
  type Clock,
  type NewUser,
  type RawUserRepo,
  type ResolvedListPagedOptions,
  type ResolvedUserCountFilter,
  type User,
  UserAlreadyExistsError,
} from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { PATCH_ROW, patchArgs, READ_ROW, READ_ROW_VIA_INDEX } from './common-scripts.js'
import { type KeySpace, newRowId } from './key-space.js'
import { LUA_ROW_HELPERS, LuaScript } from './lua-script.js'
import { USER_SPEC } from './model-specs.js'
import { decodeRow, decodeRows, encodeRow, encodeValue } from './redis-codec.js'
import { redisCall } from './translate-error.js'

/**
 * KEYS: email index, created-at set, row. ARGV: id, email, createdAt ms, then the row's field/value
 * pairs. HSETNX on the email index is the unique constraint: of N concurrent creates one claims it.
 */
const CREATE = new LuaScript(`
if redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[3], unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1`)

/** KEYS: row, email index. ARGV: id, new email, now ms. 0 unknown id, -1 email taken, 1 done. */
const UPDATE_EMAIL = new LuaScript(`
local current = redis.call('HGET', KEYS[1], 'email')
if not current then return 0 end
local holder = redis.call('HGET', KEYS[2], ARGV[2])
if holder and holder ~= ARGV[1] then return -1 end
if current ~= ARGV[2] then
  redis.call('HDEL', KEYS[2], current)
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
end
redis.call('HSET', KEYS[1], 'email', ARGV[2], 'tokensInvalidatedAfter', ARGV[3], 'updatedAt', ARGV[3])
return 1`)

/** KEYS: row, email index, created-at set. ARGV: id. */
const DELETE = new LuaScript(`
local email = redis.call('HGET', KEYS[1], 'email')
if not email then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('HGET', KEYS[2], email) == ARGV[1] then redis.call('HDEL', KEYS[2], email) end
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`)

/** KEYS: created-at set. ARGV: row prefix, then isActive, isVerified, isSuperuser as '1', '0' or '' (any). */
const COUNT = new LuaScript(`
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local n = 0
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', ARGV[1] .. id, 'isActive', 'isVerified', 'isSuperuser')
  if (ARGV[2] == '' or f[1] == ARGV[2]) and (ARGV[3] == '' or f[2] == ARGV[3])
    and (ARGV[4] == '' or f[3] == ARGV[4]) then n = n + 1 end
end
return n`)

/**
 * KEYS: created-at set. ARGV: row prefix, first rank, last rank, '1' for descending. Sorted-set
 * members with equal scores are ordered by their bytes, and ids are ASCII hex, so the set's order is
 * exactly (createdAt, id) in JavaScript string order, in either direction: a page is one range read.
 */
const LIST_PAGED = new LuaScript(`${LUA_ROW_HELPERS}
local ids
if ARGV[4] == '1' then ids = redis.call('ZREVRANGE', KEYS[1], ARGV[2], ARGV[3])
else ids = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[3]) end
local rows = {}
for i, id in ipairs(ids) do rows[i] = row(ARGV[1] .. id) end
return rows`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisUsers(redis: Redis, keys: KeySpace, clock: Clock): RawUserRepo {
  const rowPrefix = keys.row('user', '')
  const patch = async (userId: string, changes: Record<string, string | null>): Promise<void> => {
    await PATCH_ROW.run(redis, [keys.row('user', userId)], patchArgs(changes))
  }
  const stamped = (changes: Record<string, string | null>): Record<string, string | null> => ({
    ...changes,
    updatedAt: encodeValue(clock.now()),
  })
  const flag = (value: boolean | null | undefined): string =>
    typeof value === 'boolean' ? encodeValue(value) : ''

  return {
    async create(user: NewUser): Promise<User> {
      const row: User = { ...user, id: newRowId() }
      const created = await CREATE.run(
        redis,
        [keys.userByEmail, keys.usersByCreated, keys.row('user', row.id)],
        [row.id, row.email, encodeValue(row.createdAt), ...encodeRow(USER_SPEC, row)],
      )
      if (created === 0) throw new UserAlreadyExistsError(user.email)
      return row
    },
    async getByEmail(email: string): Promise<User | null> {
      return decodeRow(USER_SPEC, await READ_ROW_VIA_INDEX.run(redis, [keys.userByEmail], [email, rowPrefix]))
    },
    async getById(userId: string): Promise<User | null> {
      return decodeRow(USER_SPEC, await READ_ROW.run(redis, [keys.row('user', userId)], []))
    },
    async setLastLogin(userId: string, when: Date): Promise<void> {
      await patch(userId, stamped({ lastLogin: encodeValue(when) }))
    },
    async setTokensInvalidatedAfter(userId: string, when: Date): Promise<void> {
      await patch(userId, stamped({ tokensInvalidatedAfter: encodeValue(when) }))
    },
    async updatePassword(userId: string, hashedPassword: string): Promise<void> {
      // One clock reading for both fields, in one HSET: the write is atomic.
      const now = encodeValue(clock.now())
      await patch(userId, { hashedPassword, tokensInvalidatedAfter: now, updatedAt: now })
    },
    async setActive(userId: string, opts: { readonly isActive: boolean }): Promise<void> {
      await patch(userId, stamped({ isActive: encodeValue(opts.isActive) }))
    },
    async setSuperuser(userId: string, opts: { readonly isSuperuser: boolean }): Promise<void> {
      await patch(userId, stamped({ isSuperuser: encodeValue(opts.isSuperuser) }))
    },
    async setFullName(userId: string, fullName: string | null): Promise<void> {
      await patch(userId, stamped({ fullName }))
    },
    async setPhone(userId: string, phoneNumber: string | null): Promise<void> {
      await patch(userId, stamped({ phoneNumber }))
    },
    async setMfaEnabled(userId: string, opts: { readonly isMfaEnabled: boolean }): Promise<void> {
      await patch(userId, stamped({ isMfaEnabled: encodeValue(opts.isMfaEnabled) }))
    },
    async updateEmail(userId: string, newEmail: string): Promise<void> {
      const outcome = await UPDATE_EMAIL.run(
        redis,
        [keys.row('user', userId), keys.userByEmail],
        [userId, newEmail, encodeValue(clock.now())],
      )
      if (outcome === -1) throw new UserAlreadyExistsError(newEmail)
    },
    async delete(userId: string): Promise<boolean> {
      const keysOf = [keys.row('user', userId), keys.userByEmail, keys.usersByCreated]
      return (await DELETE.run(redis, keysOf, [userId])) === 1
    },
    async count(filter: ResolvedUserCountFilter): Promise<number> {
      const flags = [flag(filter.isActive), flag(filter.isVerified), flag(filter.isSuperuser)]
      if (flags.every((f) => f === '')) return redisCall(redis.zcard(keys.usersByCreated))
      // No secondary indexes on flags: a filtered count reads every user's three flags in one script.
      // Fine for an example and for admin pages; a large deployment would keep a set per flag.
      return Number(await COUNT.run(redis, [keys.usersByCreated], [rowPrefix, ...flags]))
    },
    async listPaged(opts: ResolvedListPagedOptions): Promise<User[]> {
      const skip = BigInt(opts.skip)
      const limit = BigInt(opts.limit)
      // BigInt: skip + limit may pass 2^53, and ZRANGE takes 64-bit ranks.
      const args = [rowPrefix, String(skip), String(skip + limit - 1n), opts.sortByCreatedAtDesc ? '1' : '0']
      return decodeRows(USER_SPEC, await LIST_PAGED.run(redis, [keys.usersByCreated], args))
    },
  }
}
