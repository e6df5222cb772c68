import type { Area } from '../types.js'
import { clauseMarkdown } from './clause-link.js'
import { formatFailure } from './format-failure.js'
import type { ConformanceReport } from './report.js'

/** A Markdown summary, ready for `$GITHUB_STEP_SUMMARY`: verdict, per-area table, every failure in full. */
export function toMarkdown(report: ConformanceReport): string {
  const { summary } = report
  const verdict = report.certified
    ? '✅ **Certified**: every MUST check passed.'
    : summary.mustFailed > 0
      ? `❌ **Not certified**: ${summary.mustFailed} MUST check(s) failed.`
      : '⚠️ **Partial run**: not every check ran, so no certification.'
  const lines = [
    `# regstack conformance: ${report.adapter.name}`,
    '',
    verdict,
    '',
    `| | |`,
    `|---|---|`,
    `| Adapter | ${cell(report.adapter.name)} |`,
    `| Engine | ${cell(report.adapter.engine)} |`,
    `| Suite | ${report.suite.name}@${report.suite.version} (report schema ${report.schemaVersion}) |`,
    `| Checks | ${summary.passed}/${summary.total} passed (${summary.mustFailed} MUST, ${summary.shouldFailed} SHOULD failed) |`,
    `| Seed / runs | ${report.seed} / ${report.numRuns} |`,
    `| Capabilities | automaticExpiry: ${report.capabilities.automaticExpiry} |`,
    `| Duration | ${(report.durationMs / 1000).toFixed(1)} s |`,
    '',
    '| Area | Passed | Failed | Time |',
    '|---|---:|---:|---:|',
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
  const failed = report.checks.filter((c) => c.status === 'failed')
  if (failed.length > 0) {
    lines.push('', '## Failures', '')
    for (const check of failed) {
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

function areaRow(report: ConformanceReport, area: Area): string {
  const checks = report.checks.filter((c) => c.area === area)
  const failed = checks.filter((c) => c.status === 'failed').length
  const ms = checks.reduce((sum, c) => sum + c.durationMs, 0)
  return `| ${area} | ${checks.length - failed} | ${failed} | ${(ms / 1000).toFixed(2)} s |`
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
