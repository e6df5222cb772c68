import type { ConformanceReport } from './report.js'

/** A shields.io endpoint badge (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpointBadge {
  readonly schemaVersion: 1
  readonly label: string
  readonly message: string
  readonly color: 'brightgreen' | 'red' | 'yellow'
}

/** The badge for a report: green when certified, red when a MUST failed, yellow for partial runs. */
export function toBadge(report: ConformanceReport): ShieldsEndpointBadge {
  const { passed, total, mustFailed } = report.summary
  if (report.certified) {
    return {
      schemaVersion: 1,
      label: 'regstack conformance',
      message: `certified ${passed}/${total}`,
      color: 'brightgreen',
    }
  }
  if (mustFailed > 0) {
    return {
      schemaVersion: 1,
      label: 'regstack conformance',
      message: `${mustFailed} MUST failed`,
      color: 'red',
    }
  }
  return {
    schemaVersion: 1,
    label: 'regstack conformance',
    message: `partial ${passed}/${total}`,
    color: 'yellow',
  }
}
