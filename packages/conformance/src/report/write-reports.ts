import { mkdirSync, writeFileSync } from 'node:fs'
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
  const { files, contents } = render(report, dir)
  await mkdir(dir, { recursive: true })
  for (const [path, text] of contents) await writeFile(path, text)
  return files
}

/**
 * The same, synchronously: for the one moment nothing asynchronous can run any more, a process
 * `exit` listener (the target called `process.exit` before the verdict).
 */
export function writeReportsSync(report: ConformanceReport, dir: string): WrittenReports {
  const { files, contents } = render(report, dir)
  mkdirSync(dir, { recursive: true })
  for (const [path, text] of contents) writeFileSync(path, text)
  return files
}

function render(
  report: ConformanceReport,
  dir: string,
): { files: WrittenReports; contents: readonly [string, string][] } {
  const problems = validateReport(JSON.parse(JSON.stringify(report)))
  if (problems.length > 0) {
    throw new Error(`internal error: the report does not match its published schema:\n${problems.join('\n')}`)
  }
  const files = {
    json: join(dir, 'report.json'),
    junit: join(dir, 'junit.xml'),
    markdown: join(dir, 'summary.md'),
    badge: join(dir, 'badge.json'),
  }
  return {
    files,
    contents: [
      [files.json, `${JSON.stringify(report, null, 2)}\n`],
      [files.junit, toJUnitXml(report)],
      [files.markdown, toMarkdown(report)],
      [files.badge, `${JSON.stringify(toBadge(report))}\n`],
    ],
  }
}
