/** Removes one store's keys. */
import type { Redis } from 'ioredis'

/**
 * Deletes every key that starts with `keyPrefix` (SCAN, so Redis is never blocked on a big keyspace,
 * and UNLINK, which frees memory in the background). Resolves to the number of keys removed.
 */
export async function dropRedisNamespace(redis: Redis, keyPrefix: string): Promise<number> {
  // SCAN MATCH takes a glob pattern: escape the prefix so `*`, `?`, `[` in it match themselves.
  const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`
  let cursor = '0'
  let removed = 0
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
    if (found.length > 0) removed += await redis.unlink(...found)
    cursor = next
  } while (cursor !== '0')
  return removed
}
