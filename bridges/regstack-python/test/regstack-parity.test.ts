import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BRIDGE_DIR, REGSTACK_BACKENDS } from '../src/backends.js'
import { compareWithExpectations, loadExpectations } from '../src/expectations.js'
import { runBackend } from '../src/run-backend.js'

// Each backend of regstack itself runs the whole suite through the bridge. The test fails on a
// failure the expectations file does not classify, and on a classified failure that now passes.
describe.each(REGSTACK_BACKENDS)('$label', (backend) => {
  it('fails exactly the checks its expectations file classifies', async () => {
    const expectations = loadExpectations(join(BRIDGE_DIR, backend.expectations))
    const report = await runBackend(backend)
    const { unexplained, nowPassing, notRun, expectedFailures } = compareWithExpectations(
      report,
      expectations,
    )
    console.info(
      `[regstack ${backend.id}] ${report.adapter.engine}: ${report.summary.passed} passed, ` +
        `${expectedFailures} failed as classified, ${unexplained.length} unexplained, ` +
        `${nowPassing.length} listed but passing (${report.numRuns} runs, ${Math.round(report.durationMs / 1000)} s)`,
    )
    expect(notRun, 'listed checks that no longer exist (renamed or removed)').toEqual([])
    expect(
      unexplained.map((c) => `${c.id}: ${c.failure?.message.split('\n')[0] ?? c.status}`),
      'failures not in the expectations file: classify them, or fix the suite',
    ).toEqual([])
    expect(nowPassing, 'listed failures that now pass: remove them from the expectations file').toEqual([])
  })
})
