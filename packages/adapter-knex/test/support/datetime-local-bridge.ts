/**
 * The trap a new adapter author falls into on MySQL/MariaDB: DATETIME(3) columns read and written
 * through mysql2 with its default `timezone: 'local'`. Every `Date` then travels as the process
 * zone's wall-clock reading. To show it on the real engine without a second adapter, the Knex
 * adapter's repositories are wrapped so that every date a caller passes is first stored in, and read
 * back from, a real DATETIME(3) column through that connection — what such an adapter would keep.
 */
import { mapRepoDates } from '@regstack/conformance-selftest'
import type { Repos } from '@regstack/protocols'
import type { Knex } from 'knex'

/** Creates `table` (one DATETIME(3) column) and returns a function that round-trips a date through it. */
export async function datetimeColumn(knex: Knex, table: string): Promise<(d: Date) => Promise<Date>> {
  await knex.schema.dropTableIfExists(table)
  await knex.schema.createTable(table, (t) => {
    t.increments('id')
    t.datetime('v', { precision: 3 }).notNullable()
  })
  return async (d) => {
    const [id] = await knex(table).insert({ v: d })
    const row = (await knex(table).where({ id }).first('v')) as { v: Date }
    return row.v
  }
}

/** `repos` with every date argument replaced by what a DATETIME(3) column gives back for it. */
export function throughDatetime(repos: Repos, roundTrip: (d: Date) => Promise<Date>): Repos {
  return mapRepoDates(repos, 'arguments', roundTrip)
}
