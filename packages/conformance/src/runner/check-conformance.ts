import { readFileSync } from 'node:fs'
import { ALL_CHECKS } from '../checks/index.js'
import { newRunTag, StorePool } from '../harness/store-pool.js'
import { clauseUrl } from '../report/clause-link.js'
import { type ConformanceReport, REPORT_SCHEMA_VERSION } from '../report/report.js'
import type { CheckResult, ConformanceOptions, MakeRepos } from '../types.js'
import { calibrate } from './calibrate.js'
import { resolveOptions } from './resolve-options.js'
import { runCheck } from './run-check.js'
import { selectChecks } from './select-checks.js'

/** This package's version, read once from its package.json (same depth from src/ and dist/). */
export const SUITE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version

/** Why a fault-injection check did not run. */
export const NO_FAULT_HOOKS =
  'the target supplies no fault hooks (ConformanceTarget.faults); the fault-injection tier is optional'

/**
 * Runs the conformance suite against `makeRepos` without any test runner and resolves to the report.
 * Never rejects for a failing check (failures are in the report); rejects only for bad options.
 */
export async function checkConformance(
  makeRepos: MakeRepos,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const resolved = resolveOptions(options)
  const selection = selectChecks(ALL_CHECKS, resolved.areas, resolved.checks)
  if (resolved.path !== undefined && selection.checks.length !== 1) {
    throw new TypeError('a replay path needs exactly one check selected (REGSTACK_CHECK=<id>)')
  }
  const startedAt = new Date()
  const started = performance.now()
  const pool = new StorePool(makeRepos, newRunTag())
  const calibration = await calibrate(pool)
  const numRuns = resolved.numRuns ?? calibration.numRuns
  const results: CheckResult[] = []
  const applicable = selection.checks.filter((c) => c.requires !== 'faults' || calibration.faults)
  const notApplicable = selection.checks
    .filter((c) => !applicable.includes(c))
    .map((c) => ({ id: c.id, reason: NO_FAULT_HOOKS }))
  for (const check of applicable) {
    const result = await runCheck(check, {
      pool,
      masterSeed: resolved.seed,
      numRuns,
      timeoutMs: resolved.timeoutMs,
      shrink: resolved.shrink,
      replayCommand: resolved.replayCommand,
      ...(resolved.path === undefined ? {} : { path: resolved.path }),
    })
    results.push(result)
    options.onCheckDone?.(result, results.length, applicable.length)
    if (options.bail === true && result.status === 'failed' && result.level === 'MUST') break
  }
  await pool.closeAll()
  const failed = results.filter((r) => r.status === 'failed')
  const mustFailed = failed.filter((r) => r.level === 'MUST').length
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: '@regstack/conformance', version: SUITE_VERSION },
    adapter: { name: resolved.name, engine: resolved.engine },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    seed: resolved.seed,
    numRuns,
    partial: selection.partial || results.length < applicable.length,
    areas: selection.areas.filter((a) => applicable.some((c) => c.area === a)),
    capabilities: { automaticExpiry: calibration.automaticExpiry, faults: calibration.faults },
    summary: {
      total: results.length,
      passed: results.length - failed.length,
      failed: failed.length,
      mustFailed,
      shouldFailed: failed.length - mustFailed,
    },
    certified: mustFailed === 0 && !selection.partial && results.length === applicable.length,
    checks: results.map((r) => ({ ...r, clauseUrl: clauseUrl(r.clause) })),
    notApplicable,
  }
}
