import type { CheckContext } from '../check.js'
import { ContractViolation } from './contract-violation.js'
import { describeValue } from './describe-value.js'

/** How one of several parallel calls ended. */
export type Outcome<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly code: string | undefined; readonly error: unknown }

/**
 * Starts every call before awaiting any (so they really overlap) and waits for all of them, whatever
 * each does. The calls are thunks so none starts before the whole batch is assembled.
 */
export async function race<T>(calls: readonly (() => Promise<T>)[]): Promise<Outcome<T>[]> {
  const settled = await Promise.allSettled(calls.map((call) => call()))
  return settled.map((s): Outcome<T> => {
    if (s.status === 'fulfilled') return { status: 'fulfilled', value: s.value }
    const code = (s.reason as { code?: unknown } | null)?.code
    return { status: 'rejected', code: typeof code === 'string' ? code : undefined, error: s.reason }
  })
}

/** `n` thunks calling `make(i)` for i = 0 … n − 1. */
export function times<T>(n: number, make: (i: number) => Promise<T>): (() => Promise<T>)[] {
  return Array.from({ length: n }, (_, i) => () => make(i))
}

/** A multiset printed by frequency, e.g. `1 × fulfilled, 11 × USER_ALREADY_EXISTS`. */
export function tally(labels: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1)
  return [...counts].map(([label, n]) => `${n} × ${label}`).join(', ')
}

/** Each outcome as a short label: `fulfilled`, the error code, or the unexpected error itself. */
export function outcomeLabels<T>(
  outcomes: readonly Outcome<T>[],
  valueLabel?: (value: T) => string,
): string[] {
  return outcomes.map((o) => {
    if (o.status === 'fulfilled') return valueLabel === undefined ? 'fulfilled' : valueLabel(o.value)
    return o.code ?? `unexpected ${describeValue(o.error)}`
  })
}

/**
 * Fails unless exactly one call fulfilled and every other rejected with `code`; returns the winner's
 * index. The message lists the whole multiset of outcomes.
 */
export function expectOneWinner<T>(outcomes: readonly Outcome<T>[], code: string, what: string): number {
  const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []))
  const others = outcomes.filter((o) => o.status === 'rejected' && o.code !== code)
  const winner = winners[0]
  if (winners.length !== 1 || winner === undefined || others.length > 0) {
    throw new ContractViolation(
      `${what}: expected 1 × fulfilled, ${outcomes.length - 1} × ${code}; got ${tally(outcomeLabels(outcomes))}`,
    )
  }
  return winner
}

/** Fails unless no call rejected; returns the values. */
export function expectAllFulfilled<T>(outcomes: readonly Outcome<T>[], what: string): T[] {
  if (outcomes.some((o) => o.status === 'rejected')) {
    throw new ContractViolation(
      `${what}: expected every call to succeed; got ${tally(outcomeLabels(outcomes))}`,
    )
  }
  return outcomes.map((o) => (o as { value: T }).value)
}

/**
 * How many times to repeat a race: races are probabilistic, so in-process stores (high `numRuns`)
 * get more rounds; networked engines at least 3.
 */
export function raceRounds(ctx: Pick<CheckContext, 'numRuns'>): number {
  return Math.max(3, Math.min(10, Math.round(ctx.numRuns / 10)))
}

/** How many parallel calls each race makes. */
export const RACE_WIDTH = 12
