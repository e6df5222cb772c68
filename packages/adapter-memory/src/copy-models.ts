/**
 * Copies between the store's private rows and the outside world. The store keeps its own objects and
 * only ever hands out copies with new `Date`s, so neither a caller mutating a result nor a caller
 * mutating an input after the call can change what is stored (CONTRACT §0.7).
 */
import type { MfaCode, OAuthIdentity, OAuthState, PendingRegistration, User } from '@regstack/protocols'

function date(d: Date): Date {
  return new Date(d.getTime())
}

function nullableDate(d: Date | null): Date | null {
  return d === null ? null : new Date(d.getTime())
}

/** A fresh `User` holding exactly the model's keys. */
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
    createdAt: date(u.createdAt),
    updatedAt: date(u.updatedAt),
    lastLogin: nullableDate(u.lastLogin),
    tokensInvalidatedAfter: nullableDate(u.tokensInvalidatedAfter),
  }
}

/** A fresh `PendingRegistration` holding exactly the model's keys. */
export function copyPending(p: PendingRegistration): PendingRegistration {
  return {
    id: p.id,
    email: p.email,
    hashedPassword: p.hashedPassword,
    fullName: p.fullName,
    tokenHash: p.tokenHash,
    createdAt: date(p.createdAt),
    expiresAt: date(p.expiresAt),
  }
}

/** A fresh `MfaCode` holding exactly the model's keys. */
export function copyMfaCode(c: MfaCode): MfaCode {
  return {
    id: c.id,
    userId: c.userId,
    kind: c.kind,
    codeHash: c.codeHash,
    expiresAt: date(c.expiresAt),
    attempts: c.attempts,
    maxAttempts: c.maxAttempts,
    createdAt: date(c.createdAt),
  }
}

/** A fresh `OAuthIdentity` holding exactly the model's keys. */
export function copyIdentity(i: OAuthIdentity): OAuthIdentity {
  return {
    id: i.id,
    userId: i.userId,
    provider: i.provider,
    subjectId: i.subjectId,
    email: i.email,
    linkedAt: date(i.linkedAt),
    lastUsedAt: nullableDate(i.lastUsedAt),
  }
}

/** A fresh `OAuthState` holding exactly the model's keys. */
export function copyState(s: OAuthState): OAuthState {
  return {
    id: s.id,
    provider: s.provider,
    codeVerifier: s.codeVerifier,
    nonce: s.nonce,
    redirectTo: s.redirectTo,
    mode: s.mode,
    linkingUserId: s.linkingUserId,
    createdAt: date(s.createdAt),
    expiresAt: date(s.expiresAt),
    resultToken: s.resultToken,
  }
}
