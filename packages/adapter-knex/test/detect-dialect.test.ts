/** detectDialect reads knex's client without connecting. */
import knexFactory from 'knex'
import { describe, expect, it } from 'vitest'
import { detectDialect } from '../src/index.js'

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
})
