/** What the suite costs: full default runs per adapter, and how fast the mutant corpus is caught. */

import { checkConformance } from '@regstack/conformance'
import type { Mutant } from '@regstack/conformance-selftest'
import { type EngineTarget, knexTarget, memoryTarget } from '@regstack/main-job'
import type { BenchConfig } from './bench-config.js'
import type { MutantTime, SuiteTime } from './results.js'

/** The corpus may stop after this long; the rest is reported as not timed rather than blowing the budget. */
const MUTANT_BUDGET_MS = 240_000

async function openTarget(
  id: string,
  urls: Readonly<Record<string, string | undefined>>,
): Promise<EngineTarget> {
  if (id === 'memory') return memoryTarget()
  if (id === 'sqlite-file' || id === 'sqlite-memory') return await knexTarget(id)
  if (id === 'postgres' || id === 'mariadb') return await knexTarget(id, urls[id])
  throw new Error(`no suite target ${id}`)
}

/** One full default suite per target of `config.suites` (a single pass each: a suite is minutes, not µs). */
export async function timeSuites(
  config: BenchConfig,
  urls: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): Promise<SuiteTime[]> {
  const times: SuiteTime[] = []
  for (const id of config.suites) {
    let target: EngineTarget
    try {
      target = await openTarget(id, urls)
    } catch (error) {
      times.push({
        target: id,
        engine: '-',
        durationMs: Number.NaN,
        checks: 0,
        passed: 0,
        certified: false,
        note: (error as Error).message,
      })
      continue
    }
    try {
      const report = await checkConformance(target.makeRepos, { name: target.adapter, engine: target.engine })
      const { total, passed } = report.summary
      times.push({
        target: id,
        engine: target.engine,
        durationMs: report.durationMs,
        checks: total,
        passed,
        certified: report.certified,
      })
      log(`  suite ${id}: ${(report.durationMs / 1000).toFixed(1)} s, ${passed}/${total} passed`)
    } finally {
      await target.teardown()
    }
  }
  return times
}

/** The corpus, or why it could not be loaded (another engineer is still finishing it). */
export async function loadCorpus(): Promise<readonly Mutant[] | string> {
  try {
    const corpus = (await import('@regstack/conformance-selftest')) as { ALL_MUTANTS?: readonly Mutant[] }
    return corpus.ALL_MUTANTS ?? '@regstack/conformance-selftest exports no ALL_MUTANTS'
  } catch (error) {
    return `the mutant corpus did not load: ${(error as Error).message}`
  }
}

/** Time to the first failed check of each mutant, with `bail` so the run stops there. */
export async function timeMutants(
  corpus: readonly Mutant[],
  config: BenchConfig,
  log: (line: string) => void,
): Promise<{ times: MutantTime[]; skipped: number }> {
  const times: MutantTime[] = []
  const started = performance.now()
  const selected = corpus.slice(0, Math.min(corpus.length, config.mutantLimit))
  for (const mutant of selected) {
    if (performance.now() - started > MUTANT_BUDGET_MS) break
    const t0 = performance.now()
    let first: { ms: number; check: string } | undefined
    await checkConformance(mutant.makeRepos, {
      bail: true,
      name: mutant.id,
      onCheckDone: (result) => {
        if (first === undefined && result.status === 'failed')
          first = { ms: performance.now() - t0, check: result.id }
      },
    })
    const totalMs = performance.now() - t0
    times.push(
      first === undefined
        ? { id: mutant.id, totalMs }
        : { id: mutant.id, totalMs, firstFailureMs: first.ms, firstFailedCheck: first.check },
    )
  }
  log(
    `  mutants: ${times.length}/${corpus.length} timed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  return { times, skipped: corpus.length - times.length }
}
