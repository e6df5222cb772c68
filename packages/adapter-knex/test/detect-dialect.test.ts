/** detectDialect reads knex's client without connecting. */

import { FrozenClock } from '@regstack/protocols'
import knexFactory from 'knex'
import { describe, expect, it } from 'vitest'
import { createKnexRepos, detectDialect } from '../src/index.js'

describe('detectDialect', () => {
  it('maps each supported client to its family and rejects the rest', async () => {
    const cases = [
      ['pg', 'pg'],
      ['postgresql', 'pg'],
      ['mysql2', 'mysql'],
      ['better-sqlite3', 'sqlite'],
    ] as const
    for (const [client, family] of cases) {
      const knex = knexFactory({
        client,
        connection: client === 'better-sqlite3' ? { filename: ':memory:' } : {},
        useNullAsDefault: true,
      })
      expect(detectDialect(knex)).toBe(family)
      await knex.destroy()
    }
    const mssql = { client: { dialect: 'mssql', config: { client: 'mssql' } } } as unknown as Parameters<
      typeof detectDialect
    >[0]
    expect(() => detectDialect(mssql)).toThrow(TypeError)
  })

  it('createKnexRepos refuses a driver of a supported family whose results it cannot read', () => {
    for (const driverName of ['sqlite3', 'pg-native']) {
      const knex = {
        client: { dialect: driverName === 'sqlite3' ? 'sqlite3' : 'pgnative', driverName, config: {} },
      } as unknown as Parameters<typeof createKnexRepos>[0]
      expect(() => createKnexRepos(knex, { clock: new FrozenClock(new Date(0)) })).toThrow(TypeError)
    }
  })
})
