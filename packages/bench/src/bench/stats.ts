/** Order statistics over latency samples; every figure in the report is one of these. */

/** The `q`-quantile (0..1) of `values` by nearest rank; `NaN` for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** Median, ignoring `NaN` (a pass that did not produce the figure). */
export function median(values: readonly number[]): number {
  return quantile(
    values.filter((v) => !Number.isNaN(v)),
    0.5,
  )
}

/** One measured series: sequential latency in microseconds and concurrent throughput. */
export interface Summary {
  readonly medianUs: number
  readonly p99Us: number
  /** Operations per second with the configured number of concurrent callers. */
  readonly opsPerSec: number
  /**
   * This process's CPU time (user + system) per sequential call, µs: the client-side cost of the
   * library and driver, without the server's work and far less disturbed by other load than latency.
   */
  readonly cpuUs?: number
}

/**
 * Folds the per-pass summaries into one: medians of the per-pass medians, p99s and throughputs.
 * Pooling samples across passes would let one noisy pass dominate the tail; a median of passes does not.
 */
export function medianOfPasses(passes: readonly Summary[]): Summary {
  const cpu = passes.flatMap((p) => (p.cpuUs === undefined ? [] : [p.cpuUs]))
  return {
    medianUs: median(passes.map((p) => p.medianUs)),
    p99Us: median(passes.map((p) => p.p99Us)),
    opsPerSec: median(passes.map((p) => p.opsPerSec)),
    ...(cpu.length === 0 ? {} : { cpuUs: median(cpu) }),
  }
}

/** `a / b`, or `NaN` when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined || b === 0 ? Number.NaN : a / b
}
