/** A broken rule, found by a check. Its message says what was expected and what came back. */
export class ContractViolation extends Error {
  /** Shrunk counterexample, printed as code, when a property found it. */
  readonly counterexample: string | undefined
  /** fast-check replay path of that counterexample. */
  readonly path: string | undefined

  constructor(message: string, details: { counterexample?: string; path?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'ContractViolation'
    this.counterexample = details.counterexample
    this.path = details.path
  }
}
