import type { StorePool } from '../harness/store-pool.js'

/**
 * Chooses the base run count from what one store costs: opening, a few reads, closing. In-process
 * stores get many generated cases; networked engines fewer, so the whole suite stays in minutes.
 * Also reports the declared capabilities.
 */
export async function calibrate(pool: StorePool): Promise<{ numRuns: number; automaticExpiry: boolean }> {
  const started = performance.now()
  const store = await pool.open()
  try {
    await store.repos.users.count()
    await store.repos.users.getByEmail('calibration@example.com')
    await store.repos.oauthStates.find('calibration')
  } finally {
    await pool.close(store)
  }
  const ms = performance.now() - started
  const numRuns = ms < 5 ? 100 : ms < 50 ? 40 : ms < 250 ? 20 : 10
  return { numRuns, automaticExpiry: store.automaticExpiry }
}
