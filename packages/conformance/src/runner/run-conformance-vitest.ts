import { NEWEST_CONTRACT_REVISION, revisionIncludes } from '@regstack/protocols'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { ALL_CHECKS } from '../checks/index.js'
import { CallRecorder } from '../harness/call-recorder.js'
import { checksOfRevision, sinceOf } from '../harness/revision-view.js'
import { newRunTag, StorePool } from '../harness/store-pool.js'
import { watchCalls } from '../harness/watch-calls.js'
import { formatFailure } from '../report/format-failure.js'
import { AREAS, type ConformanceOptions, type MakeRepos } from '../types.js'
import { calibrate } from './calibrate.js'
import { NO_FAULT_HOOKS } from './conformance-run.js'
import { resolveOptions } from './resolve-options.js'
import { type RunRevision, resolveRevision } from './resolve-revision.js'
import { runCheck } from './run-check.js'
import { RunGuard } from './run-guard.js'
import { selectChecks } from './select-checks.js'

/**
 * Registers the conformance suite as vitest `describe`/`it` blocks: one `describe` per area and one
 * test per check, titled `<id>: <rule>`. Call it at the top level of a test file. A check whose call
 * never settles fails naming that call; after a few hung calls or infrastructure errors in a row the
 * remaining checks fail at once with the reason, instead of each waiting out its time limit.
 */
export function runConformance(makeRepos: MakeRepos, options: ConformanceOptions = {}): void {
  const resolved = resolveOptions(options)
  // Registered before the target is asked (vitest collects tests synchronously): the requested
  // revision's checks, else the newest's; checks beyond what the target declares are skipped.
  const selection = selectChecks(
    checksOfRevision(ALL_CHECKS, resolved.revision ?? NEWEST_CONTRACT_REVISION),
    resolved.areas,
    resolved.checks,
  )
  const pool = new StorePool(makeRepos, newRunTag(), resolved.callTimeoutMs)
  const guard = new RunGuard()
  let numRuns = resolved.numRuns ?? 0
  let hasFaults = false
  let revision: RunRevision = resolveRevision(resolved.revision, undefined)
  const title = `regstack conformance ${resolved.revision ?? NEWEST_CONTRACT_REVISION}: ${resolved.name}${selection.partial ? ' (partial run)' : ''}`
  describe(title, () => {
    beforeAll(async () => {
      const calls = new CallRecorder()
      const calibration = await watchCalls(calibrate(pool, calls), calls, resolved, 'calibration')
      numRuns = resolved.numRuns ?? calibration.numRuns
      hasFaults = calibration.faults
      revision = resolveRevision(resolved.revision, calibration.declaredRevision)
      if (revision.message !== undefined)
        console.warn(`[regstack conformance] ${resolved.name}: ${revision.message}`)
      const inapplicable = selection.checks.filter((c) => c.requires === 'faults').length
      if (!hasFaults && inapplicable > 0) {
        // vitest's default reporter only counts skips; say once why these are skipped.
        console.info(
          `[regstack conformance] ${resolved.name}: ${inapplicable} checks skipped: ${NO_FAULT_HOOKS}`,
        )
      }
    }, resolved.timeoutMs + resolved.callTimeoutMs)
    afterAll(() => pool.closeAll(), resolved.callTimeoutMs + 5_000)
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
              if (!revisionIncludes(revision.id, sinceOf(check))) {
                test.skip(`new in ${sinceOf(check)}; the target declares ${revision.id}`)
                return
              }
              if (guard.stopReason !== undefined) throw new Error(`not run: ${guard.stopReason}`)
              const testFile = relativeTestFile(test.task.file?.filepath)
              const run = await runCheck(check, {
                pool,
                masterSeed: resolved.seed,
                numRuns,
                timeoutMs: resolved.timeoutMs,
                callTimeoutMs: resolved.callTimeoutMs,
                shrink: resolved.shrink,
                replayCommand: resolved.replayCommand,
                declaredRevision: revision.declared,
                ...(testFile === undefined ? {} : { testFile }),
                ...(resolved.path === undefined ? {} : { path: resolved.path }),
              })
              guard.record(run)
              if (run.result.status !== 'passed') {
                const error = new Error(formatFailure(run.result))
                error.stack = error.message
                throw error
              }
            },
            // The check's own limit, then closing its stores (each within the call limit), then slack.
            resolved.timeoutMs + resolved.callTimeoutMs + 5_000,
          )
        }
      })
    }
  })
}

/** The test file relative to the working directory (where `npx vitest run` is typed). */
function relativeTestFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined
  const cwd = process.cwd().replaceAll('\\', '/')
  const file = path.replaceAll('\\', '/')
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file
}
