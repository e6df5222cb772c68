/** Scripts shared by several repositories. */
import { LUA_ROW_HELPERS, LuaScript } from './lua-script.js'

/** KEYS[1] = row → the row as a flat array, or null. */
export const READ_ROW: LuaScript = new LuaScript(`${LUA_ROW_HELPERS}
return row(KEYS[1])`)

/**
 * KEYS[1] = a unique-index hash; ARGV[1] = the looked-up value, ARGV[2] = the row key prefix.
 * Index read and row read happen in one script, so a concurrent rename can never pair an index entry
 * with a row that no longer carries that value.
 */
export const READ_ROW_VIA_INDEX: LuaScript = new LuaScript(`${LUA_ROW_HELPERS}
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
return row(ARGV[2] .. id)`)

/**
 * KEYS[1] = row; ARGV[1] = n, then n values forming field/value pairs to set, then fields to clear.
 * Returns 0 without writing when the row does not exist, so setters never resurrect a deleted row.
 */
export const PATCH_ROW: LuaScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local n = tonumber(ARGV[1])
if n > 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 2, n + 1)) end
if #ARGV > n + 1 then redis.call('HDEL', KEYS[1], unpack(ARGV, n + 2)) end
return 1`)

/** ARGV for {@link PATCH_ROW}: values to set (a `null` clears the field). */
export function patchArgs(changes: Readonly<Record<string, string | null>>): string[] {
  const set: string[] = []
  const clear: string[] = []
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) clear.push(field)
    else set.push(field, value)
  }
  return [String(set.length), ...set, ...clear]
}

/**
 * KEYS[1] = a sorted set of row suffixes scored by expiry; ARGV[1] = row key prefix, ARGV[2] = the
 * exclusive bound `(<now ms>` (strict `expiresAt < now`). Deletes those rows; returns how many.
 */
export const PURGE_ROWS_BY_EXPIRY: LuaScript = new LuaScript(`
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
for _, member in ipairs(members) do
  redis.call('DEL', ARGV[1] .. member)
  redis.call('ZREM', KEYS[1], member)
end
return #members`)
