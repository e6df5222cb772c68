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

/*
 * Each `Date` is copied inline as `new Date(x.getTime())` rather than through a helper: the copies
 * sit on every read path, and a `new Date` (~100 ns, a runtime call) is the floor of each copy.
 */

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
    createdAt: new Date(u.createdAt.getTime()),
    updatedAt: new Date(u.updatedAt.getTime()),
    lastLogin: u.lastLogin === null ? null : new Date(u.lastLogin.getTime()),
    tokensInvalidatedAfter:
      u.tokensInvalidatedAfter === null ? null : new Date(u.tokensInvalidatedAfter.getTime()),
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
    createdAt: new Date(p.createdAt.getTime()),
    expiresAt: new Date(p.expiresAt.getTime()),
  }
}

/** A fresh `MfaCode` with exactly the model keys. */
export function copyMfaCode(c: MfaCode): MfaCode {
  return {
    id: c.id,
    userId: c.userId,
    kind: c.kind,
    codeHash: c.codeHash,
    expiresAt: new Date(c.expiresAt.getTime()),
    attempts: c.attempts,
    maxAttempts: c.maxAttempts,
    createdAt: new Date(c.createdAt.getTime()),
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
    linkedAt: new Date(i.linkedAt.getTime()),
    lastUsedAt: i.lastUsedAt === null ? null : new Date(i.lastUsedAt.getTime()),
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
    createdAt: new Date(s.createdAt.getTime()),
    expiresAt: new Date(s.expiresAt.getTime()),
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

/** How the guard hands out what a raw repository returned. */
export interface ResultCopies {
  readonly user: (u: User) => User
  readonly pending: (p: PendingRegistration) => PendingRegistration
  readonly mfaCode: (c: MfaCode) => MfaCode
  readonly mfaVerifyResult: (r: MfaVerifyResult) => MfaVerifyResult
  readonly oauthIdentity: (i: OAuthIdentity) => OAuthIdentity
  readonly oauthState: (s: OAuthState) => OAuthState
}

/** Fresh closed copies: for raw repositories that return what they keep (the memory adapter). */
export const COPY_RESULTS: ResultCopies = {
  user: copyUser,
  pending: copyPendingRegistration,
  mfaCode: copyMfaCode,
  mfaVerifyResult: copyMfaVerifyResult,
  oauthIdentity: copyOAuthIdentity,
  oauthState: copyOAuthState,
}

const asIs = <T>(value: T): T => value

/** The results themselves: for raw repositories that build every result for the call alone. */
export const RESULTS_AS_IS: ResultCopies = {
  user: asIs,
  pending: asIs,
  mfaCode: asIs,
  // Two fields: copied regardless, so no adapter constant (a shared "missing" answer) ever leaks.
  mfaVerifyResult: copyMfaVerifyResult,
  oauthIdentity: asIs,
  oauthState: asIs,
}
