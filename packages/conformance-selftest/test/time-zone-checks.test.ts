import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, formatFailure, validateReport } from '@regstack/conformance'
import { describe, expect, it } from 'vitest'

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
    expect(validateReport(report)).toEqual([])
  }, 120_000)
})

describe('time-zone tier where the zone cannot be changed', () => {
  it('fails every check, never passes, inside a worker thread (which ignores a TZ change)', async () => {
    const { Worker } = await import('node:worker_threads')
    const worker = new Worker(new URL('./fixtures/time-zones-in-worker.mjs', import.meta.url))
    const outcomes = await new Promise<{ id: string; status: string; message: string }[]>(
      (resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      },
    )
    await worker.terminate()
    expect(outcomes).toHaveLength(3)
    for (const outcome of outcomes) {
      expect(outcome.status).not.toBe('passed')
      expect(outcome.message).toContain('did not take effect')
    }
  }, 120_000)

  it('fails a zone Node.js does not know, and restores the zone', async () => {
    const before = process.env.TZ
    const previous = process.env.REGSTACK_TIME_ZONES
    process.env.REGSTACK_TIME_ZONES = 'Nowhere/Atlantis'
    try {
      const report = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
        areas: ['timeZones'],
      })
      expect(report.checks.every((c) => c.status !== 'passed')).toBe(true)
      expect(report.checks[0]?.failure?.message).toContain('Nowhere/Atlantis')
    } finally {
      if (previous === undefined) delete process.env.REGSTACK_TIME_ZONES
      else process.env.REGSTACK_TIME_ZONES = previous
    }
    expect(process.env.TZ).toBe(before)
  })
})
