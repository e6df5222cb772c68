/**
 * The module `regstack-conformance certify` loads (built to dist/conformance-target.js), also used by
 * test/conformance.test.ts. Each store gets its own Redis connection, so the fault-injection tier can
 * kill one store's connection without touching the stores other checks are using.
 */
import type { ConformanceContext, ConformanceTarget } from '@regstack/conformance'
import { Redis } from 'ioredis'
import { createRedisRepos } from './create-redis-repos.js'
import { dropRedisNamespace } from './drop-redis-namespace.js'
import { killClientConnections } from './kill-client-connections.js'

/** `--engine-url` reaches us as REGSTACK_ENGINE_URL; REDIS_URL is the usual variable otherwise. */
const url = process.env.REGSTACK_ENGINE_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** The connection that kills store connections for the faults tier; opened on first use. */
let admin: Promise<Redis> | undefined

async function connect(connectionName: string): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName,
    lazyConnect: true,
    // A command in flight when its connection dies may or may not have run. Resending it could apply
    // a write twice (one more login failure, one more MFA attempt), so it fails as UNAVAILABLE instead.
    autoResendUnfulfilledCommands: false,
    // ioredis then silently drops the commands that were in flight: their promises would never
    // settle. The command timeout makes them fail (UNAVAILABLE) instead of hanging forever.
    commandTimeout: 10_000,
    // Commands issued while reconnecting wait in the offline queue; give up after a few attempts.
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => (times > 10 ? null : Math.min(times * 20, 200)),
  })
  // Failures reach callers as rejected commands; listening here stops ioredis from printing every
  // reconnect error, and keeps the socket error (ECONNREFUSED…) for the message below.
  let socketError: Error | undefined
  redis.on('error', (error: Error) => {
    socketError = error
  })
  try {
    await redis.connect()
  } catch (error) {
    // Fail fast with the URL in the message instead of retrying in the background.
    redis.disconnect()
    throw new Error(
      `cannot reach Redis at ${url} (set REDIS_URL): ${(socketError ?? (error as Error)).message}`,
      {
        cause: error,
      },
    )
  }
  return redis
}

/** A fresh, empty store per call: its own key prefix and connection, both dropped on close. */
export async function makeRepos(ctx: ConformanceContext): Promise<ConformanceTarget> {
  // ctx.namespace is unique per call (and per run), so the prefix starts out empty.
  const keyPrefix = `regstack-example:${ctx.namespace}:`
  const connectionName = `regstack-example-${ctx.namespace}`
  const redis = await connect(connectionName)
  return {
    repos: createRedisRepos(redis, { clock: ctx.clock, keyPrefix }),
    revision: '2026-07',
    capabilities: { automaticExpiry: false },
    faults: {
      dropConnections: async () => {
        admin ??= connect('regstack-example-admin')
        await killClientConnections(await admin, redis, connectionName)
      },
    },
    close: async () => {
      try {
        await dropRedisNamespace(redis, keyPrefix)
      } finally {
        await redis.quit()
      }
    },
  }
}

/** Closes the admin connection once the suite is done (stores close their own). */
export async function teardown(): Promise<void> {
  const pending = admin
  admin = undefined
  if (pending !== undefined) await (await pending).quit()
}
