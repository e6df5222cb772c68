import { join } from 'node:path'
import type { ConformanceReport } from '../report/report.js'
import { verdictOf } from '../report/verdict.js'
import { certifyLoaded, createRun, publish } from './certify.js'
import type { CertifyOptions } from './parse-args.js'
import { type ExtraRow, loadTargetsModule, type OpenedTarget } from './targets-module.js'

/** One row of the final table. */
type Row = Omit<ExtraRow, 'failed'>

/**
 * `certify --targets <module>`: certifies every planned target of the module in turn, exactly as
 * `certify` does one (each writes its four report files under `<out>/<id>/`), then prints one table.
 * Resolves to 0 when every target that ran is certified and no extra row failed, else 1.
 */
export async function certifyTargets(
  options: CertifyOptions & { readonly targets: string },
): Promise<number> {
  const module = await loadTargetsModule(options.targets, options.cwd)
  const out = process.stdout
  const rows: Row[] = []
  let failed = false
  for (const planned of module.targets(process.env)) {
    if (options.onlyTargets !== undefined && !options.onlyTargets.includes(planned.id)) {
      rows.push(notRunRow(planned.id, 'not selected by --target'))
      continue
    }
    if (planned.open === undefined) {
      rows.push(notRunRow(planned.id, planned.notRunBecause ?? 'no open()'))
      continue
    }
    out.write(`\n▶ ${planned.id}\n`)
    const perTarget: CertifyOptions = {
      ...options,
      specifier: planned.id,
      out: join(options.out, planned.id),
    }
    let opened: OpenedTarget
    try {
      opened = await planned.open()
    } catch (error) {
      // As with a module that fails to load: no verdict, and the reports say why.
      const message = `the target could not be opened: ${(error as Error).message}`
      const run = createRun(() => Promise.reject(new Error(message)), perTarget, { name: planned.id })
      await publish(run.notStarted(message), perTarget)
      failed = true
      rows.push({ ...notRunRow(planned.id, ''), result: `ERROR: ${(error as Error).message}` })
      continue
    }
    const run = createRun(opened.makeRepos, perTarget, { name: opened.name, engine: opened.engine })
    const { code, report } = await certifyLoaded(
      run,
      {
        makeRepos: opened.makeRepos,
        ...(opened.teardown === undefined ? {} : { teardown: () => opened.teardown?.() }),
        resolvedFrom: `${module.url} → ${planned.id}`,
      },
      perTarget,
    )
    if (code !== 0) failed = true
    rows.push(reportRow(report))
  }
  for (const row of (await module.extraRows?.((text) => out.write(text))) ?? []) {
    if (row.failed) failed = true
    rows.push(row)
  }
  out.write(
    `\nregstack conformance — compatibility matrix\n\n${table(rows)}\n\nreports in ${options.out}/<target>/\n`,
  )
  return failed ? 1 : 0
}

function notRunRow(id: string, why: string): Row {
  return { adapter: '-', engine: id, result: `not run: ${why}`, checks: '-', time: '-' }
}

function reportRow(report: ConformanceReport): Row {
  return {
    adapter: report.adapter.name,
    engine: report.adapter.engine,
    result: resultCell(report),
    checks: `${report.summary.passed}/${report.summary.total}`,
    time: `${(report.durationMs / 1000).toFixed(1)}s`,
  }
}

/** The verdict as the table shows it (the matrix's words since its first run). */
function resultCell(report: ConformanceReport): string {
  switch (verdictOf(report)) {
    case 'error':
      return `ERROR (${report.summary.errors} checks; no verdict)`
    case 'certified':
      return 'CERTIFIED'
    case 'certified-base':
      return 'CERTIFIED · faults not exercised'
    case 'failed':
      return `FAILED (${report.summary.mustFailed} MUST)`
    case 'partial':
      return 'PASSED (partial run: not certified)'
  }
}

function table(rows: readonly Row[]): string {
  const header: Row = {
    adapter: 'adapter',
    engine: 'engine',
    result: 'result',
    checks: 'checks',
    time: 'time',
  }
  const keys = ['adapter', 'engine', 'result', 'checks', 'time'] as const
  const all = [header, ...rows]
  const width = (k: (typeof keys)[number]) => Math.max(...all.map((r) => r[k].length))
  const line = (r: Row) => `| ${keys.map((k) => r[k].padEnd(width(k))).join(' | ')} |`
  const rule = `|${keys.map((k) => '-'.repeat(width(k) + 2)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}
