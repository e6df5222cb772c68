/**
 * What the memory store keeps for MFA codes: the model's fields with both instants as epoch
 * milliseconds, so a verify reads its expiry without following a pointer to a `Date`, and a wrong
 * guess bumps `attempts` in place instead of building a new row. `find` builds a fresh model from it.
 */
import type { MfaCode, MfaKind, NewMfaCode } from '@regstack/protocols'

/** A stored MFA code. Mutable: no result shares it. */
export interface MfaCodeRecord {
  readonly id: string
  readonly userId: string
  readonly kind: MfaKind
  readonly codeHash: string
  readonly expiresAtMs: number
  attempts: number
  readonly maxAttempts: number
  readonly createdAtMs: number
}

/** The record of `c` stored under `id`, built field by field (a spread copies generically, slower). */
export function mfaCodeRecord(id: string, c: NewMfaCode): MfaCodeRecord {
  return {
    id,
    userId: c.userId,
    kind: c.kind,
    codeHash: c.codeHash,
    expiresAtMs: c.expiresAt.getTime(),
    attempts: c.attempts,
    maxAttempts: c.maxAttempts,
    createdAtMs: c.createdAt.getTime(),
  }
}

/** A fresh `MfaCode` of `r`. */
export function mfaCodeOf(r: MfaCodeRecord): MfaCode {
  return {
    id: r.id,
    userId: r.userId,
    kind: r.kind,
    codeHash: r.codeHash,
    expiresAt: new Date(r.expiresAtMs),
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    createdAt: new Date(r.createdAtMs),
  }
}
