import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ConformanceReport, checkConformance, createProcessTarget } from '@regstack/conformance'
import { BRIDGE_DIR, bridgeCommand, type RegstackBackend } from './backends.js'

/** Where a parity run leaves each backend's report (read by write-parity-doc). */
export const REPORTS_DIR: string = join(BRIDGE_DIR, 'reports')

/**
 * Cases per property for the bridge targets when `REGSTACK_RUNS` is unset, chosen on the 2-core CI
 * machine, where one backend then takes 20–50 s. Failures are not shrunk (`shrink: false`): regstack
 * fails dozens of checks by design and shrinking each through the bridge took most of a run; pass or
 * fail is unchanged, and each expectation carries its own minimal counterexample.
 */
export const BRIDGE_DEFAULT_RUNS = 10

/** Runs the whole suite against one regstack backend and writes `reports/<id>.json`. */
export async function runBackend(
  backend: RegstackBackend,
  onProgress?: (line: string) => void,
): Promise<ConformanceReport> {
  const target = createProcessTarget(bridgeCommand(backend.id))
  try {
    const { implementation } = await target.handshake()
    const envRuns = process.env.REGSTACK_RUNS
    const report = await checkConformance(target.makeRepos, {
      name: `${implementation.name} ${implementation.version}`,
      engine: implementation.engine,
      numRuns: envRuns === undefined || envRuns === '' ? BRIDGE_DEFAULT_RUNS : Number(envRuns),
      shrink: false,
      ...(onProgress === undefined
        ? {}
        : { onCheckDone: (r, done, total) => onProgress(`${done}/${total} ${r.status} ${r.id}`) }),
    })
    mkdirSync(REPORTS_DIR, { recursive: true })
    writeFileSync(join(REPORTS_DIR, `${backend.id}.json`), `${JSON.stringify(report, null, 2)}\n`)
    return report
  } finally {
    await target.close()
  }
}
