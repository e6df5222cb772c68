import { ContractViolation } from '../../harness/contract-violation.js'

/**
 * The property runner prints fast-check's command labels; the diverging run's own transcript (carried
 * by the violation the failing command threw) reads better, so it replaces them. The replay path stays
 * the one fast-check reported. Anything else comes back unchanged.
 */
export function withRunTranscript(error: unknown): unknown {
  const cause = error instanceof ContractViolation ? error.cause : undefined
  if (
    !(error instanceof ContractViolation) ||
    !(cause instanceof ContractViolation) ||
    cause.counterexample === undefined
  ) {
    return error
  }
  return new ContractViolation(error.message, {
    counterexample: cause.counterexample,
    ...(error.path === undefined ? {} : { path: error.path }),
    cause,
  })
}
