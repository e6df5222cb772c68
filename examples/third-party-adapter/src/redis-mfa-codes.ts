/** The Redis `MfaCodeRepo`: one hash per (kind, userId) and the §3.5 state machine as one Lua script. */

import {
  type Clock,
  type MfaCode,
  type MfaKind,
  type MfaVerifyResult,
  mfaCodeDigest,
  type NewMfaCode,
  type RawMfaCodeRepo,
} from '@regstack/protocols'
import type { Redis } from 'ioredis'
import { PURGE_ROWS_BY_EXPIRY, READ_ROW } from './common-scripts.js'
import { type KeySpace, newRowId } from './key-space.js'
import { LuaScript } from './lua-script.js'
import { MFA_CODE_SPEC } from './model-specs.js'
import { decodeRow, encodeRow, encodeValue } from './redis-codec.js'
import { redisCall } from './translate-error.js'

const KINDS: readonly MfaKind[] = ['phone_setup', 'login_mfa']

/** KEYS: row, expiry set. ARGV: id for a new row, expiry member, expiresAt ms, field/value pairs (no id). */
const PUT = new LuaScript(`
local id = redis.call('HGET', KEYS[1], 'id') or ARGV[1]
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'id', id, unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
return 1`)

/**
 * KEYS: row, expiry set. ARGV: expiry member, now ms, SHA-256 hex of the guess ('' when it can never
 * match). The whole read-decide-write runs inside Redis, so concurrent guesses serialise exactly as
 * sequential ones would: N wrong guesses on attempts 0 / max m give m−1 `wrong`, one `locked`, N−m
 * `missing`, and a `put` can never land between the read and the write. HINCRBY keeps the counter an
 * exact 64-bit integer (converting a Lua number back to a string would round large values).
 *
 * The hash comparison is `==` on two interned Lua strings, a pointer comparison whose time does not
 * depend on how many characters match; and it compares digests, never the code itself.
 */
const VERIFY = new LuaScript(`
local f = redis.call('HMGET', KEYS[1], 'attempts', 'maxAttempts', 'expiresAt', 'codeHash')
if not f[1] then return {'missing', 0} end
local function drop()
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
end
local attempts, max = tonumber(f[1]), tonumber(f[2])
if attempts >= max then drop() return {'locked', 0} end
if tonumber(f[3]) <= tonumber(ARGV[2]) then drop() return {'expired', 0} end
if ARGV[3] == '' or ARGV[3] ~= f[4] then
  local remaining = max - redis.call('HINCRBY', KEYS[1], 'attempts', 1)
  if remaining <= 0 then drop() return {'locked', 0} end
  return {'wrong', remaining}
end
drop()
return {'ok', 0}`)

/** Builds the raw repository; `guardRepos` has validated and resolved every argument. */
export function redisMfaCodes(redis: Redis, keys: KeySpace, clock: Clock): RawMfaCodeRepo {
  // Kinds hold no ':', so `<kind>:<userId>` names a (userId, kind) pair unambiguously.
  const member = (userId: string, kind: MfaKind): string => `${kind}:${userId}`
  const rowKey = (userId: string, kind: MfaKind): string => keys.row('mfa', member(userId, kind))

  return {
    async put(code: NewMfaCode): Promise<void> {
      const args = [
        newRowId(),
        member(code.userId, code.kind),
        encodeValue(code.expiresAt),
        ...encodeRow(MFA_CODE_SPEC, code, ['id']),
      ]
      await PUT.run(redis, [rowKey(code.userId, code.kind), keys.mfaByExpiry], args)
    },
    async verify(opts: {
      readonly userId: string
      readonly kind: MfaKind
      readonly rawCode: string
    }): Promise<MfaVerifyResult> {
      const digest = mfaCodeDigest(opts.rawCode) ?? ''
      const args = [member(opts.userId, opts.kind), encodeValue(clock.now()), digest]
      const reply = await VERIFY.run(redis, [rowKey(opts.userId, opts.kind), keys.mfaByExpiry], args)
      if (!Array.isArray(reply)) throw new Error(`unexpected reply from the verify script: ${String(reply)}`)
      return { outcome: reply[0] as MfaVerifyResult['outcome'], attemptsRemaining: Number(reply[1]) }
    },
    async delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void> {
      const kinds = opts.kind === undefined ? KINDS : [opts.kind]
      const tx = redis.multi()
      for (const kind of kinds) {
        tx.del(rowKey(opts.userId, kind))
        tx.zrem(keys.mfaByExpiry, member(opts.userId, kind))
      }
      // MULTI/EXEC: Redis applies both deletions together, or neither if the connection drops first.
      await redisCall(tx.exec())
    },
    async find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null> {
      return decodeRow(MFA_CODE_SPEC, await READ_ROW.run(redis, [rowKey(opts.userId, opts.kind)], []))
    },
    async purgeExpired(now: Date): Promise<number> {
      const args = [keys.row('mfa', ''), `(${encodeValue(now)}`]
      return Number(await PURGE_ROWS_BY_EXPIRY.run(redis, [keys.mfaByExpiry], args))
    },
  }
}
