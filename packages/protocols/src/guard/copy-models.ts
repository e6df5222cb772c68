/**
 * Fresh closed copies of what an adapter returns: exactly the model's keys and new `Date` objects,
 * so a caller can never alias (and mutate) adapter state, and stray adapter fields never leak out.
 */
import type {
  MfaCode,
  MfaVerifyResult,
  OAuthIdentity,
  OAuthState,
  PendingRegistration,
  User,
} from '../models.js'

function copyDate(d: Date): Date {
  return new Date(d.getTime())
}

function copyNullableDate(d: Date | null): Date | null {
  return d === null ? null : copyDate(d)
}

/** A fresh `User` with exactly the model keys. */
export function copyUser(u: User): User {
  return {
    id: u.id,
    email: u.email,
    hashedPassword: u.hashedPassword,
    isActive: u.isActive,
    isVerified: u.isVerified,
    isSuperuser: u.isSuperuser,
    fullName: u.fullName,
    phoneNumber: u.phoneNumber,
    isMfaEnabled: u.isMfaEnabled,
    createdAt: copyDate(u.createdAt),
    updatedAt: copyDate(u.updatedAt),
    lastLogin: copyNullableDate(u.lastLogin),
    tokensInvalidatedAfter: copyNullableDate(u.tokensInvalidatedAfter),
  }
}

/** A fresh `PendingRegistration` with exactly the model keys. */
export function copyPendingRegistration(p: PendingRegistration): PendingRegistration {
  return {
    id: p.id,
    email: p.email,
    hashedPassword: p.hashedPassword,
    fullName: p.fullName,
    tokenHash: p.tokenHash,
    createdAt: copyDate(p.createdAt),
    expiresAt: copyDate(p.expiresAt),
  }
}

/** A fresh `MfaCode` with exactly the model keys. */
export function copyMfaCode(c: MfaCode): MfaCode {
  return {
    id: c.id,
    userId: c.userId,
    kind: c.kind,
    codeHash: c.codeHash,
    expiresAt: copyDate(c.expiresAt),
    attempts: c.attempts,
    maxAttempts: c.maxAttempts,
    createdAt: copyDate(c.createdAt),
  }
}

/** A fresh `OAuthIdentity` with exactly the model keys. */
export function copyOAuthIdentity(i: OAuthIdentity): OAuthIdentity {
  return {
    id: i.id,
    userId: i.userId,
    provider: i.provider,
    subjectId: i.subjectId,
    email: i.email,
    linkedAt: copyDate(i.linkedAt),
    lastUsedAt: copyNullableDate(i.lastUsedAt),
  }
}

/** A fresh `OAuthState` with exactly the model keys. */
export function copyOAuthState(s: OAuthState): OAuthState {
  return {
    id: s.id,
    provider: s.provider,
    codeVerifier: s.codeVerifier,
    nonce: s.nonce,
    redirectTo: s.redirectTo,
    mode: s.mode,
    linkingUserId: s.linkingUserId,
    createdAt: copyDate(s.createdAt),
    expiresAt: copyDate(s.expiresAt),
    resultToken: s.resultToken,
    resultWasNew: s.resultWasNew,
  }
}

/** A fresh `MfaVerifyResult`. */
export function copyMfaVerifyResult(r: MfaVerifyResult): MfaVerifyResult {
  return { outcome: r.outcome, attemptsRemaining: r.attemptsRemaining }
}

/** `null` stays `null`; a model is copied with `copy`. */
export function copyOrNull<T>(value: T | null, copy: (v: T) => T): T | null {
  return value === null ? null : copy(value)
}
