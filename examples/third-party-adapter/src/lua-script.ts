/** A Lua script run with EVALSHA, falling back to EVAL once when the server has not cached it yet. */
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import { translateError } from './translate-error.js'

/** What a script may return once ioredis has decoded the reply (bulk strings become JS strings). */
export type LuaReply = string | number | null | LuaReply[]

/**
 * One server-side script. Redis runs a script without interleaving any other command, which is
 * what makes every multi-key read-modify-write in this adapter atomic.
 */
export class LuaScript {
  readonly #source: string
  readonly #sha: string

  constructor(source: string) {
    this.#source = source
    this.#sha = createHash('sha1').update(source).digest('hex')
  }

  /** Runs the script with `keys` as KEYS and `args` as ARGV. */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<LuaReply> {
    try {
      return (await redis.evalsha(this.#sha, keys.length, ...keys, ...args)) as LuaReply
    } catch (error) {
      // The script cache is empty after a restart or SCRIPT FLUSH; EVAL loads it again. NOSCRIPT
      // means the script did not run at all, so running it now cannot apply anything twice.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw translateError(error)
    }
    try {
      return (await redis.eval(this.#source, keys.length, ...keys, ...args)) as LuaReply
    } catch (error) {
      throw translateError(error)
    }
  }
}

/** Lua helper shared by scripts that return a whole row: HGETALL as a flat array, or false when absent. */
export const LUA_ROW_HELPERS = `
local function row(key)
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then return false end
  return flat
end
`
