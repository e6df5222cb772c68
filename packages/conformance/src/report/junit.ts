import type { CheckResult } from '../types.js'
import { clauseUrl } from './clause-link.js'
import { formatFailure } from './format-failure.js'
import type { ConformanceReport } from './report.js'
import { revisionOf } from './verdict.js'

/**
 * The report as JUnit XML: one `<testsuite>` per area, one `<testcase>` per check; failures as
 * `<failure>`, infrastructure errors as `<error>`, and a run that ended without a verdict as one more
 * suite, `run`, whose single case is that `<error>`.
 */
export function toJUnitXml(report: ConformanceReport): string {
  const suites = report.areas.map((area) => {
    const checks = report.checks.filter((c) => c.area === area)
    const failures = checks.filter((c) => c.status === 'failed').length
    const errors = checks.filter((c) => c.status === 'error').length
    const seconds = checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000
    return [
      `  <testsuite name="${xml(area)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds.toFixed(3)}">`,
      ...checks.map((c) => testCase(report, c)),
      '  </testsuite>',
    ].join('\n')
  })
  if (report.error !== undefined) {
    suites.push(
      [
        `  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0.000">`,
        `    <testcase classname="${xml(`${report.adapter.name}.run`)}" name="the run reaches a verdict" time="0.000">`,
        `      <error type="infrastructure" message="${xml(report.error.message)}">${xml(report.error.stack ?? report.error.message)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      ].join('\n'),
    )
  }
  const { total, failed } = report.summary
  const errors = (report.summary.errors ?? 0) + (report.error === undefined ? 0 : 1)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`regstack conformance ${revisionOf(report)}: ${report.adapter.name}`)}" tests="${total + (report.error === undefined ? 0 : 1)}" failures="${failed}" errors="${errors}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function testCase(report: ConformanceReport, c: CheckResult): string {
  const open = `    <testcase classname="${xml(`${report.adapter.name}.${c.area}`)}" name="${xml(`${c.id}: ${c.title}`)}" time="${(c.durationMs / 1000).toFixed(3)}"`
  // Per-testcase properties carry the clause and its address (GitLab, Jenkins and most JUnit readers
  // show them); a failure repeats the address in its text.
  const properties = [
    '      <properties>',
    `        <property name="clause" value="${xml(c.clause)}"/>`,
    `        <property name="clauseUrl" value="${xml(clauseUrl(c.clause))}"/>`,
    `        <property name="contractRevision" value="${xml(revisionOf(report))}"/>`,
    `        <property name="since" value="${xml(c.since ?? '2026-05')}"/>`,
    '      </properties>',
  ]
  const verdict: string[] = []
  if (c.status !== 'passed') {
    const tag = c.status === 'error' ? 'error' : 'failure'
    const type = c.status === 'error' ? 'infrastructure' : c.level
    verdict.push(
      `      <${tag} type="${type}" message="${xml(c.failure?.message ?? '')}">${xml(formatFailure(c))}</${tag}>`,
    )
  }
  return [`${open}>`, ...properties, ...verdict, '    </testcase>'].join('\n')
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
