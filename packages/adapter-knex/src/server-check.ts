/** Which MariaDB/MySQL server we talk to, and whether it can run this adapter. */
import type { Knex } from 'knex'
import { dialectOf } from './dialect.js'

/**
 * Collation for every string column on MariaDB. `utf8mb4_bin` is PAD SPACE there ('a' = 'a '), which
 * would merge keys that CONTRACT §0.5 keeps apart; `utf8mb4_nopad_bin` compares code points exactly,
 * case- and space-sensitively, in comparisons and unique indexes alike.
 */
export const MARIADB_COLLATION = 'utf8mb4_nopad_bin'

/**
 * Rejects servers of the mysql family this adapter cannot serve: it needs `INSERT/DELETE … RETURNING`
 * (MariaDB ≥ 10.5) for single-round-trip upserts and `consume`. MySQL has no `RETURNING` at all.
 * Resolves at once for the other families. One round trip on mysql.
 */
export async function assertSupportedServer(knex: Knex, family: 'pg' | 'mysql' | 'sqlite'): Promise<void> {
  if (family !== 'mysql') return
  const rows = dialectOf(family).rawRows(await knex.raw('select version() as v'))
  const version = String(rows[0]?.v ?? '')
  const match = /^(\d+)\.(\d+)/.exec(version)
  const major = Number(match?.[1] ?? 0)
  const minor = Number(match?.[2] ?? 0)
  if (!version.includes('MariaDB') || major < 10 || (major === 10 && minor < 5)) {
    throw new Error(
      `@regstack/adapter-knex needs MariaDB >= 10.5 in the mysql family (INSERT/DELETE … RETURNING, ` +
        `${MARIADB_COLLATION}); the server reports ${JSON.stringify(version)}`,
    )
  }
}
