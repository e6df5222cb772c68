/**
 * One soak run: `concurrency` callers share one store and draw `ops` operations from the mix until
 * done or out of time; then the invariants are checked against the store.
 */
import type { EngineTarget } from '@regstack/main-job'
import { FrozenClock, type Repos } from '@regstack/protocols'
import { checkInvariants, type InvariantResult } from './soak-invariants.js'
import { SoakLedger } from './soak-ledger.js'
import { drawOp, type OpContext, prng } from './soak-operations.js'

/** How big and how long a run is. */
export interface SoakOptions {
  /** Operations in total. @default 50000 */
  readonly ops?: number
  /** Concurrent callers. @default 64 */
  readonly concurrency?: number
  /** No new operation starts after this long; the run is then reported as stopped early. @default 600000 */
  readonly timeLimitMs?: number
  /** Seed of the operation draws. @default 20261127 */
  readonly seed?: number
}

/** The outcome of one run on one engine. */
export interface SoakResult {
  readonly target: string
  readonly engine: string
  readonly opsPlanned: number
  readonly opsDone: number
  readonly concurrency: number
  readonly seed: number
  readonly durationMs: number
  readonly opsPerSec: number
  readonly p50Us: number
  readonly p99Us: number
  readonly stoppedEarly: boolean
  /** Typed rejections the mix expects, by code. */
  readonly expectedErrors: Readonly<Record<string, number>>
  /** Anything else that rejected, by `op: code/message`. */
  readonly unexpectedErrors: Readonly<Record<string, number>>
  readonly invariants: readonly InvariantResult[]
  readonly ok: boolean
}

function quantileUs(sortedMs: Float64Array, q: number): number {
  if (sortedMs.length === 0) return Number.NaN
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(q * sortedMs.length) - 1))
  return Math.round((sortedMs[rank] ?? Number.NaN) * 1000)
}

/** Runs the soak on a fresh store of `target` and closes the store afterwards. */
export async function runSoak(target: EngineTarget, options: SoakOptions = {}): Promise<SoakResult> {
  const ops = options.ops ?? 50_000
  const concurrency = options.concurrency ?? 64
  const timeLimitMs = options.timeLimitMs ?? 600_000
  const seed = options.seed ?? 20261127
  const clock = new FrozenClock()
  const namespace = `rs_soak${Math.floor(Math.random() * 36 ** 5).toString(36)}`
  const store = await target.makeRepos({ clock, namespace })
  // Every engine target implements the newest revision.
  const repos = store.repos as Repos
  const ledger = new SoakLedger()
  const latencies = new Float64Array(ops)
  let issued = 0
  let sequence = 0
  const started = performance.now()
  const deadline = started + timeLimitMs

  const worker = async (index: number): Promise<void> => {
    const ctx: OpContext = {
      repos,
      clock,
      ledger,
      random: prng(seed + index * 7919),
      next: () => sequence++,
    }
    while (issued < ops && performance.now() < deadline) {
      const slot = issued++
      const op = drawOp(ctx.random)
      const t0 = performance.now()
      await op(ctx)
      latencies[slot] = performance.now() - t0
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)))
    const durationMs = performance.now() - started
    const invariants = await checkInvariants(repos, clock, ledger)
    const done = latencies.subarray(0, issued).sort()
    return {
      target: target.id,
      engine: target.engine,
      opsPlanned: ops,
      opsDone: issued,
      concurrency,
      seed,
      durationMs: Math.round(durationMs),
      opsPerSec: Math.round((issued / durationMs) * 1000),
      p50Us: quantileUs(done, 0.5),
      p99Us: quantileUs(done, 0.99),
      stoppedEarly: issued < ops,
      expectedErrors: Object.fromEntries(ledger.expectedErrors),
      unexpectedErrors: Object.fromEntries(ledger.unexpectedErrors),
      invariants,
      ok: invariants.every((i) => i.ok),
    }
  } finally {
    await store.close?.()
  }
}
