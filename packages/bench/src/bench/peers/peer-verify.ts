/** The MFA verify decision both peers share: the same state machine as the adapter, written plainly. */
import { type MfaVerifyResult, mfaCodeMatches } from '@regstack/protocols'

/** An `mfa_codes` row as a peer read it. */
export interface ReadCode {
  readonly codeHash: string
  readonly expiresAt: number
  readonly attempts: number
  readonly maxAttempts: number
}

/** What to do with a row that was read: delete it (with the outcome) or count one more wrong guess. */
export type VerifyStep =
  | { readonly write: 'delete'; readonly outcome: MfaVerifyResult['outcome'] }
  | { readonly write: 'bump'; readonly remaining: number }

/** Decides `verify` for `code` at `now` (ms). */
export function verifyStep(code: ReadCode, rawCode: string, now: number): VerifyStep {
  if (code.attempts >= code.maxAttempts) return { write: 'delete', outcome: 'locked' }
  if (code.expiresAt <= now) return { write: 'delete', outcome: 'expired' }
  if (mfaCodeMatches(rawCode, code.codeHash)) return { write: 'delete', outcome: 'ok' }
  const remaining = code.maxAttempts - (code.attempts + 1)
  return remaining <= 0 ? { write: 'delete', outcome: 'locked' } : { write: 'bump', remaining }
}
