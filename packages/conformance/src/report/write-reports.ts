import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { toBadge } from './badge.js'
import { toJUnitXml } from './junit.js'
import { toMarkdown } from './markdown.js'
import type { ConformanceReport } from './report.js'
import { validateReport } from './validate-report.js'

/** Paths of the four report files. */
export interface WrittenReports {
  readonly json: string
  readonly junit: string
  readonly markdown: string
  readonly badge: string
}

/**
 * Writes `report.json` (validated against the published schema first: an invalid report is a bug in
 * the suite and throws), `junit.xml`, `summary.md` and `badge.json` into `dir`.
 */
export async function writeReports(report: ConformanceReport, dir: string): Promise<WrittenReports> {
  const problems = validateReport(JSON.parse(JSON.stringify(report)))
  if (problems.length > 0) {
    throw new Error(`internal error: the report does not match its published schema:\n${problems.join('\n')}`)
  }
  await mkdir(dir, { recursive: true })
  const files = {
    json: join(dir, 'report.json'),
    junit: join(dir, 'junit.xml'),
    markdown: join(dir, 'summary.md'),
    badge: join(dir, 'badge.json'),
  }
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(files.junit, toJUnitXml(report))
  await writeFile(files.markdown, toMarkdown(report))
  await writeFile(files.badge, `${JSON.stringify(toBadge(report))}\n`)
  return files
}
