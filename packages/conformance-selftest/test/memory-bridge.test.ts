import { fileURLToPath } from 'node:url'
import { checkConformance, createProcessTarget } from '@regstack/conformance'
import { describe, expect, it } from 'vitest'

// A plain-JavaScript server over the built packages (turbo builds them before tests).
const SERVER = fileURLToPath(new URL('./fixtures/memory-bridge.mjs', import.meta.url))

describe('the process bridge', () => {
  it('is faithful: the in-memory adapter behind it certifies on the full suite', async () => {
    const target = createProcessTarget({ command: process.execPath, args: [SERVER] })
    try {
      const report = await checkConformance(target.makeRepos, { numRuns: 20 })
      const failed = report.checks.filter((c) => c.status !== 'passed')
      expect(failed.map((c) => `${c.id}: ${c.failure?.message.split('\n')[0]}`)).toEqual([])
      expect(report.certified).toBe(true)
      // The handshake's revision reaches the report.
      expect(report.revision).toMatchObject({ id: '2026-07', declared: '2026-07' })
    } finally {
      await target.close()
    }
  })

  it('reports a bridge target that ignores the suite’s clock as failing', async () => {
    const target = createProcessTarget({ command: process.execPath, args: [SERVER, '--ignore-clock'] })
    try {
      const report = await checkConformance(target.makeRepos, { numRuns: 5, areas: ['users', 'mfaCodes'] })
      const failed = report.checks.filter((c) => c.status === 'failed').map((c) => c.id)
      expect(failed).toEqual(expect.arrayContaining(['mfaCodes.verify.expiry-uses-injected-clock']))
      expect(report.certified).toBe(false)
    } finally {
      await target.close()
    }
  })
})
