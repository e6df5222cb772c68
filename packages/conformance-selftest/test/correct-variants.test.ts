import { checkConformance, formatFailure } from '@regstack/conformance'
import { describe, expect, it } from 'vitest'
import { CORRECT_VARIANTS, type CorrectVariant } from '../src/index.js'

describe('correct variants: the suite must certify adapters that differ only where the contract allows', () => {
  it.each(CORRECT_VARIANTS.map((v) => [v.id, v] as const))(
    '%s is certified',
    async (_id: string, variant: CorrectVariant) => {
      const report = await checkConformance(variant.makeRepos, { name: variant.id })
      const failures = report.checks.filter((c) => c.status !== 'passed')
      for (const check of failures) console.log(formatFailure(check))
      expect(failures.map((c) => `${c.id} (${c.status})`)).toEqual([])
      expect(report.error?.message).toBeUndefined()
      expect(report.certified).toBe(true)
    },
    900_000,
  )
})
