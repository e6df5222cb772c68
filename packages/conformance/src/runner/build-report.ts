import { clauseUrl } from '../report/clause-link.js'
import { type ConformanceReport, REPORT_SCHEMA_VERSION } from '../report/report.js'
import type { Area, CheckResult } from '../types.js'
import type { Calibration } from './calibrate.js'
import type { RunRevision } from './resolve-revision.js'
import type { Selection } from './select-checks.js'
import { SUITE_VERSION } from './suite-version.js'

/** Everything a report is made of. */
export interface ReportParts {
  readonly name: string
  readonly engine: string
  readonly seed: number
  readonly numRuns: number
  /** The contract revision checked and what the target declared. */
  readonly revision: RunRevision
  readonly startedAt: Date
  readonly durationMs: number
  readonly selection: Selection
  /** Undefined when calibration itself failed. */
  readonly calibration: Calibration | undefined
  /** How many checks were to run (selected and applicable). */
  readonly applicable: number
  readonly applicableAreas: readonly Area[]
  readonly notApplicable: readonly { readonly id: string; readonly reason: string }[]
  readonly results: readonly CheckResult[]
  /** Why the run ended without a verdict, when it did. */
  readonly error?: { readonly message: string; readonly stack?: string }
}

/**
 * The report: counts, and the verdict. Certified only when every applicable MUST ran and passed, the
 * selection was complete and nothing ended in an error; `tier` then says whether the fault tier ran.
 */
export function buildReport(parts: ReportParts): ConformanceReport {
  const { results } = parts
  const failed = results.filter((r) => r.status === 'failed')
  const errors = results.filter((r) => r.status === 'error').length
  const mustFailed = failed.filter((r) => r.level === 'MUST').length
  const complete = !parts.selection.partial && results.length === parts.applicable
  const certified = parts.error === undefined && errors === 0 && mustFailed === 0 && complete
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: '@regstack/conformance', version: SUITE_VERSION },
    adapter: { name: parts.name, engine: parts.engine },
    revision: {
      id: parts.revision.id,
      declared: parts.revision.declared,
      ...(parts.revision.message === undefined ? {} : { message: parts.revision.message }),
    },
    startedAt: parts.startedAt.toISOString(),
    durationMs: Math.round(parts.durationMs),
    seed: parts.seed,
    numRuns: parts.numRuns,
    partial: parts.selection.partial || results.length < parts.applicable,
    areas: [...parts.applicableAreas],
    capabilities: {
      automaticExpiry: parts.calibration?.automaticExpiry ?? false,
      faults: parts.calibration?.faults ?? false,
    },
    summary: {
      total: results.length,
      passed: results.filter((r) => r.status === 'passed').length,
      failed: failed.length,
      mustFailed,
      shouldFailed: failed.length - mustFailed,
      errors,
    },
    certified,
    ...(certified ? { tier: parts.notApplicable.length === 0 ? ('full' as const) : ('base' as const) } : {}),
    ...(parts.error === undefined ? {} : { error: parts.error }),
    checks: results.map((r) => ({ ...r, clauseUrl: clauseUrl(r.clause) })),
    notApplicable: parts.notApplicable,
  }
}
