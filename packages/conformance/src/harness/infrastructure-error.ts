/**
 * A failure of what surrounds the adapter — `makeRepos`, `close`, the engine going away, a bridge
 * process that crashed or fell silent — rather than of the adapter's behaviour. The runner reports a
 * check that ends in one as outcome `error`, never `failed`, so a dead database is not mistaken for a
 * broken adapter. Targets and bridges may throw it themselves (match it by `code`, not `instanceof`,
 * across duplicate installs).
 */
export class InfrastructureError extends Error {
  /** Stable code to branch on. */
  readonly code: 'INFRASTRUCTURE' = 'INFRASTRUCTURE'

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'InfrastructureError'
  }
}

/** True when `error`, or any error in its `cause` chain, is an {@link InfrastructureError} (by code). */
export function isInfrastructureError(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current)
    if ((current as { code?: unknown }).code === 'INFRASTRUCTURE') return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
