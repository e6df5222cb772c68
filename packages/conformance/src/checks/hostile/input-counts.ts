import { ALL_METHODS } from './all-methods.js'
import { badCases, unmatchableCases } from './hostile-cases.js'
import type { SeedKeys } from './method-spec.js'
import { methodName } from './method-spec.js'

/** Stand-in keys: the number of cases never depends on the seeded values. */
const SAMPLE_KEYS: SeedKeys = {
  userId: 'u',
  userEmail: 'e',
  pendingEmail: 'p',
  pendingTokenHash: 't',
  jti: 'j',
  attemptEmail: 'a',
  stateId: 's',
  provider: 'p',
  subjectId: 's',
}

/**
 * How many distinct hostile inputs the `hostile` area tries per method (`repo.method`): the inputs
 * that must reject with `INVALID_INPUT`, plus the unmatchable lookup strings that must match nothing.
 * Boundary values that must be accepted are not counted.
 */
export function hostileInputCounts(): Record<string, number> {
  const now = new Date(0)
  const env = { keys: SAMPLE_KEYS, n: 0, now, later: now }
  const counts: Record<string, number> = {}
  for (const spec of ALL_METHODS) {
    counts[methodName(spec)] = badCases(spec, env).length + unmatchableCases(spec, env).length
  }
  return counts
}
