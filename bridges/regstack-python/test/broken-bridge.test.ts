import { checkConformance, createProcessTarget, isInfrastructureError } from '@regstack/conformance'
import { FrozenClock } from '@regstack/protocols'
import { describe, expect, it } from 'vitest'
import { bridgeCommand } from '../src/backends.js'

const CLOCK_CHECKS = ['users.setLastLogin.sets-only-its-fields', 'mfaCodes.verify.expiry-uses-injected-clock']

async function clockChecks(extra: readonly string[]): Promise<string[][]> {
  const target = createProcessTarget(bridgeCommand('sqlite', extra))
  try {
    const report = await checkConformance(target.makeRepos, { numRuns: 5, checks: CLOCK_CHECKS })
    return report.checks.map((c) => [c.id, c.status])
  } finally {
    await target.close()
  }
}

describe('a broken regstack bridge', () => {
  it('that ignores the suite’s clock is reported as failing the clock checks regstack passes', async () => {
    expect(await clockChecks([])).toEqual(CLOCK_CHECKS.map((id) => [id, 'passed']))
    expect(await clockChecks(['--ignore-clock'])).toEqual(CLOCK_CHECKS.map((id) => [id, 'failed']))
  })

  it('whose process is killed makes every later call an infrastructure error, not a failed check', async () => {
    const target = createProcessTarget(bridgeCommand('sqlite'))
    try {
      const clock = new FrozenClock(new Date(Date.UTC(2030, 0, 1)))
      const { repos } = await target.makeRepos({ clock, namespace: 'rs_killed_1' })
      expect(await repos.users.count()).toBe(0)
      const exited = new Promise((resolve) => setTimeout(resolve, 500))
      process.kill(target.pid() as number, 'SIGKILL')
      await exited
      const error = await repos.users.count().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isInfrastructureError(error), String(error)).toBe(true)
      const reopen = await Promise.resolve(target.makeRepos({ clock, namespace: 'rs_killed_2' })).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(isInfrastructureError(reopen), String(reopen)).toBe(true)
    } finally {
      await target.close()
    }
  })
})
