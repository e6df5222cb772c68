import { join } from 'node:path'
import { type ConformanceReport, checkConformance, formatFailure, writeReports } from '@regstack/conformance'
import { plannedTargets } from './matrix-targets.js'
import { regstackRows } from './regstack-rows.js'

/** One row of the compatibility matrix. */
interface MatrixRow {
  readonly adapter: string
  readonly engine: string
  readonly result: string
  readonly checks: string
  readonly time: string
}

/**
 * The main job: certifies every planned target with the full default suite, writes each one's four
 * report files under `reports/<target>/`, and prints the compatibility matrix. Exit code 1 when any
 * target that ran is not certified or could not be opened.
 */
async function runMatrix(outDir: string): Promise<number> {
  const rows: MatrixRow[] = []
  let failed = false
  for (const planned of plannedTargets(process.env)) {
    if (planned.open === undefined) {
      rows.push({
        adapter: '-',
        engine: planned.id,
        result: `not run: ${planned.notRunBecause}`,
        checks: '-',
        time: '-',
      })
      continue
    }
    process.stdout.write(`\n▶ ${planned.id}\n`)
    let report: ConformanceReport
    let target: Awaited<ReturnType<NonNullable<typeof planned.open>>> | undefined
    try {
      target = await planned.open()
      const area = { current: '' }
      report = await checkConformance(target.makeRepos, {
        name: target.adapter,
        engine: target.engine,
        onHeartbeat: (beat) => {
          const waiting = beat.pending[0] === undefined ? '' : `, waiting on ${beat.pending[0].call}`
          process.stdout.write(
            `  still running ${beat.running} (${Math.round(beat.runningMs / 1000)} s${waiting})\n`,
          )
        },
        onCheckDone: (result, done, total) => {
          if (result.status !== 'passed')
            process.stdout.write(`  ${result.status.toUpperCase()} ${result.id}\n`)
          if (result.area !== area.current || done === total) {
            area.current = result.area
            process.stdout.write(`  ${done}/${total} checks (${result.area})\n`)
          }
        },
      })
    } catch (error) {
      failed = true
      rows.push({
        adapter: target?.adapter ?? '?',
        engine: planned.id,
        result: `ERROR: ${(error as Error).message}`,
        checks: '-',
        time: '-',
      })
      await target?.teardown()
      continue
    }
    await target.teardown()
    const files = await writeReports(report, join(outDir, planned.id))
    for (const check of report.checks)
      if (check.status !== 'passed') process.stdout.write(`\n${formatFailure(check)}\n`)
    if (report.error !== undefined) process.stdout.write(`\n  ERROR: ${report.error.message}\n`)
    if (!report.certified) failed = true
    rows.push({
      adapter: report.adapter.name,
      engine: report.adapter.engine,
      result: resultCell(report),
      checks: `${report.summary.passed}/${report.summary.total}`,
      time: `${(report.durationMs / 1000).toFixed(1)}s`,
    })
    process.stdout.write(`  reports: ${files.json}\n`)
  }
  for (const row of await regstackRows((line) => process.stdout.write(line))) {
    if (row.unexpected) failed = true
    rows.push(row)
  }
  process.stdout.write(
    `\nregstack conformance — compatibility matrix\n\n${table(rows)}\n\nreports in ${outDir}/<target>/\n`,
  )
  return failed ? 1 : 0
}

function resultCell(report: ConformanceReport): string {
  if (report.error !== undefined || report.summary.errors > 0) {
    return `ERROR (${report.summary.errors} checks; no verdict)`
  }
  if (report.certified) return report.tier === 'base' ? 'CERTIFIED · faults not exercised' : 'CERTIFIED'
  return `FAILED (${report.summary.mustFailed} MUST)`
}

function table(rows: readonly MatrixRow[]): string {
  const header: MatrixRow = {
    adapter: 'adapter',
    engine: 'engine',
    result: 'result',
    checks: 'checks',
    time: 'time',
  }
  const keys = ['adapter', 'engine', 'result', 'checks', 'time'] as const
  const all = [header, ...rows]
  const width = (k: (typeof keys)[number]) => Math.max(...all.map((r) => r[k].length))
  const line = (r: MatrixRow) => `| ${keys.map((k) => r[k].padEnd(width(k))).join(' | ')} |`
  const rule = `|${keys.map((k) => '-'.repeat(width(k) + 2)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

const outDir = process.argv[2] ?? join(process.cwd(), 'reports')
runMatrix(outDir).then(
  (code) => {
    process.exitCode = code
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    process.stderr.write(`main job failed: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 2
  },
)
