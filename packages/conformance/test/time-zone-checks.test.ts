import { createMemoryRepos } from '@regstack/adapter-memory'
import { describe, expect, it } from 'vitest'
import { checkConformance, formatFailure } from '../src/index.js'

describe('time-zone tier', () => {
  it('passes the memory adapter in every zone, says which zones ran, and restores the zone', async () => {
    const before = process.env.TZ
    const started = performance.now()
    const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      areas: ['timeZones'],
    })
    console.log(`timeZones on memory: ${Math.round(performance.now() - started)} ms`)
    for (const c of report.checks) if (c.failure) console.log(formatFailure(c))
    expect(report.summary.failed).toBe(0)
    expect(report.checks.map((c) => c.id)).toHaveLength(3)
    for (const c of report.checks) {
      expect(c.notes?.join('\n')).toContain('America/New_York')
      expect(c.notes?.join('\n')).toContain('Asia/Kathmandu (+05:45)')
    }
    expect(process.env.TZ).toBe(before)
  }, 120_000)
})
