/** Runs every operation on one engine for several passes and folds the passes into medians. */
import { FrozenClock, type Repos } from '@regstack/protocols'
import { type BenchConfig, callsPerPass } from './bench-config.js'
import type { BenchEngine } from './bench-engine.js'
import type { OpSpec, PreparedOp } from './op-spec.js'
import { ACCOUNT_OPS } from './ops-accounts.js'
import { CODE_OPS } from './ops-codes.js'
import { STATE_OPS } from './ops-states.js'
import type { EngineOps, OpResult } from './results.js'
import { medianOfPasses, quantile, type Summary } from './stats.js'
import { IndexSource, timeConcurrent, timeSequential } from './timing.js'

/** Every operation of the report, in report order. */
export const ALL_OPS: readonly OpSpec[] = [...ACCOUNT_OPS, ...CODE_OPS, ...STATE_OPS]

interface PassSample {
  adapter?: Summary
  raw?: Summary
  unguarded?: Summary
  roundTrips?: number
  error?: string
}

/** Warm-up, then the sequential series, then the concurrent one, each on its own fixture indexes. */
async function measure(
  call: (i: number) => Promise<unknown>,
  config: BenchConfig,
  onSequential?: () => () => number,
) {
  const indexes = new IndexSource(callsPerPass(config))
  for (let k = 0; k < config.warmup; k++) await call(indexes.next())
  const stop = onSequential?.()
  const samples = await timeSequential(call, indexes, config.sequential)
  const perCall = stop === undefined ? undefined : stop() / samples.length
  const opsPerSec = await timeConcurrent(call, indexes, config.callers, config.concurrent)
  const summary: Summary = { medianUs: quantile(samples, 0.5), p99Us: quantile(samples, 0.99), opsPerSec }
  return { summary, perCall }
}

async function runOne(
  engine: BenchEngine,
  spec: OpSpec,
  repos: Repos,
  unguarded: Repos | undefined,
  table: ((name: string) => string) | undefined,
  clock: FrozenClock,
  tag: string,
  config: BenchConfig,
): Promise<PassSample> {
  const n = callsPerPass(config)
  const base = { clock, n, ...(table === undefined ? {} : { table }) }
  const prepared: PreparedOp = await spec.prepare({
    ...base,
    repos,
    tag,
    ...(engine.raw ? { raw: engine.raw } : {}),
  })
  const counter = engine.counter
  const adapter = await measure(
    prepared.call,
    config,
    counter === undefined
      ? undefined
      : () => {
          const before = counter.count
          return () => counter.count - before
        },
  )
  const sample: PassSample = { adapter: adapter.summary }
  if (adapter.perCall !== undefined) sample.roundTrips = adapter.perCall
  if (prepared.raw !== undefined && engine.raw !== undefined)
    sample.raw = (await measure(prepared.raw, config)).summary
  if (unguarded !== undefined) {
    const bare = await spec.prepare({ ...base, repos: unguarded, tag: `${tag}u` })
    sample.unguarded = (await measure(bare.call, config)).summary
  }
  return sample
}

/** An awaited `Map` get: what any in-process store costs at least. */
async function mapFloor(config: BenchConfig): Promise<Summary> {
  const map = new Map<string, object>([['bench@example.test', { id: '1' }]])
  const get = async (): Promise<object | undefined> => map.get('bench@example.test')
  return (await measure(() => get(), config)).summary
}

/** All operations on `engine`, `config.passes` times, each pass on a fresh store. */
export async function benchOperations(
  engine: BenchEngine,
  config: BenchConfig,
  log: (line: string) => void,
): Promise<EngineOps> {
  const perOp = new Map<string, PassSample[]>(ALL_OPS.map((s) => [s.id, []]))
  const floors: Summary[] = []
  for (let pass = 0; pass < config.passes; pass++) {
    const clock = new FrozenClock(new Date('2026-01-15T12:00:00.000Z'))
    const store = await engine.openStore(clock)
    try {
      for (const [k, spec] of ALL_OPS.entries()) {
        let sample: PassSample
        try {
          sample = await runOne(
            engine,
            spec,
            store.repos,
            store.unguarded,
            store.table,
            clock,
            `p${pass}o${k}x`,
            config,
          )
        } catch (error) {
          sample = { error: (error as Error).message.split('\n')[0] ?? 'error' }
        }
        perOp.get(spec.id)?.push(sample)
      }
      if (engine.id === 'memory') floors.push(await mapFloor(config))
    } finally {
      await store.close()
    }
    log(`  ${engine.id}: pass ${pass + 1}/${config.passes} done`)
  }
  const ops: OpResult[] = ALL_OPS.map((spec) => fold(spec, perOp.get(spec.id) ?? []))
  return {
    engine: engine.id,
    label: engine.label,
    reference: engine.reference,
    counterLabel: engine.counterLabel,
    ...(engine.raw === undefined ? {} : { rawLabel: engine.raw.label }),
    ...(floors.length === 0 ? {} : { floor: medianOfPasses(floors) }),
    ops,
  }
}

function fold(spec: OpSpec, samples: readonly PassSample[]): OpResult {
  const pick = (key: 'adapter' | 'raw' | 'unguarded'): Summary | undefined => {
    const got = samples.flatMap((s) => (s[key] === undefined ? [] : [s[key]]))
    return got.length === 0 ? undefined : medianOfPasses(got)
  }
  const trips = samples.flatMap((s) => (s.roundTrips === undefined ? [] : [s.roundTrips]))
  const error = samples.find((s) => s.error !== undefined)?.error
  const adapter = pick('adapter')
  const raw = pick('raw')
  const unguarded = pick('unguarded')
  return {
    op: spec.id,
    documentedRoundTrips: spec.documentedRoundTrips,
    ...(adapter === undefined ? {} : { adapter }),
    ...(raw === undefined ? {} : { raw }),
    ...(unguarded === undefined ? {} : { unguarded }),
    ...(trips.length === 0 ? {} : { roundTrips: Math.max(...trips) }),
    ...(error === undefined ? {} : { error }),
  }
}
