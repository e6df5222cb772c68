/**
 * The SQLite connection the executor keeps between calls (knex-sqlite-lease.ts) must never keep anyone
 * else from knex's pool: both test engines have exactly one connection, so any mistake here is a
 * deadlock (knex's acquire timeout) or a pool that cannot close.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FrozenClock, makeNewUser } from '@regstack/protocols'
import { type KnexEngineName, knexConfig } from '@regstack/test-engines'
import knexFactory, { type Knex } from 'knex'
import { afterEach, describe, expect, it } from 'vitest'
import { createKnexRepos, migrate } from '../src/index.js'

/** The parts of tarn's pool these tests read. */
interface ObservedPool {
  numUsed(): number
  numFree(): number
  emitter: { listenerCount(event: string): number }
}

const poolOf = (knex: Knex): ObservedPool => (knex.client as { pool: ObservedPool }).pool

const ENGINES: readonly KnexEngineName[] = ['sqlite-memory', 'sqlite-file']

describe.each(ENGINES)('the SQLite connection lease on %s', (engine) => {
  let cleanup: (() => Promise<void> | void) | undefined

  // Short acquire timeout: a lease that blocks the pool fails in a second, not in knex's default 60 s.
  async function open(): Promise<Knex> {
    const dir = mkdtempSync(join(tmpdir(), 'regstack-lease-'))
    const knex = knexFactory({ ...knexConfig(engine, { scratchDir: dir }), acquireConnectionTimeout: 1000 })
    cleanup = async () => {
      await knex.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
    await migrate(knex)
    return knex
  }

  afterEach(async () => {
    await cleanup?.()
    cleanup = undefined
  })

  const clock = new FrozenClock(new Date('2026-07-01T00:00:00Z'))
  const user = (n: number) => makeNewUser({ email: `lease${n}@example.test` }, clock)

  it('keeps the connection between calls and hands it to a knex query that asks for it', async () => {
    const knex = await open()
    const repos = createKnexRepos(knex, { clock })
    await repos.users.create(user(1))
    expect(poolOf(knex).numUsed()).toBe(1)
    const rows = await knex('users').select('email')
    expect(rows).toEqual([{ email: 'lease1@example.test' }])
    // The query took the connection and gave it back to the pool, not to the adapter.
    expect(poolOf(knex).numFree()).toBe(1)
    expect(await repos.users.getByEmail('lease1@example.test')).not.toBeNull()
  })

  it('lets a transaction run while the adapter holds the connection, and waits for its commit', async () => {
    const knex = await open()
    const repos = createKnexRepos(knex, { clock })
    await repos.users.create(user(1))
    let committed = false
    const trx = await knex.transaction()
    await trx('users').update({ full_name: 'in transaction' })
    // The adapter's next call must wait for the connection the transaction holds, not share it.
    const read = repos.users.getByEmail('lease1@example.test').then((u) => ({ u, committed }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    committed = true
    await trx.commit()
    const { u, committed: afterCommit } = await read
    expect(afterCommit).toBe(true)
    expect(u?.fullName).toBe('in transaction')
  })

  it('serves adapter calls and knex queries mixed concurrently', async () => {
    const knex = await open()
    const repos = createKnexRepos(knex, { clock })
    const work: Array<Promise<unknown>> = []
    for (let n = 0; n < 40; n++) {
      work.push(repos.users.create(user(n)))
      work.push(knex('users').count({ c: '*' }))
      work.push(
        knex.transaction(async (trx) => trx('users').where('email', `lease${n}@example.test`).first()),
      )
    }
    await Promise.all(work)
    expect(await repos.users.count({})).toBe(40)
  })

  it('adds no pool listeners per createKnexRepos (one lease per pool)', async () => {
    const knex = await open()
    createKnexRepos(knex, { clock })
    await createKnexRepos(knex, { clock }).users.count({})
    const listeners = poolOf(knex).emitter.listenerCount('acquireRequest')
    for (let n = 0; n < 30; n++) await createKnexRepos(knex, { clock }).users.count({})
    expect(poolOf(knex).emitter.listenerCount('acquireRequest')).toBe(listeners)
  })

  it('gives the connection back when knex is destroyed, and works again after initialize', async () => {
    const knex = await open()
    const repos = createKnexRepos(knex, { clock })
    await repos.users.create(user(1))
    const pool = poolOf(knex)
    expect(pool.numUsed()).toBe(1)
    await knex.destroy()
    expect(pool.numUsed()).toBe(0)
    knex.initialize()
    if (engine === 'sqlite-memory') await migrate(knex) // a new :memory: connection is a new database
    await repos.users.create(user(2))
    expect(await repos.users.getByEmail('lease2@example.test')).not.toBeNull()
  })
})
