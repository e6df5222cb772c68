import { type ContractRevision, NEWEST_CONTRACT_REVISION } from '@regstack/protocols'
import type { CallRecorder } from '../harness/call-recorder.js'
import type { StorePool } from '../harness/store-pool.js'

/** What calibration learned about the target. */
export interface Calibration {
  readonly numRuns: number
  readonly automaticExpiry: boolean
  readonly faults: boolean
  /** The revision the target declared (`ConformanceTarget.revision`), if any. */
  readonly declaredRevision: ContractRevision | undefined
}

/**
 * Chooses the base run count from what one store costs: opening, a few reads, closing. In-process
 * stores get many generated cases; networked engines fewer, so the whole suite stays in minutes.
 * Also reports the declared capabilities and contract revision. It is the run's first contact with the target, so a dead
 * engine or a hanging `close()` shows up here, before any check.
 */
export async function calibrate(pool: StorePool, calls: CallRecorder): Promise<Calibration> {
  // The fastest of three rounds: the first pays for JIT warm-up and lazy connections, and a busy
  // machine must not push an in-process store into a smaller run count.
  let fastest = Number.POSITIVE_INFINITY
  let automaticExpiry = false
  let faults = false
  let declaredRevision: ContractRevision | undefined
  for (let round = 0; round < 3; round++) {
    const started = performance.now()
    const store = await pool.open(calls, NEWEST_CONTRACT_REVISION)
    try {
      await store.repos.users.count()
      await store.repos.users.getByEmail('calibration@example.com')
      await store.repos.oauthStates.find('calibration')
    } finally {
      await pool.close(store)
    }
    fastest = Math.min(fastest, performance.now() - started)
    automaticExpiry = store.automaticExpiry
    faults = store.faults !== undefined
    declaredRevision = store.declaredRevision
  }
  const numRuns = fastest < 10 ? 100 : fastest < 60 ? 40 : fastest < 300 ? 20 : 10
  return { numRuns, automaticExpiry, faults, declaredRevision }
}
