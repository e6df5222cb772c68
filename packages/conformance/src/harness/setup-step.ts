import { ContractViolation } from './contract-violation.js'
import { describeValue } from './describe-value.js'

/**
 * A call a check makes to build its scenario (or to read it back) failed. It carries the operation,
 * so the runner can tell a failure of the rule under test from one of a call the check merely relies
 * on, and send the reader to that operation's own checks instead.
 */
export class SetupStepFailure extends ContractViolation {
  /** The repository method that failed, `repo.method`, e.g. `pending.upsert`. */
  readonly operation: string

  constructor(operation: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? {} : { cause })
    this.name = 'SetupStepFailure'
    this.operation = operation
  }
}

/**
 * Awaits `action`, a call of `operation` (`repo.method`) the check relies on, and fails with a
 * {@link SetupStepFailure} if it rejects or if `valid` refuses what it returned.
 * @param what - the call as the failure should name it, e.g. `store A: pending.upsert(…)`.
 */
export async function setupStep<T>(
  operation: string,
  what: string,
  action: () => Promise<T>,
  valid?: { readonly test: (value: T) => boolean; readonly expected: string },
): Promise<T> {
  let value: T
  try {
    value = await action()
  } catch (error) {
    throw new SetupStepFailure(operation, `${what}: expected success, got ${describeValue(error)}`, error)
  }
  if (valid !== undefined && !valid.test(value)) {
    throw new SetupStepFailure(operation, `${what}: expected ${valid.expected}, got ${describeValue(value)}`)
  }
  return value
}

/** The first {@link SetupStepFailure} in `error`'s cause chain. */
function findSetupFailure(error: unknown): SetupStepFailure | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof SetupStepFailure) return current
    seen.add(current)
    current = current.cause
  }
  return undefined
}

/**
 * Whether `checkId` (`area.method.rule`, or `area.repo.method.rule`) is about `operation` itself, in
 * which case its failure is the rule under test and not a set-up problem.
 */
function checksOperation(checkId: string, operation: string): boolean {
  return checkId.startsWith(`${operation}.`) || checkId.includes(`.${operation}.`)
}

/**
 * When `error` comes from a call the check `checkId` uses only to build or read its scenario, a
 * violation that says so and points at that operation's own checks; otherwise `error` unchanged.
 * Counterexample and replay path of the original are kept.
 */
export function nameSetupFailure(error: unknown, checkId: string): unknown {
  const setup = findSetupFailure(error)
  if (setup === undefined || checksOperation(checkId, setup.operation)) return error
  const outer = error instanceof ContractViolation ? error : undefined
  return new ContractViolation(
    `setup step failed, not the rule under test: ${setup.operation}, which this check only calls to build ` +
      `its scenario, failed (${setup.message}). Fix ${setup.operation} first: its own checks ` +
      `(${setup.operation}.*) say what is wrong with it.`,
    {
      ...(outer?.counterexample === undefined ? {} : { counterexample: outer.counterexample }),
      ...(outer?.path === undefined ? {} : { path: outer.path }),
      cause: setup.cause ?? setup,
    },
  )
}
