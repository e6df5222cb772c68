import type { Check } from '../check.js'
import { consumeFaultChecks } from './faults/consume.js'
import { recoveryFaultChecks } from './faults/counters-and-recovery.js'
import { mfaVerifyFaultChecks } from './faults/mfa-verify.js'
import { userWriteFaultChecks } from './faults/user-writes.js'

/**
 * The `faults` area (CONTRACT §0.8 under connection loss), run only when the target supplies
 * `faults.dropConnections()`. Calls start in parallel, the connections are killed while they are in
 * flight, and each call is judged on its own outcome, never on which ones the kill happened to hit:
 * a call that resolved has happened; one that failed (always UNAVAILABLE) happened entirely or not at
 * all; and the store answers the very next call without being re-created.
 */
export const faultsChecks: readonly Check[] = [
  ...recoveryFaultChecks,
  ...userWriteFaultChecks,
  ...consumeFaultChecks,
  ...mfaVerifyFaultChecks,
]
