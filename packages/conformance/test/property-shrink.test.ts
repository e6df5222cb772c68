import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runProperty } from '../src/harness/property.js'

async function counterexampleOf(shrink: boolean): Promise<string> {
  let calls = 0
  const failure = await runProperty(
    [fc.integer({ min: 0, max: 1_000_000 })],
    async (n) => {
      calls += 1
      if (n >= 1000) throw new Error('too big')
    },
    { seed: 42, numRuns: 100, shrink },
  ).then(
    () => undefined,
    (e: { counterexample?: string }) => e,
  )
  expect(failure, 'the property fails either way').toBeDefined()
  return `${failure?.counterexample}@${calls}`
}

describe('shrink: false', () => {
  it('still fails a failing property, but reports the first failing case without shrinking it', async () => {
    const shrunk = await counterexampleOf(true)
    const first = await counterexampleOf(false)
    expect(shrunk.startsWith('1000@')).toBe(true)
    const [value, calls] = first?.split('@') ?? []
    expect(Number(value)).toBeGreaterThanOrEqual(1000)
    expect(Number(calls)).toBeLessThan(Number(shrunk.split('@')[1]))
  })
})
