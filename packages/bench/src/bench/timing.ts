/** Bounded timing loops: every loop stops at its iteration count or its time budget, whichever first. */

/** How much one measurement may run. */
export interface Budget {
  readonly iterations: number
  readonly maxMs: number
}

/** Hands out call indexes so fixtures prepared for `n` calls are never used twice. */
export class IndexSource {
  #next = 0
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  next(): number {
    if (this.#next >= this.#capacity)
      throw new RangeError(`bench fixture exhausted after ${this.#capacity} calls`)
    return this.#next++
  }

  get remaining(): number {
    return this.#capacity - this.#next
  }
}

const nowNs = (): bigint => process.hrtime.bigint()

/** Runs `call` one at a time and returns each call's latency in microseconds. */
export async function timeSequential(
  call: (i: number) => Promise<unknown>,
  indexes: IndexSource,
  budget: Budget,
): Promise<number[]> {
  const samples: number[] = []
  const deadline = nowNs() + BigInt(budget.maxMs) * 1_000_000n
  while (samples.length < budget.iterations && indexes.remaining > 0) {
    const i = indexes.next()
    const start = nowNs()
    await call(i)
    const end = nowNs()
    samples.push(Number(end - start) / 1000)
    if (end > deadline) break
  }
  return samples
}

/**
 * Keeps `callers` calls in flight until `budget.iterations` calls finished or the time ran out, and
 * returns calls per second. Each caller is a loop awaiting its own call, as N request handlers would be.
 */
export async function timeConcurrent(
  call: (i: number) => Promise<unknown>,
  indexes: IndexSource,
  callers: number,
  budget: Budget,
): Promise<number> {
  let started = 0
  let done = 0
  const start = nowNs()
  const deadline = start + BigInt(budget.maxMs) * 1_000_000n
  const worker = async (): Promise<void> => {
    while (started < budget.iterations && indexes.remaining > 0 && nowNs() < deadline) {
      started++
      await call(indexes.next())
      done++
    }
  }
  await Promise.all(Array.from({ length: callers }, worker))
  const seconds = Number(nowNs() - start) / 1e9
  return seconds > 0 ? done / seconds : Number.NaN
}

/** Runs `fn(i)` for i in [0, n) with at most `width` in flight (fixture loading, not measured). */
export async function inParallel(
  n: number,
  width: number,
  fn: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < n) await fn(next++)
  }
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker))
}
