/**
 * The trap a new adapter author falls into on MySQL/MariaDB: DATETIME(3) columns read and written
 * through mysql2 with its default `timezone: 'local'`. Every `Date` then travels as the process
 * zone's wall-clock reading. To show it on the real engine without a second adapter, the Knex
 * adapter's repositories are wrapped so that every date a caller passes is first stored in, and read
 * back from, a real DATETIME(3) column through that connection — what such an adapter would keep.
 */
import type { Repos } from '@regstack/protocols'
import type { Knex } from 'knex'

/** `value` with every `Date` in it (plain objects and arrays, any depth) replaced by `f(date)`. */
async function mapDates(value: unknown, f: (date: Date) => Promise<Date>): Promise<unknown> {
  if (value instanceof Date) return await f(value)
  if (Array.isArray(value)) return await Promise.all(value.map((v) => mapDates(v, f)))
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await mapDates(v, f)] as const),
    )
    return Object.fromEntries(entries)
  }
  return value
}

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
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        async (...args: unknown[]) =>
          await (method as (...a: unknown[]) => Promise<unknown>)(
            ...((await mapDates(args, roundTrip)) as unknown[]),
          ),
      ]),
    ) as R
  return {
    users: wrap(repos.users),
    pending: wrap(repos.pending),
    blacklist: wrap(repos.blacklist),
    attempts: wrap(repos.attempts),
    mfaCodes: wrap(repos.mfaCodes),
    oauthIdentities: wrap(repos.oauthIdentities),
    oauthStates: wrap(repos.oauthStates),
  }
}
