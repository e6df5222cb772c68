/**
 * Prices the layers between the adapter and the wire on a trivial statement, so a missed ratio target
 * can be explained by measurement: bare driver vs `knex.raw` (pool acquire + dispatch) vs query building
 * (which the adapter no longer pays per call) vs knex's pool acquire and release alone (which it does).
 */
import type { BenchConfig } from './bench-config.js'
import type { BenchEngine } from './bench-engine.js'
import type { Overhead } from './results.js'
import { median, quantile } from './stats.js'
import { IndexSource, timeSequential } from './timing.js'

const BUILD_LOOPS = 2_000

async function seriesMedian(call: () => Promise<unknown>, config: BenchConfig): Promise<number> {
  const indexes = new IndexSource(config.warmup + config.sequential.iterations)
  for (let k = 0; k < config.warmup; k++) await call()
  return quantile(await timeSequential(() => call(), indexes, config.sequential), 0.5)
}

/** Median over passes of each layer's median latency; undefined for engines without knex. */
export async function measureOverhead(
  engine: BenchEngine,
  config: BenchConfig,
): Promise<Overhead | undefined> {
  const { knex, raw } = engine
  if (knex === undefined || raw === undefined) return undefined
  const rawRuns: number[] = []
  const knexRuns: number[] = []
  const buildRuns: number[] = []
  const acquireRuns: number[] = []
  for (let pass = 0; pass < config.passes; pass++) {
    rawRuns.push(await seriesMedian(() => raw.query('select 1', []), config))
    knexRuns.push(await seriesMedian(() => knex.raw('select 1'), config))
    acquireRuns.push(
      await seriesMedian(async () => {
        const connection: unknown = await knex.client.acquireConnection()
        await knex.client.releaseConnection(connection)
      }, config),
    )
    const start = process.hrtime.bigint()
    for (let k = 0; k < BUILD_LOOPS; k++)
      knex('bench_users').where('email', `x${k}@bench.test`).limit(1).toSQL()
    buildRuns.push(Number(process.hrtime.bigint() - start) / 1000 / BUILD_LOOPS)
  }
  return {
    engine: engine.id,
    rawSelect1Us: median(rawRuns),
    knexSelect1Us: median(knexRuns),
    buildUs: median(buildRuns),
    acquireUs: median(acquireRuns),
  }
}
