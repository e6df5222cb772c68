import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  BRIDGE_DIR,
  compareWithExpectations,
  loadExpectations,
  REGSTACK_BACKENDS,
  runBackend,
  VENV_PYTHON,
} from '@regstack/bridge-regstack-python'

/** One regstack row of the matrix. */
export interface RegstackRow {
  readonly adapter: string
  readonly engine: string
  readonly result: string
  readonly checks: string
  readonly time: string
  /** True when regstack failed a check its expectations do not classify, or passed one they list. */
  readonly unexpected: boolean
}

/**
 * regstack itself (its Mongo and SQL backends, over the process bridge) when the Python venv exists.
 * regstack is never certified — our contract is stricter — so a row reports parity: checks passed
 * and classified divergences (docs/regstack-parity.md). Only a divergence nobody classified, or a
 * classified one that now passes, fails the main job.
 */
export async function regstackRows(log: (line: string) => void): Promise<RegstackRow[]> {
  if (!existsSync(VENV_PYTHON)) {
    return [
      {
        adapter: 'regstack (Python)',
        engine: '-',
        result: 'not run: no Python venv (bash bridges/regstack-python/setup-venv.sh)',
        checks: '-',
        time: '-',
        unexpected: false,
      },
    ]
  }
  const rows: RegstackRow[] = []
  for (const backend of REGSTACK_BACKENDS) {
    log(`\n▶ ${backend.label}\n`)
    try {
      const report = await runBackend(backend)
      const expectations = loadExpectations(join(BRIDGE_DIR, backend.expectations))
      const { unexplained, nowPassing, expectedFailures } = compareWithExpectations(report, expectations)
      for (const c of unexplained) log(`  UNEXPLAINED ${c.id}\n`)
      for (const id of nowPassing) log(`  NOW PASSING ${id}\n`)
      const unexpected = unexplained.length + nowPassing.length
      rows.push({
        adapter: report.adapter.name,
        engine: report.adapter.engine,
        result:
          unexpected === 0
            ? `PARITY (${expectedFailures} classified divergences)`
            : `UNEXPECTED (${unexplained.length} unexplained, ${nowPassing.length} now passing)`,
        checks: `${report.summary.passed}/${report.summary.total}`,
        time: `${(report.durationMs / 1000).toFixed(1)}s`,
        unexpected: unexpected > 0,
      })
    } catch (error) {
      rows.push({
        adapter: backend.label,
        engine: '-',
        result: `ERROR: ${(error as Error).message}`,
        checks: '-',
        time: '-',
        unexpected: true,
      })
    }
  }
  return rows
}
