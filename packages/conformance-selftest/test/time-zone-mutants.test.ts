import { AREAS, checkConformance, formatFailure } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TIME_ZONE_MUTANTS } from '../src/index.js'

/**
 * The time-zone mutants must be caught by the `timeZones` area and by nothing else: run in UTC, every
 * other area passes them, which is why the tier exists.
 */
describe('time-zone mutants: caught by the time-zone tier and only by it', () => {
  const previous = process.env.TZ
  beforeAll(() => {
    process.env.TZ = 'UTC'
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ
    else process.env.TZ = previous
  })

  it.each(TIME_ZONE_MUTANTS.map((m) => [m.id, m] as const))(
    '%s fails the timeZones area',
    async (_id, mutant) => {
      const report = await checkConformance(mutant.makeRepos, { name: mutant.id, areas: ['timeZones'] })
      const failed = report.checks.filter((c) => c.status === 'failed')
      for (const c of failed) console.log(formatFailure(c))
      expect(report.summary.mustFailed).toBeGreaterThan(0)
      expect(process.env.TZ).toBe('UTC')
    },
    300_000,
  )

  it.each(TIME_ZONE_MUTANTS.map((m) => [m.id, m] as const))(
    '%s passes every other area in UTC',
    async (_id, mutant) => {
      const report = await checkConformance(mutant.makeRepos, {
        name: mutant.id,
        areas: AREAS.filter((a) => a !== 'timeZones'),
      })
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([])
      expect(report.summary.passed).toBeGreaterThan(100)
    },
    600_000,
  )
})
