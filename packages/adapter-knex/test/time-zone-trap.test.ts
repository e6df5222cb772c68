/**
 * End to end on MariaDB: an adapter that keeps its dates in DATETIME(3) through mysql2's default
 * `timezone: 'local'` fails the time-zone tier in every zone with daylight saving, and passes it when
 * the process runs in UTC — the zone in which the rest of the suite cannot tell it from a correct one.
 */
import { checkConformance, formatFailure, type MakeRepos } from '@regstack/conformance'
import knexFactory, { type Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKnexRepos, dropTables, migrate } from '../src/index.js'
import { datetimeColumn, throughDatetime } from './support/datetime-local-bridge.js'

const env = (name: string, fallback: string): string => process.env[name] ?? fallback

describe("MariaDB DATETIME(3) through mysql2's timezone 'local'", () => {
  let knex: Knex
  let roundTrip: (d: Date) => Promise<Date>
  const previousZones = process.env.REGSTACK_TIME_ZONES

  beforeAll(async () => {
    knex = knexFactory({
      client: 'mysql2',
      connection: {
        host: env('MYSQL_HOST', '127.0.0.1'),
        port: Number(env('MYSQL_PORT', '3306')),
        user: env('MYSQL_USER', 'root'),
        password: env('MYSQL_PASSWORD', ''),
        database: env('MYSQL_DATABASE', 'test'),
        charset: 'utf8mb4',
        // mysql2's default, spelled out: dates travel as the process zone's wall-clock time.
        timezone: 'local',
      },
      pool: { min: 0, max: 4 },
    })
    roundTrip = await datetimeColumn(knex, `rs_tz_trap_${process.pid}`)
  })

  afterAll(async () => {
    if (previousZones === undefined) delete process.env.REGSTACK_TIME_ZONES
    else process.env.REGSTACK_TIME_ZONES = previousZones
    await knex?.schema.dropTableIfExists(`rs_tz_trap_${process.pid}`)
    await knex?.destroy()
  })

  const makeRepos: MakeRepos = async ({ clock, namespace }) => {
    const tablePrefix = `${namespace}_`
    await migrate(knex, { tablePrefix })
    return {
      repos: throughDatetime(createKnexRepos(knex, { clock, tablePrefix }), roundTrip),
      close: async () => await dropTables(knex, { tablePrefix }),
    }
  }

  it('the round trip really goes through local wall-clock time (sanity of the set-up)', async () => {
    process.env.TZ = 'America/New_York'
    try {
      const second = new Date('2026-11-01T06:30:00.000Z')
      expect((await roundTrip(second)).toISOString()).toBe('2026-11-01T05:30:00.000Z')
    } finally {
      delete process.env.TZ
    }
  })

  it.each(['America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe'])(
    'fails the time-zone tier with the process in %s',
    async (zone) => {
      process.env.REGSTACK_TIME_ZONES = zone
      const report = await checkConformance(makeRepos, { areas: ['timeZones'], name: 'datetime-local' })
      const failed = report.checks.filter((c) => c.status === 'failed')
      expect(failed.length).toBeGreaterThan(0)
      for (const c of failed) expect(c.failure?.message).toContain(`time zone ${zone}`)
      console.log(formatFailure(failed[0] as (typeof failed)[number]))
    },
    300_000,
  )

  it('passes the same checks with the process in UTC, where nothing else can see the flaw', async () => {
    process.env.REGSTACK_TIME_ZONES = 'UTC'
    const report = await checkConformance(makeRepos, { areas: ['timeZones'], name: 'datetime-local' })
    for (const c of report.checks) if (c.failure) console.log(formatFailure(c))
    expect(report.summary.failed).toBe(0)
    expect(report.summary.passed).toBe(3)
  }, 300_000)
})
