import type { Check } from '../check.js'
import { deletePurgeChecks } from './mfa-codes/delete-purge.js'
import { integerLimitChecks } from './mfa-codes/integer-limits.js'
import { putFindChecks } from './mfa-codes/put-find.js'
import { stateMachineChecks } from './mfa-codes/state-machine.js'
import { verifyChecks } from './mfa-codes/verify.js'
import { verifyExpiryChecks } from './mfa-codes/verify-expiry.js'

/**
 * Checks of the SMS code store (CONTRACT §3.5, §0.2, §0.7, §0.12, §0.14; P15, P16). Single rules
 * come first so a broken adapter is named precisely and fast; the model-based run comes last.
 */
export const mfaCodesChecks: readonly Check[] = [
  ...putFindChecks,
  ...verifyChecks,
  ...verifyExpiryChecks,
  ...deletePurgeChecks,
  ...integerLimitChecks,
  ...stateMachineChecks,
]
