/** Runs every operation on one engine for several passes and folds the passes into medians. */
import { FrozenClock, mfaCodeDigest, mfaCodeMatches, type Repos } from '@regstack/protocols'
import { type BenchConfig, callsPerPass, concurrentWarmup, configForEngine } from './bench-config.js'
import type { BenchEngine, BenchStore } from './bench-engine.js'
import { type Side, timeInterleaved } from './interleave.js'
import type { OpSpec, PreparedOp } from './op-spec.js'
import { ACCOUNT_OPS } from './ops-accounts.js'
import { CODE_OPS } from './ops-codes.js'
import { STATE_OPS } from './ops-states.js'
import type { EngineOps, OpResult } from './results.js'
import { medianOfPasses, quantile, ratio, type Summary } from './stats.js'
import { IndexSource, timeConcurrent, timeSequential } from './timing.js'

/** Every operation of the report, in report order. */
export const ALL_OPS: readonly OpSpec[] = [...ACCOUNT_OPS, ...CODE_OPS, ...STATE_OPS]

interface PassSample {
  adapter?: Summary
  raw?: Summary
  unguarded?: Summary
  floor?: Summary
  peers?: Record<string, Summary>
  roundTrips?: number
  rows?: number
  dates?: number
  error?: string
}

/** Rows in a list result and the `Date` objects they hold (own enumerable fields, one level deep). */
export function countRows(result: unknown): { rows: number; dates: number } {
  if (!Array.isArray(result)) throw new TypeError('a listsRows operation did not return an array')
  return { rows: result.length, dates: countDates(result) }
}

/** The `Date` objects a result holds: in a model, or in each model of a list (one level deep). */
export function countDates(result: unknown): number {
  if (Array.isArray(result)) return result.reduce((n: number, row: unknown) => n + countDates(row), 0)
  if (result === null || typeof result !== 'object') return 0
  let dates = 0
  for (const value of Object.values(result)) if (value instanceof Date) dates += 1
  return dates
}

/** `call`, remembering what its first call resolved to (the rest run untouched). */
function keepingFirstResult(call: (i: number) => Promise<unknown>) {
  const kept: { done: boolean; value?: unknown } = { done: false }
  const wrapped = (i: number): Promise<unknown> => {
    if (kept.done) return call(i)
    kept.done = true
    return call(i).then((value) => {
      kept.value = value
      return value
    })
  }
  return { wrapped, kept }
}

/** One side alone: warm-up, then the sequential series, then the concurrent one (in-process figures). */
async function measure(call: (i: number) => Promise<unknown>, config: BenchConfig) {
  const indexes = new IndexSource(callsPerPass(config))
  for (let k = 0; k < config.warmup; k++) await call(indexes.next())
  const warm = concurrentWarmup(config)
  await timeConcurrent(call, indexes, config.callers, { iterations: warm, maxMs: 60_000 })
  const samples = await timeSequential(call, indexes, config.sequential)
  const opsPerSec = await timeConcurrent(call, indexes, config.callers, config.concurrent)
  const summary: Summary = { medianUs: quantile(samples, 0.5), p99Us: quantile(samples, 0.99), opsPerSec }
  return { summary }
}

