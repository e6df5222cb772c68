/**
 * Times several implementations of one operation (adapter, raw driver, peer libraries) in alternating
 * slices rather than one after another. The machine is shared and its load drifts over seconds; timed
 * back to back, whichever side ran during a busy second would look slower. In slices, rotated each
 * round, every side sees the same drift.
 */
import { type BenchConfig, callsPerPass, concurrentWarmup } from './bench-config.js'
import { quantile, type Summary } from './stats.js'
import { IndexSource, timeConcurrent, timeSequential } from './timing.js'

/** Rounds each series is split into. */
const ROUNDS = 10

/** One implementation to time. */
export interface Side {
  readonly name: string
  readonly call: (i: number) => Promise<unknown>
  /** Starts counting statements; the returned function stops and reads how many were sent since. */
  readonly count?: () => () => number
}

/** Per side: the summary, and statements per warm-up call when the side counts them. */
export type Timed = Record<string, { summary: Summary; perCall?: number }>

const rotate = <T>(items: readonly T[], by: number): T[] =>
  items.map((_, k) => items[(k + by) % items.length] as T)

/** Warm-up, then the sequential series, then the concurrent one, each side on its own fixture indexes. */
export async function timeInterleaved(sides: readonly Side[], config: BenchConfig): Promise<Timed> {
  const state = sides.map((side) => ({
    side,
    indexes: new IndexSource(callsPerPass(config)),
    samples: [] as number[],
    statements: 0,
    cpuUs: 0,
    /** Calls per second of each concurrent slice. */
    rates: [] as number[],
  }))
  // Statements are counted during the warm-up, so counting instrumentation never lands in a timing.
  for (const s of state) {
    const stop = s.side.count?.()
    for (let k = 0; k < config.warmup; k++) await s.side.call(s.indexes.next())
    if (stop !== undefined) s.statements = stop() / Math.max(1, config.warmup)
  }
  const sequential = {
    iterations: Math.max(1, Math.floor(config.sequential.iterations / ROUNDS)),
    maxMs: config.sequential.maxMs / ROUNDS,
  }
  const concurrent = {
    iterations: Math.max(1, Math.floor(config.concurrent.iterations / ROUNDS)),
    maxMs: config.concurrent.maxMs / ROUNDS,
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of rotate(state, round)) {
      const cpu = process.cpuUsage()
      s.samples.push(...(await timeSequential(s.side.call, s.indexes, sequential)))
      const used = process.cpuUsage(cpu)
      s.cpuUs += used.user + used.system
    }
  }
  for (const s of state) {
    const calls = concurrentWarmup(config)
    await timeConcurrent(s.side.call, s.indexes, config.callers, { iterations: calls, maxMs: 60_000 })
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of rotate(state, round)) {
      const before = s.indexes.remaining
      const start = process.hrtime.bigint()
      await timeConcurrent(s.side.call, s.indexes, config.callers, concurrent)
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (seconds > 0 && before > s.indexes.remaining) s.rates.push((before - s.indexes.remaining) / seconds)
    }
  }
  const timed: Timed = {}
  for (const s of state) {
    const summary: Summary = {
      medianUs: quantile(s.samples, 0.5),
      p99Us: quantile(s.samples, 0.99),
      // The median slice, not calls over total time: one slice that met a server checkpoint or a
      // collection in another process would otherwise move the whole figure.
      opsPerSec: s.rates.length > 0 ? quantile(s.rates, 0.5) : Number.NaN,
      cpuUs: s.samples.length > 0 ? s.cpuUs / s.samples.length : Number.NaN,
    }
    timed[s.side.name] = s.side.count === undefined ? { summary } : { summary, perCall: s.statements }
  }
  return timed
}
