import type { Check } from '../check.js'

/** Fault-injection checks (run only when the target supplies `faults` hooks). */
export const faultsChecks: readonly Check[] = []
