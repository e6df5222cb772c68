/**
 * How SQLite calls borrow knex's connection. better-sqlite3 runs a statement synchronously, so a call
 * never yields while it holds the connection, and a statement takes 1.5–7 µs. Borrowing and returning
 * the connection through knex's pool for every call costs about 2.5 µs (tarn arms and clears a timer
 * and chains several promises per acquire), which alone puts the adapter past 1.5× the bare driver.
 *
 * So the executor keeps the connection it borrowed between calls, and gives it back to knex's pool
 * the moment anyone else asks that pool for a connection (tarn's `acquireRequest` event, which fires
 * synchronously before the request queues) or the pool starts to close (`poolDestroyRequest`). knex
 * still opens, validates, lends and closes every connection; the adapter only returns the one it
 * holds lazily. While the application is idle, `pool.numUsed()` reads 1.
 *
 * A pool that is not tarn's (knex 3's `connectionPool` option accepts a driver's own pool) has no
 * such events: the connection is then borrowed and returned on every call.
 */
import type { Knex } from 'knex'

/** The part of tarn's `Pool` the lease listens to. */
interface LendingPool {
  on(event: 'acquireRequest' | 'poolDestroyRequest', listener: () => void): void
  numPendingAcquires(): number
}

/** The connection one knex pool has lent to the adapter and not yet taken back. */
interface Lease {
  held: unknown
  closing: boolean
}

/** Runs `use` on a connection of knex's pool; `use` must not yield (it runs synchronously). */
export type Lend = <T>(use: (connection: unknown) => T) => Promise<T>

// One lease per pool, shared by every `createKnexRepos` on that knex, so repositories built per
// request or per test never add listeners. knex builds a new pool after `destroy()` + `initialize()`.
const leases = new WeakMap<object, Lease>()

function isLendingPool(pool: unknown): pool is LendingPool {
  const p = pool as Partial<LendingPool> | null | undefined
  return typeof p?.on === 'function' && typeof p.numPendingAcquires === 'function'
}

function leaseOf(pool: LendingPool, client: Knex.Client): Lease {
  let lease = leases.get(pool)
  if (lease !== undefined) return lease
  const created: Lease = { held: undefined, closing: false }
  const giveBack = (): void => {
    const connection = created.held
    if (connection === undefined) return
    created.held = undefined
    // knex's release is synchronous (its promise is already settled), so the request that fired
    // this event finds the connection free.
    void client.releaseConnection(connection)
  }
  pool.on('acquireRequest', giveBack)
  pool.on('poolDestroyRequest', () => {
    created.closing = true
    giveBack()
  })
  leases.set(pool, created)
  lease = created
  return lease
}

/** The lender for a better-sqlite3 `client`. */
export function createSqliteLender(client: Knex.Client): Lend {
  // The pool and its lease, remembered so the common call (the lease is held) looks nothing up.
  let knownPool: unknown
  let knownLease: Lease | undefined
  const leaseFor = (pool: LendingPool): Lease => {
    if (pool !== knownPool || knownLease === undefined) {
      knownPool = pool
      knownLease = leaseOf(pool, client)
    }
    return knownLease
  }

  const borrowAndKeep = async <T>(pool: LendingPool, lease: Lease, use: (connection: unknown) => T) => {
    const connection: unknown = await client.acquireConnection()
    try {
      return use(connection)
    } finally {
      // Keep it unless someone queued for it while we waited, or another call of ours already keeps
      // one (a pool with several connections), or the pool is closing.
      if (lease.held === undefined && !lease.closing && pool.numPendingAcquires() === 0) {
        lease.held = connection
      } else {
        await client.releaseConnection(connection)
      }
    }
  }

  const borrowOnce = async <T>(use: (connection: unknown) => T) => {
    const connection: unknown = await client.acquireConnection()
    try {
      return use(connection)
    } finally {
      await client.releaseConnection(connection)
    }
  }

  // Not `async`: the common call settles with one promise instead of an async function's.
  return <T>(use: (connection: unknown) => T): Promise<T> => {
    const pool: unknown = (client as { pool?: unknown }).pool
    if (!isLendingPool(pool)) return borrowOnce(use)
    const lease = leaseFor(pool)
    if (lease.held === undefined) return borrowAndKeep(pool, lease, use)
    try {
      return Promise.resolve(use(lease.held))
    } catch (error) {
      return Promise.reject(error)
    }
  }
}
