import type { ConformanceReport } from '../report/report.js'
import { errorSummary, storageLabel, verdictOf } from '../report/verdict.js'

/** A fixed-width table of areas (passed, failed, errors, time) and the verdict line. */
export function summaryTable(report: ConformanceReport): string {
  const rows = report.areas.map((area) => {
    const checks = report.checks.filter((c) => c.area === area)
    const failed = checks.filter((c) => c.status === 'failed').length
    const errors = checks.filter((c) => c.status === 'error').length
    const ms = checks.reduce((sum, c) => sum + c.durationMs, 0)
    return [
      area,
      String(checks.length - failed - errors),
      String(failed),
      String(errors),
      `${(ms / 1000).toFixed(2)}s`,
    ]
  })
  const header = ['area', 'passed', 'failed', 'errors', 'time']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  const notApplicable =
    report.notApplicable.length === 0
      ? []
      : [`${report.notApplicable.length} check(s) not applicable: ${report.notApplicable[0]?.reason}`]
  return [
    ...notApplicable,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    verdictText(report),
    `${(report.durationMs / 1000).toFixed(1)}s · ${report.adapter.name} · ${report.adapter.engine} · seed ${report.seed} · runs ${report.numRuns}`,
  ].join('\n')
}

/** The verdict, for the revision checked: "regstack storage 2026-07: CERTIFIED: …". */
function verdictText(report: ConformanceReport): string {
  return `${storageLabel(report)}: ${verdictWords(report)}`
}

function verdictWords(report: ConformanceReport): string {
  const { passed, total, mustFailed, shouldFailed } = report.summary
  switch (verdictOf(report)) {
    case 'certified':
      return `CERTIFIED: ${passed}/${total} checks passed, the fault tier included`
    case 'certified-base':
      return `CERTIFIED · faults not exercised: ${passed}/${total} checks passed (base tier: no fault hooks)`
    case 'failed':
      return `NOT CERTIFIED: ${mustFailed} MUST check(s) failed${shouldFailed > 0 ? `, ${shouldFailed} SHOULD` : ''}`
    case 'error':
      return `ERROR, no verdict on the adapter: ${errorSummary(report)}`
    case 'partial':
      return `PARTIAL RUN: ${passed}/${total} passed, not every check ran`
  }
}