async function runOne(
  engine: BenchEngine,
  spec: OpSpec,
  repos: Repos,
  unguarded: Repos | undefined,
  table: ((name: string) => string) | undefined,
  peers: BenchStore['peers'],
  clock: FrozenClock,
  tag: string,
  config: BenchConfig,
): Promise<PassSample> {
  const n = callsPerPass(config)
  const base = {
    clock,
    n,
    ...(table === undefined ? {} : { table }),
    ...(peers === undefined ? {} : { peers }),
  }
  const prepared: PreparedOp = await spec.prepare({
    ...base,
    repos,
    tag,
    ...(engine.raw ? { raw: engine.raw } : {}),
  })
  const counter = engine.counter
  // In process, what the first (warm-up) call returned says how many fresh `Date`s each call pays for.
  const first = keepingFirstResult(prepared.call)
  const sides: Side[] = [
    {
      name: 'adapter',
      call: engine.id === 'memory' ? first.wrapped : prepared.call,
      ...(counter === undefined
        ? {}
        : {
            count: () => {
              const detach = counter.listen?.()
              const before = counter.count
              return () => {
                detach?.()
                return counter.count - before
              }
            },
          }),
    },
  ]
  if (prepared.raw !== undefined && engine.raw !== undefined) sides.push({ name: 'raw', call: prepared.raw })
  if (engine.id === 'memory') sides.push({ name: 'floor', call: awaitedMapGet() })
  for (const [name, call] of Object.entries(prepared.peers ?? {})) sides.push({ name: `peer:${name}`, call })
  const timed = await timeInterleaved(sides, config)
  const adapter = timed.adapter
  const sample: PassSample = {}
  if (adapter !== undefined) sample.adapter = adapter.summary
  if (adapter?.perCall !== undefined) sample.roundTrips = adapter.perCall
  if (timed.raw !== undefined) sample.raw = timed.raw.summary
  if (timed.floor !== undefined) sample.floor = timed.floor.summary
  for (const [name, t] of Object.entries(timed)) {
    if (!name.startsWith('peer:')) continue
    sample.peers ??= {}
    sample.peers[name.slice('peer:'.length)] = t.summary
  }
  if (spec.listsRows === true) Object.assign(sample, countRows(await prepared.call(0)))
  else if (engine.id === 'memory' && first.kept.done) sample.dates = countDates(first.kept.value)
  if (unguarded !== undefined) {
    const bare = await spec.prepare({ ...base, repos: unguarded, tag: `${tag}u` })
    sample.unguarded = (await measure(bare.call, config)).summary
  }
  return sample
}

/** An awaited `Map` get: what any in-process store costs at least. */
function awaitedMapGet(): () => Promise<object | undefined> {
  const map = new Map<string, object>([['bench@example.test', { id: '1' }]])
  return async () => map.get('bench@example.test')
}

async function mapFloor(config: BenchConfig): Promise<Summary> {
  const get = awaitedMapGet()
  return (await measure(() => get(), config)).summary
}

/**
 * The cost of one unit of `work`, timed in batches of `perSample` units so the timer's own cost is
 * negligible: for costs too small to time one at a time.
 */
function batched(config: BenchConfig, perSample: number, work: () => void): Summary {
  for (let k = 0; k < config.warmup; k++) work()
  const samples: number[] = []
  for (let k = 0; k < config.sequential.iterations; k++) {
    const start = process.hrtime.bigint()
    work()
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / perSample)
  }
  const medianUs = quantile(samples, 0.5)
  return { medianUs, p99Us: quantile(samples, 0.99), opsPerSec: 1e6 / medianUs }
}

const DATES_PER_SAMPLE = 200

/**
 * One `new Date(ms)`, the allocation every returned `Date` costs (CONTRACT §0.18 makes each fresh);
 * the dates are kept so none is elided.
 */
function dateFloor(config: BenchConfig): Summary {
  const base = Date.UTC(2026, 0, 15)
  const batch: Date[] = new Array<Date>(DATES_PER_SAMPLE)
  return batched(config, DATES_PER_SAMPLE, () => {
    for (let k = 0; k < DATES_PER_SAMPLE; k++) batch[k] = new Date(base + k)
  })
}

const CHECKS_PER_SAMPLE = 50

/**
 * One `mfaCodeMatches`: SHA-256 of the guess, then `crypto.timingSafeEqual` against the stored hex
 * digest, as CONTRACT §0.14 requires of every verify.
 */
function mfaCheckFloor(config: BenchConfig): Summary {
  const stored = mfaCodeDigest('123456') ?? ''
  let matches = 0
  const summary = batched(config, CHECKS_PER_SAMPLE, () => {
    for (let k = 0; k < CHECKS_PER_SAMPLE; k++) if (mfaCodeMatches('123456', stored)) matches += 1
  })
  if (matches === 0) throw new Error('mfaCheckFloor: the right code never matched')
  return summary
}

