/** Row → model mapping as a stranger writes it: epoch-millisecond columns become `Date`s. */
import type { OAuthFlowMode, OAuthIdentity, OAuthState, User } from '@regstack/protocols'

type Millis = number | string | bigint
const date = (ms: Millis): Date => new Date(Number(ms))
const nullableDate = (ms: Millis | null): Date | null => (ms === null ? null : new Date(Number(ms)))
// pg returns booleans, MariaDB's tinyint(1) 0/1 (Drizzle converts it, Kysely does not).
const bool = (value: boolean | number): boolean => value === true || value === 1

/** A `users` row with camelCase keys. */
export interface UserRow {
  id: string
  email: string
  hashedPassword: string | null
  isActive: boolean | number
  isVerified: boolean | number
  isSuperuser: boolean | number
  fullName: string | null
  phoneNumber: string | null
  isMfaEnabled: boolean | number
  createdAt: Millis
  updatedAt: Millis
  lastLogin: Millis | null
  tokensInvalidatedAfter: Millis | null
}

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  hashedPassword: r.hashedPassword,
  isActive: bool(r.isActive),
  isVerified: bool(r.isVerified),
  isSuperuser: bool(r.isSuperuser),
  fullName: r.fullName,
  phoneNumber: r.phoneNumber,
  isMfaEnabled: bool(r.isMfaEnabled),
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
  lastLogin: nullableDate(r.lastLogin),
  tokensInvalidatedAfter: nullableDate(r.tokensInvalidatedAfter),
})

/** An `oauth_states` row with camelCase keys. */
export interface StateRow {
  id: string
  provider: string
  codeVerifier: string
  nonce: string
  redirectTo: string
  mode: string
  linkingUserId: string | null
  createdAt: Millis
  expiresAt: Millis
  resultToken: string | null
  /** A boolean column on PostgreSQL, TINYINT(1) on MariaDB. */
  resultWasNew: boolean | number
}

export const toState = (r: StateRow): OAuthState => ({
  id: r.id,
  provider: r.provider,
  codeVerifier: r.codeVerifier,
  nonce: r.nonce,
  redirectTo: r.redirectTo,
  mode: r.mode as OAuthFlowMode,
  linkingUserId: r.linkingUserId,
  createdAt: date(r.createdAt),
  expiresAt: date(r.expiresAt),
  resultToken: r.resultToken,
  resultWasNew: Boolean(r.resultWasNew),
})

/** An `oauth_identities` row with camelCase keys. */
export interface IdentityRow {
  id: string
  userId: string
  provider: string
  subjectId: string
  email: string | null
  linkedAt: Millis
  lastUsedAt: Millis | null
}

export const toIdentity = (r: IdentityRow): OAuthIdentity => ({
  id: r.id,
  userId: r.userId,
  provider: r.provider,
  subjectId: r.subjectId,
  email: r.email,
  linkedAt: date(r.linkedAt),
  lastUsedAt: nullableDate(r.lastUsedAt),
})
