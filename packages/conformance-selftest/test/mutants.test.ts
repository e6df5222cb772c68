import { createMemoryRepos } from '@regstack/adapter-memory'
import { checkConformance } from '@regstack/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_MUTANTS, type Mutant } from '../src/index.js'

interface Kill {
  readonly id: string
  readonly clause: string
  readonly killed: boolean
  readonly firstFailure: string
  readonly ms: number
}

const kills: Kill[] = []
/**
 * Checks the reference adapter passes. A check that also rejects the correct memory adapter proves
 * nothing about a mutant, so a mutant only counts as killed by a check the reference passes.
 */
let trustedChecks: string[] = []
/** The area of each trusted check, so a mutant that names the area meant to catch it runs only that. */
const areaOf = new Map<string, string>()

describe('mutant corpus: the suite must refuse to certify every deliberately broken adapter', () => {
  beforeAll(async () => {
    const reference = await checkConformance(({ clock }) => ({ repos: createMemoryRepos({ clock }) }), {
      name: 'memory-reference',
    })
    trustedChecks = reference.checks.filter((c) => c.status === 'passed').map((c) => c.id)
    for (const c of reference.checks) areaOf.set(c.id, c.area)
    const distrusted = reference.checks.filter((c) => c.status === 'failed').map((c) => c.id)
    if (distrusted.length > 0) {
      console.log(
        `checks that fail the reference adapter too, not counted as kills: ${distrusted.join(', ')}`,
      )
    }
  }, 600_000)

  it('has at least 45 mutants with unique ids', () => {
    expect(ALL_MUTANTS.length).toBeGreaterThanOrEqual(45)
    expect(new Set(ALL_MUTANTS.map((m) => m.id)).size).toBe(ALL_MUTANTS.length)
  })

  it.each(ALL_MUTANTS.map((m) => [m.id, m] as const))(
    '%s is not certified',
    async (_id: string, mutant: Mutant) => {
      const started = performance.now()
      expect(trustedChecks.length).toBeGreaterThan(0)
      // A mutant of a generic class (e.g. atomicity) must be caught by the general check on its own.
      const checks =
        mutant.caughtBy === undefined
          ? trustedChecks
          : trustedChecks.filter((id) => areaOf.get(id) === mutant.caughtBy)
      expect(checks.length).toBeGreaterThan(0)
      const report = await checkConformance(mutant.makeRepos, { bail: true, name: mutant.id, checks })
      const failed = report.checks.find((c) => c.status === 'failed' && c.level === 'MUST')
      kills.push({
        id: mutant.id,
        clause: mutant.clause,
        killed: report.summary.mustFailed > 0,
        firstFailure: failed?.id ?? '-',
        ms: Math.round(performance.now() - started),
      })
      expect(
        report.summary.mustFailed,
        `${mutant.id} survived: ${mutant.description} (${mutant.clause})`,
      ).toBeGreaterThan(0)
    },
    600_000,
  )

  afterAll(() => {
    if (kills.length === 0) return
    const killed = kills.filter((k) => k.killed).length
    const rows = kills.map(
      (k) =>
        `${k.killed ? 'killed  ' : 'SURVIVED'}  ${k.id.padEnd(58)} ${String(k.ms).padStart(7)} ms  caught by ${k.firstFailure}`,
    )
    console.log(
      [
        'mutant self-test',
        ...rows,
        `kill rate: ${killed}/${kills.length} (${((100 * killed) / kills.length).toFixed(1)}%)`,
      ].join('\n'),
    )
  })
})
