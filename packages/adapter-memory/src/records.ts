/**
 * What the memory store keeps for users, pending sign-ups and OAuth identities: the model's fields
 * with every instant as epoch milliseconds. Every read builds a fresh model from a record (new `Date`s, CONTRACT §0.18), so
 * no caller ever holds an object the store keeps. That lets `create`/`upsert` hand the caller the
 * `Date`s of the validated input, which the guard made for this call alone, while the store keeps
 * numbers: one set of `Date`s per write instead of two ("copy once"), and a smaller row to retain.
 * Records are built field by field: V8 copies an object spread generically, several times slower.
 */
import type {
  NewOAuthIdentity,
  NewPendingRegistration,
  NewUser,
  OAuthIdentity,
  PendingRegistration,
  User,
} from '@regstack/protocols'

/** A stored user. Mutable: no result shares it, so a setter writes its fields in place. */
export interface UserRecord {
  readonly id: string
  email: string
  hashedPassword: string | null
  isActive: boolean
  isVerified: boolean
  isSuperuser: boolean
  fullName: string | null
  phoneNumber: string | null
  isMfaEnabled: boolean
  /** Never changes after `create`, which keeps the sorted listing valid across setters. */
  readonly createdAtMs: number
  updatedAtMs: number
  lastLoginMs: number | null
  tokensInvalidatedAfterMs: number | null
}

const msOrNull = (d: Date | null): number | null => (d === null ? null : d.getTime())
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms))

/** The record of a new user stored under `id`. */
export function userRecord(id: string, u: NewUser): UserRecord {
  return {
    id,
    email: u.email,
    hashedPassword: u.hashedPassword,
    isActive: u.isActive,
    isVerified: u.isVerified,
    isSuperuser: u.isSuperuser,
    fullName: u.fullName,
    phoneNumber: u.phoneNumber,
    isMfaEnabled: u.isMfaEnabled,
    createdAtMs: u.createdAt.getTime(),
    updatedAtMs: u.updatedAt.getTime(),
    lastLoginMs: msOrNull(u.lastLogin),
    tokensInvalidatedAfterMs: msOrNull(u.tokensInvalidatedAfter),
  }
}

/** A fresh `User` of `r`. */
export function userOf(r: UserRecord): User {
  return {
    id: r.id,
    email: r.email,
    hashedPassword: r.hashedPassword,
    isActive: r.isActive,
    isVerified: r.isVerified,
    isSuperuser: r.isSuperuser,
    fullName: r.fullName,
    phoneNumber: r.phoneNumber,
    isMfaEnabled: r.isMfaEnabled,
    createdAt: new Date(r.createdAtMs),
    updatedAt: new Date(r.updatedAtMs),
    lastLogin: dateOrNull(r.lastLoginMs),
    tokensInvalidatedAfter: dateOrNull(r.tokensInvalidatedAfterMs),
  }
}

/** A stored pending sign-up; replaced whole by every upsert. */
export interface PendingRecord {
  readonly id: string
  readonly email: string
  readonly hashedPassword: string
  readonly fullName: string | null
  readonly tokenHash: string
  readonly createdAtMs: number
  readonly expiresAtMs: number
}

/** The record of a pending sign-up stored under `id`. */
export function pendingRecord(id: string, p: NewPendingRegistration): PendingRecord {
  return {
    id,
    email: p.email,
    hashedPassword: p.hashedPassword,
    fullName: p.fullName,
    tokenHash: p.tokenHash,
    createdAtMs: p.createdAt.getTime(),
    expiresAtMs: p.expiresAt.getTime(),
  }
}

/** A fresh `PendingRegistration` of `r`. */
export function pendingOf(r: PendingRecord): PendingRegistration {
  return {
    id: r.id,
    email: r.email,
    hashedPassword: r.hashedPassword,
    fullName: r.fullName,
    tokenHash: r.tokenHash,
    createdAt: new Date(r.createdAtMs),
    expiresAt: new Date(r.expiresAtMs),
  }
}

/** A stored OAuth identity. Only `lastUsedAtMs` ever changes, in place (no result shares a record). */
export interface IdentityRecord {
  readonly id: string
  readonly userId: string
  readonly provider: string
  readonly subjectId: string
  readonly email: string | null
  /** Never changes, which keeps each user's listing order valid. */
  readonly linkedAtMs: number
  lastUsedAtMs: number | null
}

/** The record of an identity stored under `id`. */
export function identityRecord(id: string, i: NewOAuthIdentity): IdentityRecord {
  return {
    id,
    userId: i.userId,
    provider: i.provider,
    subjectId: i.subjectId,
    email: i.email,
    linkedAtMs: i.linkedAt.getTime(),
    lastUsedAtMs: msOrNull(i.lastUsedAt),
  }
}

/** A fresh `OAuthIdentity` of `r`. */
export function identityOf(r: IdentityRecord): OAuthIdentity {
  return {
    id: r.id,
    userId: r.userId,
    provider: r.provider,
    subjectId: r.subjectId,
    email: r.email,
    linkedAt: new Date(r.linkedAtMs),
    lastUsedAt: dateOrNull(r.lastUsedAtMs),
  }
}
