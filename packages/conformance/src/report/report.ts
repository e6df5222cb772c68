import type { Area, CheckResult } from '../types.js'

/**
 * Version of the report format (semver): the major changes with any incompatible change, the minor when
 * optional properties are added (1.1: `checks[].clauseUrl`). See docs/report-format.md.
 */
export const REPORT_SCHEMA_VERSION = '1.1.0'

/** The outcome of one conformance run, as written to `report.json`. */
export interface ConformanceReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION
  readonly suite: { readonly name: '@regstack/conformance'; readonly version: string }
  readonly adapter: { readonly name: string; readonly engine: string }
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
  }
  /** True when every MUST check passed (and nothing was left out). */
  readonly certified: boolean
  readonly checks: readonly CheckResult[]
  /** Selected checks that did not run because the target lacks what they need (e.g. fault hooks), and why. */
  readonly notApplicable: readonly { readonly id: string; readonly reason: string }[]
}
