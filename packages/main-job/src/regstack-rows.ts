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
import type { ExtraRow } from '@regstack/conformance'

/**
 * regstack itself (its Mongo and SQL backends, over the process bridge) when the Python venv exists.
 * regstack is never certified — our contract is stricter — so a row reports parity: checks passed
 * and classified divergences (docs/regstack-parity.md). Only a divergence nobody classified, or a
 * classified one that now passes, fails the main job (`failed`).
 */
export async function regstackRows(log: (line: string) => void): Promise<ExtraRow[]> {
  if (!existsSync(VENV_PYTHON)) {
    return [
      {
        adapter: 'regstack (Python)',
        engine: '-',
        result: 'not run: no Python venv (bash bridges/regstack-python/setup-venv.sh)',
        checks: '-',
        time: '-',
        failed: false,
      },
    ]
  }
  const rows: ExtraRow[] = []
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
        failed: unexpected > 0,
      })
    } catch (error) {
      rows.push({
        adapter: backend.label,
        engine: '-',
        result: `ERROR: ${(error as Error).message}`,
        checks: '-',
        time: '-',
        failed: true,
      })
    }
  }
  return rows
}
