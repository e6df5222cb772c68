/**
 * Model factories (CONTRACT §8.1, §8.2): build fully populated `New*` inputs from `*Init` objects
 * whose defaulted fields are optional, applying the §2 defaults with the injected clock (read once
 * per call), then validating. Adapters never decide defaults, which keeps them in parity.
 */
import type { Clock } from './clock.js'
import { MODEL_DEFAULTS } from './limits.js'
import type {
  MfaKind,
  NewMfaCode,
  NewOAuthIdentity,
  NewOAuthState,
  NewPendingRegistration,
  NewUser,
  OAuthFlowMode,
  User,
} from './models.js'
import {
  validateNewMfaCode,
  validateNewOAuthIdentity,
  validateNewOAuthState,
  validateNewPendingRegistration,
  validateNewUser,
} from './validate/new-models.js'

/** Input of {@link makeNewUser}: `email` required, every other `NewUser` field optional. */
export interface UserInit {
  readonly email: string
  readonly hashedPassword?: string | null
  /** @default true */
  readonly isActive?: boolean
  /** @default false */
  readonly isVerified?: boolean
  /** @default false */
  readonly isSuperuser?: boolean
  readonly fullName?: string | null
  readonly phoneNumber?: string | null
  /** @default false */
  readonly isMfaEnabled?: boolean
  /** @default clock.now() */
  readonly createdAt?: Date
  /** @default clock.now() */
  readonly updatedAt?: Date
  readonly lastLogin?: Date | null
  readonly tokensInvalidatedAfter?: Date | null
}

/** Input of {@link makeNewPendingRegistration}: `fullName` and `createdAt` optional. */
export interface PendingRegistrationInit {
  readonly email: string
  readonly hashedPassword: string
  readonly fullName?: string | null
  readonly tokenHash: string
  /** @default clock.now() */
  readonly createdAt?: Date
  readonly expiresAt: Date
}

/** Input of {@link makeNewMfaCode}: `attempts`, `maxAttempts` and `createdAt` optional. */
export interface MfaCodeInit {
  readonly userId: string
  readonly kind: MfaKind
  readonly codeHash: string
  readonly expiresAt: Date
  /** @default 0 */
  readonly attempts?: number
  /** @default 5 */
  readonly maxAttempts?: number
  /** @default clock.now() */
  readonly createdAt?: Date
}

/** Input of {@link makeNewOAuthIdentity}: `email`, `linkedAt`, `lastUsedAt` optional. */
export interface OAuthIdentityInit {
  readonly userId: string
  readonly provider: string
  readonly subjectId: string
  readonly email?: string | null
  /** @default clock.now() */
  readonly linkedAt?: Date
  readonly lastUsedAt?: Date | null
}

/** Input of {@link makeNewOAuthState}: `linkingUserId`, `createdAt`, `expiresAt`, `resultToken` optional. */
export interface OAuthStateInit {
  readonly id: string
  readonly provider: string
  readonly codeVerifier: string
  readonly nonce: string
  readonly redirectTo: string
  readonly mode: OAuthFlowMode
  readonly linkingUserId?: string | null
  /** @default clock.now() */
  readonly createdAt?: Date
  /** @default clock.now() + 5 minutes */
  readonly expiresAt?: Date
  readonly resultToken?: string | null
  /** @default false (revision `2026-07`) */
  readonly resultWasNew?: boolean
}

/**
 * A `NewUser` from `init`: active, not verified, not superuser, MFA off, nullable fields `null`,
 * `createdAt` = `updatedAt` = `clock.now()` unless given. @throws InvalidInputError on invalid values.
 */
export function makeNewUser(init: UserInit, clock: Clock): NewUser {
  const now = clock.now()
  return validateNewUser({
    ...init,
    isActive: init.isActive ?? true,
    isVerified: init.isVerified ?? false,
    isSuperuser: init.isSuperuser ?? false,
    isMfaEnabled: init.isMfaEnabled ?? false,
    createdAt: init.createdAt ?? now,
    updatedAt: init.updatedAt ?? now,
  })
}

/**
 * A `NewPendingRegistration` from `init`: `fullName` null, `createdAt` now unless given.
 * @throws InvalidInputError on invalid values.
 */
export function makeNewPendingRegistration(
  init: PendingRegistrationInit,
  clock: Clock,
): NewPendingRegistration {
  return validateNewPendingRegistration({ ...init, createdAt: init.createdAt ?? clock.now() })
}

/**
 * A `NewMfaCode` from `init`: `attempts` 0, `maxAttempts` 5, `createdAt` now unless given.
 * @throws InvalidInputError on invalid values.
 */
export function makeNewMfaCode(init: MfaCodeInit, clock: Clock): NewMfaCode {
  return validateNewMfaCode({
    ...init,
    attempts: init.attempts ?? 0,
    maxAttempts: init.maxAttempts ?? MODEL_DEFAULTS.mfaMaxAttempts,
    createdAt: init.createdAt ?? clock.now(),
  })
}

/**
 * A `NewOAuthIdentity` from `init`: `email`/`lastUsedAt` null, `linkedAt` now unless given.
 * @throws InvalidInputError on invalid values.
 */
export function makeNewOAuthIdentity(init: OAuthIdentityInit, clock: Clock): NewOAuthIdentity {
  return validateNewOAuthIdentity({ ...init, linkedAt: init.linkedAt ?? clock.now() })
}

/**
 * A `NewOAuthState` from `init`: `createdAt` now, `expiresAt` now + 5 minutes, `linkingUserId` and
 * `resultToken` null, unless given. @throws InvalidInputError on invalid values (e.g. an empty `id`).
 */
export function makeNewOAuthState(init: OAuthStateInit, clock: Clock): NewOAuthState {
  const now = clock.now()
  return validateNewOAuthState({
    ...init,
    createdAt: init.createdAt ?? now,
    expiresAt: init.expiresAt ?? new Date(now.getTime() + MODEL_DEFAULTS.oauthStateTtlMs),
  })
}

/** regstack's `is_admin`: derived from `isSuperuser`, never stored. */
export function isAdmin(user: User): boolean {
  return user.isSuperuser
}
