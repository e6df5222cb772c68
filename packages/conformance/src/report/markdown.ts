import type { Area } from '../types.js'
import { clauseMarkdown } from './clause-link.js'
import { formatFailure } from './format-failure.js'
import type { ConformanceReport } from './report.js'
import { errorSummary, revisionOf, storageLabel, verdictOf } from './verdict.js'

/**
 * A Markdown summary, ready for `$GITHUB_STEP_SUMMARY`: verdict, what the target declared, per-area
 * table, every error and failure in full.
 */
export function toMarkdown(report: ConformanceReport): string {
  const { summary } = report
  const lines = [
    `# regstack conformance: ${report.adapter.name}`,
    '',
    verdictLine(report),
    '',
    `| | |`,
    `|---|---|`,
    `| Adapter | ${cell(report.adapter.name)} |`,
    `| Engine | ${cell(report.adapter.engine)} |`,
    revisionRow(report),
    `| Suite | ${report.suite.name}@${report.suite.version} (report schema ${report.schemaVersion}) |`,
    `| Checks | ${summary.passed}/${summary.total} passed (${summary.mustFailed} MUST, ${summary.shouldFailed} SHOULD failed, ${summary.errors ?? 0} errors) |`,
    `| Seed / runs | ${report.seed} / ${report.numRuns} |`,
    ...declared(report),
    `| Duration | ${(report.durationMs / 1000).toFixed(1)} s |`,
    '',
    '| Area | Passed | Failed | Errors | Time |',
    '|---|---:|---:|---:|---:|',
    ...report.areas.map((area) => areaRow(report, area)),
  ]
  if (report.notApplicable.length > 0) {
    lines.push(
      '',
      `${report.notApplicable.length} check(s) not applicable: ${report.notApplicable[0]?.reason ?? ''}.`,
    )
  }
  const noted = report.checks.filter((c) => c.notes !== undefined && c.notes.length > 0)
  if (noted.length > 0) {
    lines.push('', '## Notes', '')
    for (const check of noted) for (const note of check.notes ?? []) lines.push(`- \`${check.id}\`: ${note}`)
  }
  if (report.error !== undefined) {
    lines.push('', '## Why the run stopped', '', '```text', report.error.message)
    if (report.error.stack !== undefined) lines.push('', report.error.stack)
    lines.push('```')
  }
  for (const [status, heading] of [
    ['error', 'Errors (no verdict: the infrastructure failed)'],
    ['failed', 'Failures'],
  ] as const) {
    const checks = report.checks.filter((c) => c.status === status)
    if (checks.length === 0) continue
    lines.push('', `## ${heading}`, '')
    for (const check of checks) {
      lines.push(
        `### ${check.id}`,
        '',
        `${check.level}, CONTRACT ${clauseMarkdown(check.clause)}: ${cell(check.title)}`,
        '',
        '```text',
        formatFailure(check),
        '```',
        '',
      )
    }
  }
  return `${lines.join('\n')}\n`
}

function verdictLine(report: ConformanceReport): string {
  const label = storageLabel(report)
  switch (verdictOf(report)) {
    case 'certified':
      return `✅ **${label}: Certified**: every MUST check ran and passed, the fault tier included.`
    case 'certified-base':
      return `✅ **${label}: Certified · faults not exercised**: every MUST check that applies ran and passed; the target supplies no fault hooks, so the fault-injection tier did not run.`
    case 'failed':
      return `❌ **${label}: Not certified**: ${report.summary.mustFailed} MUST check(s) failed.`
    case 'error':
      return `⛔ **Error, no verdict**: ${cell(errorSummary(report))}`
    case 'partial':
      return `⚠️ **${label}: Partial run**: not every check ran, so no certification.`
  }
}

/** The revision checked, what the target declared, and the run's message about it. */
function revisionRow(report: ConformanceReport): string {
  const declared =
    report.revision === undefined ? '' : ` (target declares: ${report.revision.declared ?? 'nothing'})`
  const message = report.revision?.message === undefined ? '' : `; ${report.revision.message}`
  return `| Contract revision | ${revisionOf(report)}${declared}${cell(message)} |`
}

/** One row per capability and hook the target could declare, with what it declared. */
function declared(report: ConformanceReport): string[] {
  const { capabilities, notApplicable } = report
  return [
    `| Capability \`automaticExpiry\` | ${capabilities.automaticExpiry ? 'declared: the engine reaps expired rows itself' : 'not declared'} |`,
    `| Hook \`faults.dropConnections\` | ${hookCell(
      capabilities.faults,
      report.checks.some((c) => c.area === 'faults'),
      notApplicable.length,
    )} |`,
  ]
}

function hookCell(supplied: boolean, ran: boolean, notApplicable: number): string {
  if (supplied) return ran ? 'supplied: the fault-injection tier ran' : 'supplied'
  return notApplicable === 0
    ? 'not supplied'
    : `not supplied: the fault-injection tier was not exercised (${notApplicable} checks)`
}

function areaRow(report: ConformanceReport, area: Area): string {
  const checks = report.checks.filter((c) => c.area === area)
  const failed = checks.filter((c) => c.status === 'failed').length
  const errors = checks.filter((c) => c.status === 'error').length
  const ms = checks.reduce((sum, c) => sum + c.durationMs, 0)
  return `| ${area} | ${checks.length - failed - errors} | ${failed} | ${errors} | ${(ms / 1000).toFixed(2)} s |`
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
