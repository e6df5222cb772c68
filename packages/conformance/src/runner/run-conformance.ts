import { ALL_CHECKS } from '../checks/index.js'
import { newRunTag, StorePool } from '../harness/store-pool.js'
import { formatFailure } from '../report/format-failure.js'
import { AREAS, type ConformanceOptions, type MakeRepos } from '../types.js'
import { calibrate } from './calibrate.js'
import { NO_FAULT_HOOKS } from './check-conformance.js'
import { resolveOptions } from './resolve-options.js'
import { runCheck } from './run-check.js'
import { selectChecks } from './select-checks.js'

type Vitest = Pick<typeof import('vitest'), 'describe' | 'it' | 'beforeAll' | 'afterAll'>

/**
 * vitest is an optional peer, and refuses `require()`: it is imported once here, and its absence only
 * matters when `runConformance` is called, so `checkConformance` and the CLI work without it.
 */
const vitest: Vitest | Error = await import('vitest').catch((error: unknown) =>
  error instanceof Error ? error : new Error(String(error)),
)

function loadVitest(): Vitest {
  if (vitest instanceof Error) {
    throw new Error('runConformance needs vitest (a peer dependency); use checkConformance without it', {
      cause: vitest,
    })
  }
  return vitest
}

/**
 * Registers the conformance suite as vitest `describe`/`it` blocks: one `describe` per area and one
 * test per check, titled `<id>: <rule>`. Call it at the top level of a test file.
 */
export function runConformance(makeRepos: MakeRepos, options: ConformanceOptions = {}): void {
  const { describe, it, beforeAll, afterAll } = loadVitest()
  const resolved = resolveOptions(options)
  const selection = selectChecks(ALL_CHECKS, resolved.areas, resolved.checks)
  const pool = new StorePool(makeRepos, newRunTag())
  let numRuns = resolved.numRuns ?? 0
  let hasFaults = false
  const title = `regstack conformance: ${resolved.name}${selection.partial ? ' (partial run)' : ''}`
  describe(title, () => {
    beforeAll(async () => {
      const calibration = await calibrate(pool)
      numRuns = resolved.numRuns ?? calibration.numRuns
      hasFaults = calibration.faults
      const inapplicable = selection.checks.filter((c) => c.requires === 'faults').length
      if (!hasFaults && inapplicable > 0) {
        // vitest's default reporter only counts skips; say once why these are skipped.
        console.info(
          `[regstack conformance] ${resolved.name}: ${inapplicable} checks skipped: ${NO_FAULT_HOOKS}`,
        )
      }
    }, resolved.timeoutMs)
    afterAll(() => pool.closeAll())
    for (const area of AREAS) {
      const checks = selection.checks.filter((c) => c.area === area)
      if (checks.length === 0) continue
      describe(area, () => {
        for (const check of checks) {
          it(
            `${check.id}: ${check.title}`,
            async (test) => {
              if (check.requires === 'faults' && !hasFaults) {
                test.skip(NO_FAULT_HOOKS)
                return
              }
              const result = await runCheck(check, {
                pool,
                masterSeed: resolved.seed,
                numRuns,
                timeoutMs: resolved.timeoutMs,
                shrink: resolved.shrink,
                replayCommand: resolved.replayCommand,
                ...(resolved.path === undefined ? {} : { path: resolved.path }),
              })
              if (result.status === 'failed') {
                const error = new Error(formatFailure(result))
                error.stack = `${error.message}\n${result.failure?.stack ?? ''}`
                throw error
              }
            },
            resolved.timeoutMs + 5_000,
          )
        }
      })
    }
  })
}
