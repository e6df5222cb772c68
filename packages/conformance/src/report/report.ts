import type { ContractRevision } from '@regstack/protocols'
import type { Area, CheckResult } from '../types.js'

/**
 * Version of the report format (semver): the major changes with any incompatible change, the minor when
 * optional properties are added (1.1: `checks[].clauseUrl`; 1.2: `revision`, `checks[].since`).
 * See docs/report-format.md.
 */
export const REPORT_SCHEMA_VERSION = '1.2.0'

/** The outcome of one conformance run, as written to `report.json`. */
export interface ConformanceReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION
  readonly suite: { readonly name: '@regstack/conformance'; readonly version: string }
  readonly adapter: { readonly name: string; readonly engine: string }
  /**
   * The contract revision checked (CONTRACT §0.19) and what the target declared (`null`: nothing);
   * `message` when the user should hear about it (none declared, or checked above the declared one).
   * Schema 1.2; a report without it was checked against `2026-05`.
   */
  readonly revision?: {
    readonly id: ContractRevision
    readonly declared: ContractRevision | null
    readonly message?: string
  }
  readonly startedAt: string
  readonly durationMs: number
  /** Master seed and base run count: with them the whole run can be repeated. */
  readonly seed: number
  readonly numRuns: number
  /** True when only some areas or checks were selected. */
  readonly partial: boolean
  readonly areas: readonly Area[]
  readonly capabilities: { readonly automaticExpiry: boolean; readonly faults: boolean }
  readonly summary: {
    readonly total: number
    readonly passed: number
    readonly failed: number
    readonly mustFailed: number
    readonly shouldFailed: number
    /** Checks that ended in an infrastructure error (schema 1.1; absent in 1.0 reports). */
    readonly errors: number
  }
  /**
   * True when every MUST check that applies to the target ran and passed, nothing was left out and
   * nothing ended in an error. See `tier` for whether the fault tier was among them.
   */
  readonly certified: boolean
  /**
   * Present when certified (schema 1.1): `full` when every MUST check ran, the fault tier included;
   * `base` when the target supplied no fault hooks, so the fault tier was not exercised.
   */
  readonly tier?: 'full' | 'base'
  /**
   * Why the run ended without a verdict (schema 1.1): infrastructure errors in a row, calls that never
   * settle, or the process ending early. Absent when the run finished.
   */
  readonly error?: { readonly message: string; readonly stack?: string }
  readonly checks: readonly CheckResult[]
  /** Selected checks that did not run because the target lacks what they need (e.g. fault hooks), and why. */
  readonly notApplicable: readonly { readonly id: string; readonly reason: string }[]
}
