/** Iteration counts and time budgets of a full run and of `--quick` (a smoke run, not for quoting). */
import type { Budget } from './timing.js'

export interface BenchConfig {
  readonly quick: boolean
  /** Independent passes per measurement; the report shows the median of passes (the machine is noisy). */
  readonly passes: number
  readonly warmup: number
  readonly sequential: Budget
  readonly concurrent: Budget
  /** Concurrent callers for the throughput figure. */
  readonly callers: number
  /** Stored-row counts of the growth runs, per engine kind. */
  readonly growthSizes: readonly number[]
  readonly growthSizesStandIn: readonly number[]
  readonly growth: Budget
  /** Full conformance suites to time, by target id. */
  readonly suites: readonly string[]
  /** How many mutants of the corpus to time (all of them in a full run). */
  readonly mutantLimit: number
  /**
   * Warm-up and sequential calls per side on an in-process engine (the memory adapter). Its calls take
   * well under a microsecond, so the SQL engines' 30-call warm-up leaves V8 running them unoptimised:
   * 330 calls of a guard method measured about twice its optimised time, while the `Map` get it is
   * divided by is cheap in any tier. A server calls these millions of times, so the steady state is
   * what to price.
   */
  readonly inProcess: { readonly warmup: number; readonly sequentialIterations: number }
}

const FULL: BenchConfig = {
  quick: false,
  passes: 3,
  warmup: 30,
  sequential: { iterations: 300, maxMs: 1500 },
  concurrent: { iterations: 3200, maxMs: 6000 },
  callers: 8,
  growthSizes: [1_000, 10_000, 100_000],
  growthSizesStandIn: [100, 1_000],
  growth: { iterations: 150, maxMs: 1500 },
  suites: ['memory', 'sqlite-file', 'postgres'],
  mutantLimit: Number.POSITIVE_INFINITY,
  inProcess: { warmup: 20_000, sequentialIterations: 3_000 },
}

const QUICK: BenchConfig = {
  quick: true,
  passes: 1,
  warmup: 5,
  sequential: { iterations: 40, maxMs: 300 },
  concurrent: { iterations: 80, maxMs: 300 },
  callers: 8,
  growthSizes: [1_000, 10_000],
  growthSizesStandIn: [100],
  growth: { iterations: 30, maxMs: 300 },
  suites: ['memory'],
  mutantLimit: 6,
  inProcess: { warmup: 2_000, sequentialIterations: 300 },
}

/** `--quick` selects the smoke configuration; `--only=a,b` limits the engines (by id). */
export function parseArgs(argv: readonly string[]): {
  config: BenchConfig
  only?: readonly string[]
  skip: readonly string[]
} {
  const config = argv.includes('--quick') ? QUICK : FULL
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
  // Sections can be skipped while iterating on one: --skip=ops,growth,suites,mutants
  const skip =
    argv
      .find((a) => a.startsWith('--skip='))
      ?.slice('--skip='.length)
      .split(',') ?? []
  return only === undefined ? { config, skip } : { config, only, skip }
}

/** `config` as it applies to one engine: in-process engines get {@link BenchConfig.inProcess}. */
export function configForEngine(config: BenchConfig, inProcess: boolean): BenchConfig {
  if (!inProcess) return config
  return {
    ...config,
    warmup: config.inProcess.warmup,
    sequential: { ...config.sequential, iterations: config.inProcess.sequentialIterations },
  }
}

/** Fixture calls a prepared operation must support in one pass: warm-up, sequential and concurrent. */
export function callsPerPass(config: BenchConfig): number {
  return (
    config.warmup + concurrentWarmup(config) + config.sequential.iterations + config.concurrent.iterations
  )
}

/**
 * Untimed calls made by all callers at once before the throughput series. A sequential warm-up leaves
 * a pool with one connection, so without this the first timed slice paid for opening the others (and,
 * on PostgreSQL, for preparing the adapter's named statements on each): whichever side ran first
 * looked up to 1.5× slower, and the verdict moved between runs. An eighth of the series, at least 4
 * per caller: in 400-call slices, one side on MariaDB still climbed from 8k to 20k+ calls/s over its
 * first few thousand concurrent calls. This warm-up takes the start of that climb; taking each side's
 * median slice (`timeInterleaved`) discounts what is left of it.
 */
export function concurrentWarmup(config: BenchConfig): number {
  return Math.max(config.callers * 4, Math.floor(config.concurrent.iterations / 8))
}
