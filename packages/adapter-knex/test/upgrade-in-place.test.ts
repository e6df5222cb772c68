/**
 * Versioned migrations (CONTRACT §0.19): a database created by the release before them — the 2026-05
 * tables, no migrations table, rows written — is upgraded in place by `migrate` on every SQL engine:
 * rows keep, their states read `resultWasNew: false`, and knex's migrations table records both steps.
 */
import { FrozenClock, type NewOAuthState } from '@regstack/protocols'
import { type KnexEngineName, openKnexEngine } from '@regstack/test-engines'
import type { Knex } from 'knex'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createKnexRepos,
  dropTables,
  MIGRATIONS_TABLE,
  migrate,
  regstackMigrationSource,
} from '../src/index.js'
import { createTablesV1 } from '../src/migrate.js'

const T = new Date('2030-01-02T03:04:05.678Z')
const LATER = new Date('2030-01-02T04:00:00.000Z')
const clock = new FrozenClock(T)

const STATE: NewOAuthState = {
  id: 'state-before-upgrade',
  provider: 'google',
  codeVerifier: 'verifier',
  nonce: 'nonce',
  redirectTo: '/home',
  mode: 'signin',
  linkingUserId: null,
  createdAt: T,
  expiresAt: LATER,
  resultToken: 'jwt',
}

let counter = 0
const prefixes: Array<{ knex: Knex; prefix: string }> = []
function nextPrefix(knex: Knex, tag: string): string {
  const prefix = `u${process.pid % 10_000}_${tag}${counter++}_`
  prefixes.push({ knex, prefix })
  return prefix
}

/** What the release before versioned migrations wrote: the tables, and rows written as it wrote them. */
async function databaseOf2026_05(knex: Knex, tablePrefix: string): Promise<string> {
  await createTablesV1(knex, { tablePrefix })
  // The old release's adapter wrote states without the column; insert the row as it stored it.
  await knex(`${tablePrefix}oauth_states`).insert({
    id: STATE.id,
    provider: STATE.provider,
    code_verifier: STATE.codeVerifier,
    nonce: STATE.nonce,
    redirect_to: STATE.redirectTo,
    mode: STATE.mode,
    linking_user_id: null,
    created_at: T.getTime(),
    expires_at: LATER.getTime(),
    result_token: STATE.resultToken,
  })
  const repos = createKnexRepos(knex, { clock, tablePrefix })
  const user = await repos.users.create({
    email: 'kept@x.io',
    hashedPassword: 'h',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: null,
    phoneNumber: null,
    isMfaEnabled: false,
    createdAt: T,
    updatedAt: T,
    lastLogin: null,
    tokensInvalidatedAfter: null,
  })
  return user.id
}

const ENGINES: readonly KnexEngineName[] = ['sqlite-file', 'postgres', 'mariadb']

for (const name of ENGINES) {
  const opened = await openKnexEngine(name)
  describe(`upgrade in place on ${name}`, () => {
    if (opened.skipped) {
      it(`${name} is not tested in this run`, (test) => test.skip(opened.reason))
      return
    }
    const knex = opened.knex
    afterAll(async () => {
      for (const { prefix } of prefixes.filter((p) => p.knex === knex)) {
        await dropTables(knex, { tablePrefix: prefix })
      }
      await opened.close()
    })

    it('keeps every row, reads old states as resultWasNew false, and records both migrations', async () => {
      const tablePrefix = nextPrefix(knex, 'up')
      const userId = await databaseOf2026_05(knex, tablePrefix)
      expect(await knex.schema.hasColumn(`${tablePrefix}oauth_states`, 'result_was_new')).toBe(false)

      await migrate(knex, { tablePrefix })

      const repos = createKnexRepos(knex, { clock, tablePrefix })
      expect(await repos.users.getById(userId)).toMatchObject({ id: userId, email: 'kept@x.io' })
      expect(await repos.oauthStates.find(STATE.id)).toEqual({ ...STATE, resultWasNew: false })
      const applied = await knex(`${tablePrefix}${MIGRATIONS_TABLE}`).orderBy('id').pluck('name')
      expect(applied).toEqual(['0001_create_tables', '0002_oauth_states_result_was_new'])
      // The new column works on the upgraded table.
      await repos.oauthStates.setResultToken(STATE.id, 'jwt-2', { wasNew: true })
      expect(await repos.oauthStates.consume(STATE.id)).toEqual({
        ...STATE,
        resultToken: 'jwt-2',
        resultWasNew: true,
      })
    })

    it('is idempotent: a second migrate applies nothing and changes nothing', async () => {
      const tablePrefix = nextPrefix(knex, 'again')
      await migrate(knex, { tablePrefix })
      await migrate(knex, { tablePrefix })
      const applied = await knex(`${tablePrefix}${MIGRATIONS_TABLE}`).pluck('name')
      expect(applied).toHaveLength(2)
    })

    it("folds into an app's own knex.migrate.latest() through the exported MigrationSource", async () => {
      const tablePrefix = nextPrefix(knex, 'app')
      await databaseOf2026_05(knex, tablePrefix)
      const tableName = `${tablePrefix}${MIGRATIONS_TABLE}`
      await knex.migrate.latest({
        migrationSource: regstackMigrationSource({ tablePrefix }),
        tableName,
        disableTransactions: name === 'mariadb',
      })
      expect(await knex.schema.hasColumn(`${tablePrefix}oauth_states`, 'result_was_new')).toBe(true)
      // migrate() then sees the same table and has nothing left to do.
      await migrate(knex, { tablePrefix })
      expect(await knex(tableName).pluck('name')).toHaveLength(2)
    })
  })
}
