/** The shape of one benchmark run, as written to packages/bench/results/results.json and rendered. */
import type { Summary } from './stats.js'

export interface OpResult {
  readonly op: string
  readonly adapter?: Summary
  /** The bare driver doing the same statements (SQL engines). */
  readonly raw?: Summary
  /** The same operation with other query libraries (Drizzle, Kysely), by library name. */
  readonly peers?: Readonly<Record<string, Summary>>
  /** The memory adapter without `guardRepos`. */
  readonly unguarded?: Summary
  /**
   * Memory only: the awaited `Map` get timed in the same slices as this operation, so a drift in the
   * machine's load falls on both; the operation's ratio uses this floor.
   */
  readonly floor?: Summary
  /** Statements (or commands) per call, counted by driver instrumentation during the warm-up (never while timing). */
  readonly roundTrips?: number
  readonly documentedRoundTrips: number
  /** List reads (`OpSpec.listsRows`): rows in one result, counted on an untimed call. */
  readonly rows?: number
  /** Memory: `Date` objects in one result (every one a fresh allocation, CONTRACT §0.18). */
  readonly dates?: number
  /**
   * SQL engines: adapter/raw latency and raw/adapter throughput of each pass, in pass order. The
   * figures above are medians over passes; these show whether a miss held in every pass.
   */
  readonly passRatios?: { readonly latency: readonly number[]; readonly throughput: readonly number[] }
  readonly error?: string
}

export interface EngineOps {
  readonly engine: string
  readonly label: string
  readonly reference: boolean
  readonly rawLabel?: string
  /** Library and version of each peer, by name. */
  readonly peerLabels?: Readonly<Record<string, string>>
  readonly counterLabel: string
  /** Untimed sequential calls each side made before its timings (more in process: see `inProcess`). */
  readonly warmupCalls?: number
  /** Memory only: an awaited `Map` get, the in-process floor, timed alone at the end of each pass. */
  readonly floor?: Summary
  /** Memory only: one `new Date(ms)`, µs (batched, so no timer in it): the price of each fresh `Date` returned. */
  readonly dateFloor?: Summary
  /** Memory only: one `mfaCodeMatches` (SHA-256 + `timingSafeEqual`, CONTRACT §0.14), batched. */
  readonly mfaCheck?: Summary
  readonly ops: readonly OpResult[]
}

/** Where the time of a trivial statement goes (SQL engines). */
export interface Overhead {
  readonly engine: string
  /** `select 1` through the bare driver. */
  readonly rawSelect1Us: number
  /** `knex.raw('select 1')`: adds pool acquire/release and knex's dispatch. */
  readonly knexSelect1Us: number
  /** Building `users where email = ? limit 1` with the query builder and compiling it (`toSQL`). */
  readonly buildUs: number
  /** `knex.client.acquireConnection()` + `releaseConnection()`: what the adapter pays per statement on top of the driver. */
  readonly acquireUs?: number
}

export interface GrowthPoint {
  readonly engine: string
  readonly op: string
  readonly rows: number
  readonly medianUs: number
  readonly p99Us: number
}

export interface SuiteTime {
  readonly target: string
  readonly engine: string
  readonly durationMs: number
  readonly checks: number
  readonly passed: number
  readonly certified: boolean
  readonly note?: string
}

export interface MutantTime {
  readonly id: string
  /** Time until the first failed check; undefined when no check failed (the mutant escaped). */
  readonly firstFailureMs?: number
  readonly firstFailedCheck?: string
  readonly totalMs: number
}

export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly os: string
  readonly engines: Readonly<Record<string, string>>
  readonly drivers: Readonly<Record<string, string>>
}

export interface BenchResults {
  readonly generatedAt: string
  readonly quick: boolean
  readonly passes: number
  readonly callers: number
  readonly wallMs: number
  readonly machine: Machine
  readonly ops: readonly EngineOps[]
  readonly overhead: readonly Overhead[]
  readonly growth: readonly GrowthPoint[]
  readonly suites: readonly SuiteTime[]
  readonly mutants: readonly MutantTime[]
  /** Why something expected did not run (engine unreachable, corpus missing, …). */
  readonly notes: readonly string[]
}
