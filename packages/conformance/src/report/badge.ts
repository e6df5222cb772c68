import type { ConformanceReport } from './report.js'
import { storageLabel, verdictOf } from './verdict.js'

/** A shields.io endpoint badge (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpointBadge {
  readonly schemaVersion: 1
  readonly label: string
  readonly message: string
  readonly color: 'brightgreen' | 'green' | 'red' | 'yellow' | 'lightgrey'
}

/**
 * The badge for a report, labelled with the contract revision it was checked against: bright green when certified with every tier, green when certified without
 * the fault tier (and it says so), red when a MUST failed, grey "error" when the run reached no
 * verdict, yellow for partial runs.
 */
export function toBadge(report: ConformanceReport): ShieldsEndpointBadge {
  const { passed, total, mustFailed } = report.summary
  // The revision is part of the claim: "regstack storage 2026-07 | certified 312/312".
  const label = storageLabel(report)
  switch (verdictOf(report)) {
    case 'certified':
      return { schemaVersion: 1, label, message: `certified ${passed}/${total}`, color: 'brightgreen' }
    case 'certified-base':
      return {
        schemaVersion: 1,
        label,
        message: `certified ${passed}/${total} · faults not exercised`,
        color: 'green',
      }
    case 'failed':
      return { schemaVersion: 1, label, message: `${mustFailed} MUST failed`, color: 'red' }
    case 'error':
      return { schemaVersion: 1, label, message: 'error', color: 'lightgrey' }
    case 'partial':
      return { schemaVersion: 1, label, message: `partial ${passed}/${total}`, color: 'yellow' }
  }
}
