import { Redis } from 'ioredis'
import { afterAll, expect, it } from 'vitest'
import { dropRedisNamespace } from '../src/drop-redis-namespace.js'

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 })
const tag = `regstack-example-test:${process.pid}:${Date.now()}`

afterAll(async () => {
  await dropRedisNamespace(redis, tag)
  await redis.quit()
})

it('removes exactly the keys under the prefix, glob characters in it matching themselves', async () => {
  // `*` and `[` are SCAN glob syntax: unescaped, the first prefix would also match the second.
  const prefix = `${tag}:a*[b]:`
  const neighbour = `${tag}:aX[b]:`
  const mine = Array.from({ length: 1200 }, (_, i) => `${prefix}k${i}`)
  await redis.mset(...mine.flatMap((k) => [k, 'v']))
  await redis.set(`${neighbour}k`, 'v')
  await redis.set(`${tag}:a*[b]`, 'v') // the prefix without its trailing ':' is not under it

  expect(await dropRedisNamespace(redis, prefix)).toBe(mine.length)
  expect(await redis.exists(...mine.slice(0, 50))).toBe(0)
  expect(await redis.get(`${neighbour}k`)).toBe('v')
  expect(await redis.get(`${tag}:a*[b]`)).toBe('v')
})
