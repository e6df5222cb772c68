/**
 * Stored MFA rows built field by field (users, pending and identities use protocols' `userWithId`
 * and friends). An object spread (`{ ...input, id }`) looked cheap but cost
 * about a microsecond per write in the bench (V8 falls back to a generic copy for these shapes);
 * a literal with the model's keys is several times faster. Dates are shared, not copied: the
 * guard already handed in fresh ones and copies every row it returns.
 */
import type { MfaCode, NewMfaCode } from '@regstack/protocols'

/** `attempts` is separate so a wrong guess can store the bumped count without a spread. */
export function mfaCodeRow(id: string, c: NewMfaCode, attempts: number): MfaCode {
  return {
    id,
    userId: c.userId,
    kind: c.kind,
    codeHash: c.codeHash,
    expiresAt: c.expiresAt,
    attempts,
    maxAttempts: c.maxAttempts,
    createdAt: c.createdAt,
  }
}