/** All operations on `engine`, `config.passes` times, each pass on a fresh store. */
export async function benchOperations(
  engine: BenchEngine,
  baseConfig: BenchConfig,
  log: (line: string) => void,
): Promise<EngineOps> {
  const config = configForEngine(baseConfig, engine.id === 'memory')
  const perOp = new Map<string, PassSample[]>(ALL_OPS.map((s) => [s.id, []]))
  const floors: Summary[] = []
  const dateFloors: Summary[] = []
  const mfaChecks: Summary[] = []
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
            store.peers,
            clock,
            `p${pass}o${k}x`,
            config,
          )
        } catch (error) {
          sample = { error: (error as Error).message.split('\n')[0] ?? 'error' }
        }
        perOp.get(spec.id)?.push(sample)
      }
      if (engine.id === 'memory') {
        floors.push(await mapFloor(config))
        dateFloors.push(dateFloor(config))
        mfaChecks.push(mfaCheckFloor(config))
      }
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
    warmupCalls: config.warmup,
    ...(engine.raw === undefined ? {} : { rawLabel: engine.raw.label }),
    ...(engine.peers === undefined
      ? {}
      : { peerLabels: Object.fromEntries(engine.peers.map((p) => [p.name, p.label])) }),
    ...(floors.length === 0 ? {} : { floor: medianOfPasses(floors) }),
    ...(dateFloors.length === 0 ? {} : { dateFloor: medianOfPasses(dateFloors) }),
    ...(mfaChecks.length === 0 ? {} : { mfaCheck: medianOfPasses(mfaChecks) }),
    ops,
  }
}

function fold(spec: OpSpec, samples: readonly PassSample[]): OpResult {
  const pick = (key: 'adapter' | 'raw' | 'unguarded' | 'floor'): Summary | undefined => {
    const got = samples.flatMap((s) => (s[key] === undefined ? [] : [s[key]]))
    return got.length === 0 ? undefined : medianOfPasses(got)
  }
  const trips = samples.flatMap((s) => (s.roundTrips === undefined ? [] : [s.roundTrips]))
  const error = samples.find((s) => s.error !== undefined)?.error
  const counted = samples.find((s) => s.rows !== undefined)
  const dated = samples.find((s) => s.dates !== undefined)
  const adapter = pick('adapter')
  const raw = pick('raw')
  const unguarded = pick('unguarded')
  const floor = pick('floor')
  const paired = samples.filter((s) => s.adapter !== undefined && s.raw !== undefined)
  const passRatios = {
    latency: paired.map((s) => ratio(s.adapter?.medianUs, s.raw?.medianUs)),
    throughput: paired.map((s) => ratio(s.raw?.opsPerSec, s.adapter?.opsPerSec)),
  }
  const peerNames = [...new Set(samples.flatMap((s) => Object.keys(s.peers ?? {})))]
  const peers = Object.fromEntries(
    peerNames.map((name) => [
      name,
      medianOfPasses(samples.flatMap((s) => (s.peers?.[name] === undefined ? [] : [s.peers[name]]))),
    ]),
  )
  return {
    op: spec.id,
    documentedRoundTrips: spec.documentedRoundTrips,
    ...(adapter === undefined ? {} : { adapter }),
    ...(raw === undefined ? {} : { raw }),
    ...(unguarded === undefined ? {} : { unguarded }),
    ...(floor === undefined ? {} : { floor }),
    ...(peerNames.length === 0 ? {} : { peers }),
    ...(trips.length === 0 ? {} : { roundTrips: Math.max(...trips) }),
    ...(counted?.rows === undefined ? {} : { rows: counted.rows }),
    ...(dated?.dates === undefined ? {} : { dates: dated.dates }),
    ...(paired.length === 0 ? {} : { passRatios }),
    ...(error === undefined ? {} : { error }),
  }
}
