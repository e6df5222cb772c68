import { clauseUrl } from './clause-link.js'
import { formatFailure } from './format-failure.js'
import type { ConformanceReport } from './report.js'

/** The report as JUnit XML: one `<testsuite>` per area, one `<testcase>` per check. */
export function toJUnitXml(report: ConformanceReport): string {
  const suites = report.areas.map((area) => {
    const checks = report.checks.filter((c) => c.area === area)
    const failures = checks.filter((c) => c.status === 'failed').length
    const seconds = checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000
    const cases = checks.map((c) => {
      const open = `    <testcase classname="${xml(`${report.adapter.name}.${area}`)}" name="${xml(`${c.id}: ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(3)}">`
      // Per-testcase properties carry the clause and its address (GitLab, Jenkins and most JUnit
      // readers show them); a failure repeats the address in its text.
      const properties = [
        '      <properties>',
        `        <property name="clause" value="${xml(c.clause)}"/>`,
        `        <property name="clauseUrl" value="${xml(clauseUrl(c.clause))}"/>`,
        '      </properties>',
      ]
      const failure =
        c.status === 'passed'
          ? []
          : [
              `      <failure type="${c.level}" message="${xml(c.failure?.message ?? '')}">${xml(formatFailure(c))}</failure>`,
            ]
      return [open, ...properties, ...failure, '    </testcase>'].join('\n')
    })
    return [
      `  <testsuite name="${xml(area)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0" time="${seconds.toFixed(3)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n')
  })
  const { total, failed } = report.summary
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`regstack conformance: ${report.adapter.name}`)}" tests="${total}" failures="${failed}" errors="0" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry at all. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
