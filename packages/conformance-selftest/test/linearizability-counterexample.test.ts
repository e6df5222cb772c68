import { checkConformance } from '@regstack/conformance'
import { describe, expect, it } from 'vitest'
import { ALL_MUTANTS } from '../src/index.js'

describe('linearizability counterexamples read as an interleaving', () => {
  it('a setter written in two statements shows the torn read between them, with its replay line', async () => {
    const mutant = ALL_MUTANTS.find((m) => m.id === 'atomicity.users.setLastLogin-split-write')
    expect(mutant).toBeDefined()
    const report = await checkConformance(mutant?.makeRepos ?? (() => ({}) as never), {
      checks: ['linearizability.users.per-row'],
    })
    const failure = report.checks[0]?.failure
    expect(failure?.message).toMatch(/no sequential order of these \d+ calls/)
    const drawing = failure?.counterexample ?? ''
    // The setter's bar is open while another caller's read starts and returns.
    const lines = drawing.split('\n')
    const opened = lines.findIndex((l) => /┌ #\d+ users\.setLastLogin/.test(l))
    const closed = lines.findIndex((l, i) => i > opened && /└ #\d+ → ok/.test(l))
    const read = lines.findIndex((l, i) => i > opened && i < closed && /┌ #\d+ users\.getBy/.test(l))
    expect(opened, drawing).toBeGreaterThanOrEqual(0)
    expect(read, drawing).toBeGreaterThan(opened)
    expect(closed, drawing).toBeGreaterThan(read)
    expect(failure?.replay).toMatch(/REGSTACK_PATH='[\d:]+'/)
  }, 120_000)
})
