import { firstDifference } from '../../harness/assert.js'
import { Rejection } from '../../oracle/rejection.js'
import { renderCode } from './render-code.js'

/** What a call did: resolved with a value, or rejected. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown }

/** Marks a `Promise<void>` method: whatever it resolves to is not compared. */
export const VOID: unique symbol = Symbol('void')

/** Awaits `action` and records how it settled; never throws. */
export async function settle(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await action() }
  } catch (error) {
    return { ok: false, error }
  }
}

/** Runs the oracle: its return value, or the `Rejection` it threw. Other throws are suite bugs and escape. */
export function predict(action: () => unknown): Outcome {
  try {
    return { ok: true, value: action() }
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error }
    throw error
  }
}

/** Prints an outcome for a transcript comment, e.g. `→ 2`, `→ throws USER_ALREADY_EXISTS { email: "a@x.io" }`. */
export function renderOutcome(outcome: Outcome, nowMs: number): string {
  if (outcome.ok)
    return outcome.value === VOID || outcome.value === undefined ? 'ok' : renderCode(outcome.value, nowMs)
  const error = outcome.error
  if (error instanceof Rejection) return `throws ${error.code} ${renderCode(error.fields, nowMs)}`
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string'
    ? `throws ${code} (${renderCode(error instanceof Error ? error.message : error, nowMs)})`
    : `throws ${renderCode(error, nowMs)}`
}

/**
 * Compares what the adapter did with what the oracle predicts; `undefined` when they agree, else a
 * sentence with both sides. Errors are judged by `code` and the documented fields only.
 */
export function compareOutcome(actual: Outcome, expected: Outcome, nowMs: number): string | undefined {
  const mismatch = (): string =>
    `expected ${renderOutcome(expected, nowMs)}, got ${renderOutcome(actual, nowMs)}`
  if (expected.ok) {
    if (!actual.ok) return mismatch()
    if (expected.value === VOID) return undefined
    const at = firstDifference(actual.value, expected.value, '')
    if (at === undefined) return undefined
    if (at === '') return mismatch()
    // Lead with the one field that differs; whole rows are long and the transcript shows the actual one.
    const path = at.replace(/ \((unexpected key|missing)\)$/, '')
    const got = valueAt(actual.value, path)
    const want = valueAt(expected.value, path)
    const detail =
      at === path ? `${path} is ${renderCode(got, nowMs)}, expected ${renderCode(want, nowMs)}` : at
    return `${detail}; the contract's whole result: ${renderCode(expected.value, nowMs)}`
  }
  const rejection = expected.error as Rejection
  if (actual.ok) return mismatch()
  const error = actual.error as Record<string, unknown> | null
  if (error === null || typeof error !== 'object' || error.code !== rejection.code) return mismatch()
  for (const [field, value] of Object.entries(rejection.fields)) {
    if (error[field] !== value) return `${mismatch()} (field ${field} differs)`
  }
  return undefined
}

/**
 * An adapter-generated id must be a non-empty string of at most 36 characters that no other live row
 * of the same repository holds (CONTRACT §0.4); returns the problem, or `undefined`.
 */
export function freshIdProblem(id: unknown, liveIds: readonly string[]): string | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > 36) {
    return `the returned id must be a non-empty string of at most 36 characters, got ${renderCode(id, 0)}`
  }
  if (liveIds.includes(id)) return `the returned id ${renderCode(id, 0)} is already held by another live row`
  return undefined
}

/** The value at a `firstDifference` path such as `.0.id`. */
function valueAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      value,
    )
}
