import type { Check } from '../check.js'
import { callThatThrew, type RecordedRejection } from '../harness/call-recorder.js'
import { ContractViolation } from '../harness/contract-violation.js'
import { describeValue } from '../harness/describe-value.js'
import { isInfrastructureError } from '../harness/infrastructure-error.js'
import { isNeverSettled, NeverSettledError } from '../harness/never-settled.js'
import type { CheckFailure, CheckResult } from '../types.js'

/** What happened while a check ran, as the runner saw it. */
export interface CheckEvents {
  readonly failed: boolean
  readonly error: unknown
  /** Errors of closing the check's stores (always infrastructure errors). */
  readonly closeErrors: readonly unknown[]
  /** The first call that rejected with `UNAVAILABLE`, if any. */
  readonly unavailable: RecordedRejection | undefined
}

/** A check's status and, unless it passed, why (everything but the replay line). */
export interface Outcome {
  readonly status: CheckResult['status']
  readonly failure?: Omit<CheckFailure, 'replay'>
  readonly path?: string
}

/**
 * Tells an adapter failure from an infrastructure error. `error` (not `failed`) when `makeRepos` or
 * `close` failed or hung, when the target threw an `InfrastructureError`, or — outside the `faults`
 * area, where connection loss is the point — when a call was rejected with `UNAVAILABLE`: the engine
 * went away, and nothing the check concluded afterwards says anything about the adapter.
 */
export function describeOutcome(check: Check, events: CheckEvents): Outcome {
  const closing = events.closeErrors.map((e) => describeError(e))
  if (!events.failed) {
    if (closing.length === 0) return { status: 'passed' }
    return { status: 'error', failure: { message: `infrastructure error: ${closing.join('\n')}` } }
  }
  const { error } = events
  const also = closing.length === 0 ? '' : `\nAlso (infrastructure error): ${closing.join('\n')}`
  const path = error instanceof ContractViolation ? error.path : undefined
  const stack = stackOf(error)
  const details = {
    ...(error instanceof ContractViolation && error.counterexample !== undefined
      ? { counterexample: error.counterexample }
      : {}),
    ...(path === undefined ? {} : { path }),
    ...(stack === undefined ? {} : { stack }),
  }
  if (isInfrastructureError(error)) {
    return {
      status: 'error',
      failure: { message: `infrastructure error: ${infrastructureMessage(error)}${also}`, ...details },
      ...(path === undefined ? {} : { path }),
    }
  }
  // Checks that kill connections on purpose (`requires: 'faults'`) expect UNAVAILABLE; elsewhere it means
  // the engine went away.
  const unavailable =
    check.requires === 'faults' ? undefined : (events.unavailable ?? unavailableInChain(error))
  if (unavailable !== undefined) {
    return {
      status: 'error',
      failure: {
        message:
          `infrastructure error: the engine became unavailable: ${unavailable.call} rejected with ` +
          `${describeValue(unavailable.error)} (UNAVAILABLE outside the faults tier means the engine or its ` +
          `connection went away; what the check concluded after that says nothing about the adapter: ` +
          `${messageOf(error)})${also}`,
        ...details,
      },
      ...(path === undefined ? {} : { path }),
    }
  }
  return {
    status: 'failed',
    failure: { message: `${messageOf(error)}${also}`, ...details },
    ...(path === undefined ? {} : { path }),
  }
}

function messageOf(error: unknown): string {
  if (error instanceof ContractViolation || error instanceof NeverSettledError) return error.message
  const call = callThatThrew(error)
  return `unexpected exception (not a typed regstack error)${call === undefined ? '' : ` from ${call}`}: ${describeValue(error)}`
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : describeValue(error)
}

/** The message of the infrastructure error in the chain (the one that says what failed). */
function infrastructureMessage(error: unknown): string {
  let current: unknown = error
  const seen = new Set<unknown>()
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    if ((current as { code?: unknown }).code === 'INFRASTRUCTURE') return describeError(current)
    current = (current as { cause?: unknown }).cause
  }
  return describeError(error)
}

function unavailableInChain(error: unknown): RecordedRejection | undefined {
  let current: unknown = error
  const seen = new Set<unknown>()
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    if ((current as { code?: unknown }).code === 'UNAVAILABLE') {
      return { call: callThatThrew(current) ?? 'a call', error: current }
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * The stack worth printing: that of the first error in the chain that is not the suite's own verdict
 * (a contract violation or a hang has no useful stack; the adapter's exception does).
 */
function stackOf(error: unknown): string | undefined {
  if (isNeverSettled(error)) return undefined
  let current: unknown = error
  const seen = new Set<unknown>()
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    if (
      current instanceof Error &&
      !(current instanceof ContractViolation) &&
      (current as { code?: unknown }).code !== 'INFRASTRUCTURE'
    ) {
      return current.stack
    }
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
