/** Adapter-specific tests every engine runs next to the conformance suite. */
import { FrozenClock, MAX_DATE_MS, MIN_DATE_MS, type NewUser, type Repos } from '@regstack/protocols'
import type { Knex } from 'knex'
import { afterAll, describe, expect, it } from 'vitest'
import { createKnexRepos, dropTables, migrate } from '../../src/index.js'

let counter = 0

/** A freshly migrated store under a unique prefix; dropped when the file ends. */
export async function scratchStore(knex: Knex, tag: string): Promise<{ repos: Repos; prefix: string }> {
  const prefix = `t${process.pid % 10_000}_${tag}${counter++}_`
  await migrate(knex, { tablePrefix: prefix })
  scratch.push(async () => await dropTables(knex, { tablePrefix: prefix }))
  return {
    repos: createKnexRepos(knex, {
      clock: new FrozenClock(new Date('2025-01-01T00:00:00Z')),
      tablePrefix: prefix,
    }),
    prefix,
  }
}
const scratch: Array<() => Promise<void>> = []

/** A valid `NewUser` with `email`. */
export function newUser(email: string, overrides: Partial<NewUser> = {}): NewUser {
  const at = new Date('2025-01-01T00:00:00Z')
  return {
    email,
    hashedPassword: null,
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: at,
    updatedAt: at,
    lastLogin: null,
    tokensInvalidatedAfter: null,
    ...overrides,
  }
}

/** Registers the engine-level tests for `getKnex()`. */
export function engineChecks(getKnex: () => Knex): void {
  describe('adapter-knex engine checks', () => {
    afterAll(async () => {
      for (const drop of scratch.splice(0)) await drop()
    })

    it('migrate is idempotent', async () => {
      const { repos, prefix } = await scratchStore(getKnex(), 'idem')
      await repos.users.create(newUser('a@x.io'))
      await migrate(getKnex(), { tablePrefix: prefix })
      expect(await repos.users.count()).toBe(1)
    })

    it('round-trips the first and the last instant of the accepted range exactly', async () => {
      const { repos } = await scratchStore(getKnex(), 'date')
      const min = new Date(MIN_DATE_MS)
      const max = new Date(MAX_DATE_MS)
      const user = await repos.users.create(
        newUser('d@x.io', { createdAt: min, updatedAt: max, lastLogin: max, tokensInvalidatedAfter: min }),
      )
      const read = await repos.users.getById(user.id)
      expect(read?.createdAt.getTime()).toBe(MIN_DATE_MS)
      expect(read?.updatedAt.getTime()).toBe(MAX_DATE_MS)
      expect(read?.lastLogin?.getTime()).toBe(MAX_DATE_MS)
      expect(read?.tokensInvalidatedAfter?.getTime()).toBe(MIN_DATE_MS)
      await repos.blacklist.revoke('j', max)
      expect(await repos.blacklist.purgeExpired(max)).toBe(0)
      expect(await repos.blacklist.purgeExpired(new Date(MAX_DATE_MS))).toBe(0)
    })

    it("keeps 'a', 'a ' and 'A' apart as keys and in unique indexes", async () => {
      const { repos } = await scratchStore(getKnex(), 'exact')
      const emails = ['a@x.io', 'a@x.io ', 'A@x.io', 'a@x.io\t', 'á@x.io', 'a\u0301@x.io', '😀@x.io']
      const ids = []
      for (const email of emails) ids.push((await repos.users.create(newUser(email))).id)
      for (const [i, email] of emails.entries())
        expect((await repos.users.getByEmail(email))?.id).toBe(ids[i])
      expect(await repos.users.getByEmail('a@x.io  ')).toBeNull()
      await expect(repos.users.create(newUser('a@x.io '))).rejects.toMatchObject({
        code: 'USER_ALREADY_EXISTS',
      })
      await repos.attempts.recordFailure('b@x.io')
      expect(await repos.attempts.countRecent('b@x.io ', { windowMs: 1e12, now: new Date() })).toBe(0)
      expect(await repos.attempts.countRecent('B@x.io', { windowMs: 1e12, now: new Date() })).toBe(0)
      expect(await repos.attempts.countRecent('b@x.io', { windowMs: 1e12, now: new Date() })).toBe(1)
    })

    it("runs inside the caller's transaction: its writes commit and roll back with it", async () => {
      const { repos, prefix } = await scratchStore(getKnex(), 'trx')
      const clock = new FrozenClock(new Date('2025-01-01T00:00:00Z'))
      const inside = (trx: Knex.Transaction) => createKnexRepos(trx, { clock, tablePrefix: prefix })
      await getKnex().transaction(async (trx) => {
        const txRepos = inside(trx)
        const kept = await txRepos.users.create(newUser('kept@x.io'))
        const dropped = await txRepos.users.create(newUser('dropped@x.io'))
        expect(await txRepos.users.delete(dropped.id)).toBe(true)
        expect(await txRepos.users.delete(dropped.id)).toBe(false)
        expect((await txRepos.users.getById(kept.id))?.email).toBe('kept@x.io')
        await txRepos.attempts.recordFailure('kept@x.io')
        expect(await txRepos.attempts.countRecent('kept@x.io', { windowMs: 1e12, now: new Date() })).toBe(1)
      })
      const rolledBack = new Error('roll back')
      await expect(
        getKnex().transaction(async (trx) => {
          await inside(trx).users.create(newUser('gone@x.io'))
          throw rolledBack
        }),
      ).rejects.toBe(rolledBack)
      expect((await repos.users.getByEmail('kept@x.io'))?.email).toBe('kept@x.io')
      expect(await repos.users.getByEmail('dropped@x.io')).toBeNull()
      expect(await repos.users.getByEmail('gone@x.io')).toBeNull()
      expect(await repos.users.count()).toBe(1)
    })

    it('keeps working when a migration adds a column under connections that already ran its statements', async () => {
      const { repos, prefix } = await scratchStore(getKnex(), 'alter')
      const user = await repos.users.create(newUser('alter@x.io'))
      // Run the lookup on several pooled connections, so each one has it prepared.
      await Promise.all(Array.from({ length: 4 }, () => repos.users.getById(user.id)))
      await getKnex().schema.alterTable(`${prefix}users`, (t) => {
        t.integer('added_later').nullable()
      })
      for (let k = 0; k < 8; k++) expect((await repos.users.getById(user.id))?.email).toBe('alter@x.io')
    })

    it('round-trips values at their width limits, astral characters included', async () => {
      const { repos } = await scratchStore(getKnex(), 'wide')
      const email = '😀'.repeat(160)
      const fullName = '\u{10FFFF}'.repeat(100)
      const hashedPassword = '€'.repeat(4096)
      const user = await repos.users.create(
        newUser(email, { fullName, hashedPassword, phoneNumber: '9'.repeat(20) }),
      )
      expect(await repos.users.getById(user.id)).toMatchObject({ email, fullName, hashedPassword })
    })
  })
}
