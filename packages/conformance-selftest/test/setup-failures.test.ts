import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance, type MakeRepos } from '@regstack/conformance'
import { describe, expect, it } from 'vitest'

/**
 * An upsert whose query builder drops the RETURNING rows: the row is written, then reading the
 * returned id fails. Seen in the field; it used to make the isolation checks blame isolation.
 */
const upsertLosesReturning: MakeRepos = ({ clock }) => {
  const repos = createMemoryRepos({ clock })
  return {
    repos: {
      ...repos,
      pending: {
        ...repos.pending,
        upsert: async (input) => {
          await repos.pending.upsert(input)
          const returning: { id: string }[] = []
          return { ...input, id: returning[0]!.id }
        },
      },
    },
  }
}

describe('failures of a call a check only uses for set-up', () => {
  it('are reported as set-up failures of that operation, pointing at its own checks', async () => {
    const report = await checkConformance(upsertLosesReturning, { areas: ['isolation'] })
    const failed = report.checks.filter((c) => c.status === 'failed')
    expect(failed.map((c) => c.id).sort()).toEqual([
      'isolation.close.no-leftovers',
      'isolation.open.concurrent-stores-are-separate',
      'isolation.open.fresh-store-is-empty',
    ])
    for (const check of failed) {
      const message = check.failure?.message ?? ''
      expect(message).toMatch(/^setup step failed, not the rule under test: pending\.upsert/)
      expect(message).toContain('its own checks (pending.upsert.*)')
      expect(message).toContain('TypeError')
      expect(message).not.toContain('must not collide')
    }
  })

  it('are the rule under test in the operation’s own checks, and reported as such', async () => {
    const report = await checkConformance(upsertLosesReturning, { checks: ['pending.upsert'] })
    const failed = report.checks.filter((c) => c.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    for (const check of failed) expect(check.failure?.message).not.toContain('setup step failed')
  })
})
