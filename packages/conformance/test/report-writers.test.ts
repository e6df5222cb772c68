import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toBadge } from '../src/report/badge.js'
import { clauseUrl } from '../src/report/clause-link.js'
import { toJUnitXml } from '../src/report/junit.js'
import { toMarkdown } from '../src/report/markdown.js'
import { type ConformanceReport, REPORT_SCHEMA_VERSION } from '../src/report/report.js'
import { validateReport } from '../src/report/validate-report.js'
import { writeReports } from '../src/report/write-reports.js'

function report(overrides: Partial<ConformanceReport> = {}): ConformanceReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    suite: { name: '@regstack/conformance', version: '0.1.0' },
    adapter: { name: 'demo <&>', engine: 'in-process' },
    startedAt: '2026-11-27T07:00:00.000Z',
    durationMs: 1234,
    seed: 42,
    numRuns: 100,
    partial: false,
    areas: ['users'],
    capabilities: { automaticExpiry: false, faults: false },
    notApplicable: [],
    summary: { total: 2, passed: 1, failed: 1, mustFailed: 1, shouldFailed: 0, errors: 0 },
    certified: false,
    checks: [
      {
        id: 'users.create.round-trip',
        title: 'create round-trips',
        area: 'users',
        level: 'MUST',
        clause: '§3.1',
        status: 'passed',
        durationMs: 3,
        seed: 7,
      },
      {
        id: 'users.getByEmail.exact-string',
        title: 'getByEmail matches the exact string',
        area: 'users',
        level: 'MUST',
        clause: '§0.5',
        status: 'failed',
        durationMs: 5.5,
        seed: 8,
        failure: {
          message: 'expected null, got { email: "A@x.io" } <\u0000>',
          counterexample: 'await repos.users.create({ email: "a@x.io" })',
          path: '0:1',
          replay: "REGSTACK_CHECK='users.getByEmail.exact-string' REGSTACK_SEED=42 npx vitest run",
        },
      },
    ],
    ...overrides,
  }
}

describe('report writers', () => {
  it('accepts a well-formed report and rejects broken ones against the published schema', () => {
    expect(validateReport(JSON.parse(JSON.stringify(report())))).toEqual([])
    expect(validateReport({ ...report(), schemaVersion: '2.0.0' }).length).toBeGreaterThan(0)
    // 1.x promise: a reader accepts properties a later 1.x adds, at every level.
    const extended = JSON.parse(JSON.stringify(report())) as { checks: Record<string, unknown>[] }
    expect(
      validateReport({ ...extended, extra: true, checks: extended.checks.map((c) => ({ ...c, later: 1 })) }),
    ).toEqual([])
    const failedWithoutFailure = { ...report(), checks: [{ ...report().checks[1], failure: undefined }] }
    expect(validateReport(JSON.parse(JSON.stringify(failedWithoutFailure))).length).toBeGreaterThan(0)
  })

  it('writes JUnit XML with escaped text, one testsuite per area and the failure in full', () => {
    const xml = toJUnitXml(report())
    expect(xml).toContain('<testsuite name="users" tests="2" failures="1"')
    expect(xml).toContain('name="regstack conformance 2026-05: demo &lt;&amp;&gt;"')
    expect(xml).not.toContain('\u0000')
    expect(xml).toContain('<failure type="MUST"')
    expect(xml).toContain('Replay:')
    expect(xml).toContain(`<property name="clauseUrl" value="${clauseUrl('§0.5')}"/>`)
    expect(xml).toContain(`Clause:  ${clauseUrl('§0.5')}`)
  })

  it('summarises in Markdown with the verdict and every failure', () => {
    const md = toMarkdown(report())
    expect(md).toContain('Not certified')
    expect(md).toContain('### users.getByEmail.exact-string')
    expect(md).toContain(`CONTRACT [§0.5](${clauseUrl('§0.5')})`)
    expect(
      toMarkdown(
        report({
          certified: true,
          checks: [report().checks[0]!],
          summary: { total: 1, passed: 1, failed: 0, mustFailed: 0, shouldFailed: 0, errors: 0 },
        }),
      ),
    ).toContain('Certified')
  })

  it('makes a shields.io endpoint badge whose colour follows the verdict', () => {
    expect(toBadge(report())).toMatchObject({ schemaVersion: 1, color: 'red', message: '1 MUST failed' })
    expect(
      toBadge(
        report({
          certified: true,
          summary: { total: 2, passed: 2, failed: 0, mustFailed: 0, shouldFailed: 0, errors: 0 },
        }),
      ).color,
    ).toBe('brightgreen')
    expect(
      toBadge(
        report({
          partial: true,
          summary: { total: 1, passed: 1, failed: 0, mustFailed: 0, shouldFailed: 0, errors: 0 },
        }),
      ).color,
    ).toBe('yellow')
  })

  it('writes the four files, and the JSON it writes validates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regstack-report-'))
    const files = await writeReports(report(), dir)
    const json = JSON.parse(await readFile(files.json, 'utf8')) as unknown
    expect(validateReport(json)).toEqual([])
    expect(await readFile(files.junit, 'utf8')).toMatch(/^<\?xml/)
    expect(await readFile(files.markdown, 'utf8')).toMatch(/^# regstack conformance/)
    expect(JSON.parse(await readFile(files.badge, 'utf8'))).toMatchObject({ schemaVersion: 1 })
  })
})
