/**
 * Validators of the `New*` inputs (CONTRACT §0.6, §0.7). Each takes an untrusted value and returns
 * a FRESH closed copy holding exactly the model's keys (new `Date` objects, unknown keys dropped),
 * so nothing the caller does afterwards can reach storage. A nullable field that is `undefined`
 * becomes `null`; a missing required field is an `InvalidInputError` naming that field. Fields are
 * read own-only, once each, with literal keys (see `ownField` for why not through it).
 */

import { InvalidInputError } from '../errors.js'
import { FIELD_LIMITS } from '../limits.js'
import type { NewMfaCode, NewOAuthIdentity, NewPendingRegistration, NewUser, OAuthState } from '../models.js'
import { hasOwn, requireOptions } from './objects.js'
import {
  requireBoolean,
  requireDate,
  requireMfaKind,
  requireNullableDate,
  requireOAuthFlowMode,
  requireSafeInteger,
} from './scalars.js'
import { requireNullableString, requireString } from './strings.js'

/** `OAuthState.resultWasNew` of an input: left out (or `undefined`) means `false`; `null` is not a boolean. */
function wasNewOf(value: unknown): boolean {
  return value === undefined ? false : requireBoolean(value, 'resultWasNew')
}

/** A nullable field of a `New*` input: an absent or `undefined` value means `null`. */
function orNull(value: unknown): unknown {
  return value === undefined ? null : value
}

/**
 * Validates a `users.create` input. Required: `email`, `isActive`, `isVerified`, `isSuperuser`,
 * `isMfaEnabled`, `createdAt`, `updatedAt`; nullable: `hashedPassword`, `fullName`, `phoneNumber`,
 * `lastLogin`, `tokensInvalidatedAfter`. @throws InvalidInputError (field `user` when not a plain object).
 */
export function validateNewUser(value: unknown): NewUser {
  const o = requireOptions(value, 'user')
  return {
    email: requireString(hasOwn(o, 'email') ? o.email : undefined, 'email', FIELD_LIMITS.email),
    hashedPassword: requireNullableString(
      orNull(hasOwn(o, 'hashedPassword') ? o.hashedPassword : undefined),
      'hashedPassword',
      FIELD_LIMITS.hashedPassword,
    ),
    isActive: requireBoolean(hasOwn(o, 'isActive') ? o.isActive : undefined, 'isActive'),
    isVerified: requireBoolean(hasOwn(o, 'isVerified') ? o.isVerified : undefined, 'isVerified'),
    isSuperuser: requireBoolean(hasOwn(o, 'isSuperuser') ? o.isSuperuser : undefined, 'isSuperuser'),
    fullName: requireNullableString(
      orNull(hasOwn(o, 'fullName') ? o.fullName : undefined),
      'fullName',
      FIELD_LIMITS.fullName,
    ),
    phoneNumber: requireNullableString(
      orNull(hasOwn(o, 'phoneNumber') ? o.phoneNumber : undefined),
      'phoneNumber',
      FIELD_LIMITS.phoneNumber,
    ),
    isMfaEnabled: requireBoolean(hasOwn(o, 'isMfaEnabled') ? o.isMfaEnabled : undefined, 'isMfaEnabled'),
    createdAt: requireDate(hasOwn(o, 'createdAt') ? o.createdAt : undefined, 'createdAt'),
    updatedAt: requireDate(hasOwn(o, 'updatedAt') ? o.updatedAt : undefined, 'updatedAt'),
    lastLogin: requireNullableDate(orNull(hasOwn(o, 'lastLogin') ? o.lastLogin : undefined), 'lastLogin'),
    tokensInvalidatedAfter: requireNullableDate(
      orNull(hasOwn(o, 'tokensInvalidatedAfter') ? o.tokensInvalidatedAfter : undefined),
      'tokensInvalidatedAfter',
    ),
  }
}

/**
 * Validates a `pending.upsert` input. Required: `email`, `hashedPassword` (non-null), `tokenHash`,
 * `createdAt`, `expiresAt`; nullable: `fullName`.
 * @throws InvalidInputError (field `pending` when not a plain object).
 */
export function validateNewPendingRegistration(value: unknown): NewPendingRegistration {
  const o = requireOptions(value, 'pending')
  return {
    email: requireString(hasOwn(o, 'email') ? o.email : undefined, 'email', FIELD_LIMITS.email),
    hashedPassword: requireString(
      hasOwn(o, 'hashedPassword') ? o.hashedPassword : undefined,
      'hashedPassword',
      FIELD_LIMITS.hashedPassword,
    ),
    fullName: requireNullableString(
      orNull(hasOwn(o, 'fullName') ? o.fullName : undefined),
      'fullName',
      FIELD_LIMITS.fullName,
    ),
    tokenHash: requireString(
      hasOwn(o, 'tokenHash') ? o.tokenHash : undefined,
      'tokenHash',
      FIELD_LIMITS.tokenHash,
    ),
    createdAt: requireDate(hasOwn(o, 'createdAt') ? o.createdAt : undefined, 'createdAt'),
    expiresAt: requireDate(hasOwn(o, 'expiresAt') ? o.expiresAt : undefined, 'expiresAt'),
  }
}

/**
 * Validates an `mfaCodes.put` input; every field is required and `attempts`/`maxAttempts` are safe
 * integers ≥ 0. `userId` may be any storable string (even empty): it is a plain string match.
 * @throws InvalidInputError (field `code` when not a plain object).
 */
export function validateNewMfaCode(value: unknown): NewMfaCode {
  const o = requireOptions(value, 'code')
  return {
    userId: requireString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId', FIELD_LIMITS.userId),
    kind: requireMfaKind(hasOwn(o, 'kind') ? o.kind : undefined, 'kind'),
    codeHash: requireString(
      hasOwn(o, 'codeHash') ? o.codeHash : undefined,
      'codeHash',
      FIELD_LIMITS.codeHash,
    ),
    expiresAt: requireDate(hasOwn(o, 'expiresAt') ? o.expiresAt : undefined, 'expiresAt'),
    attempts: requireSafeInteger(hasOwn(o, 'attempts') ? o.attempts : undefined, 'attempts', 0),
    maxAttempts: requireSafeInteger(hasOwn(o, 'maxAttempts') ? o.maxAttempts : undefined, 'maxAttempts', 0),
    createdAt: requireDate(hasOwn(o, 'createdAt') ? o.createdAt : undefined, 'createdAt'),
  }
}

/**
 * Validates an `oauthIdentities.create` input. Required: `userId`, `provider`, `subjectId`,
 * `linkedAt`; nullable: `email`, `lastUsedAt`.
 * @throws InvalidInputError (field `identity` when not a plain object).
 */
export function validateNewOAuthIdentity(value: unknown): NewOAuthIdentity {
  const o = requireOptions(value, 'identity')
  return {
    userId: requireString(hasOwn(o, 'userId') ? o.userId : undefined, 'userId', FIELD_LIMITS.userId),
    provider: requireString(
      hasOwn(o, 'provider') ? o.provider : undefined,
      'provider',
      FIELD_LIMITS.provider,
    ),
    subjectId: requireString(
      hasOwn(o, 'subjectId') ? o.subjectId : undefined,
      'subjectId',
      FIELD_LIMITS.subjectId,
    ),
    email: requireNullableString(
      orNull(hasOwn(o, 'email') ? o.email : undefined),
      'email',
      FIELD_LIMITS.email,
    ),
    linkedAt: requireDate(hasOwn(o, 'linkedAt') ? o.linkedAt : undefined, 'linkedAt'),
    lastUsedAt: requireNullableDate(orNull(hasOwn(o, 'lastUsedAt') ? o.lastUsedAt : undefined), 'lastUsedAt'),
  }
}

/**
 * Validates an `oauthStates.create` input. `id` is required and must be non-empty (the only field
 * where an empty string is rejected); nullable: `linkingUserId`, `resultToken`; `resultWasNew` left out is `false`
 * (revision `2026-07`); the rest required. The result is the state as stored, every field present.
 * @throws InvalidInputError (field `state` when not a plain object).
 */
export function validateNewOAuthState(value: unknown): OAuthState {
  const o = requireOptions(value, 'state')
  const id = requireString(hasOwn(o, 'id') ? o.id : undefined, 'id', FIELD_LIMITS.stateId)
  if (id === '') throw new InvalidInputError('id', 'an OAuth state id must not be empty')
  return {
    id,
    provider: requireString(
      hasOwn(o, 'provider') ? o.provider : undefined,
      'provider',
      FIELD_LIMITS.provider,
    ),
    codeVerifier: requireString(
      hasOwn(o, 'codeVerifier') ? o.codeVerifier : undefined,
      'codeVerifier',
      FIELD_LIMITS.codeVerifier,
    ),
    nonce: requireString(hasOwn(o, 'nonce') ? o.nonce : undefined, 'nonce', FIELD_LIMITS.nonce),
    redirectTo: requireString(
      hasOwn(o, 'redirectTo') ? o.redirectTo : undefined,
      'redirectTo',
      FIELD_LIMITS.redirectTo,
    ),
    mode: requireOAuthFlowMode(hasOwn(o, 'mode') ? o.mode : undefined, 'mode'),
    linkingUserId: requireNullableString(
      orNull(hasOwn(o, 'linkingUserId') ? o.linkingUserId : undefined),
      'linkingUserId',
      FIELD_LIMITS.userId,
    ),
    createdAt: requireDate(hasOwn(o, 'createdAt') ? o.createdAt : undefined, 'createdAt'),
    expiresAt: requireDate(hasOwn(o, 'expiresAt') ? o.expiresAt : undefined, 'expiresAt'),
    resultToken: requireNullableString(
      orNull(hasOwn(o, 'resultToken') ? o.resultToken : undefined),
      'resultToken',
      FIELD_LIMITS.resultToken,
    ),
    resultWasNew: wasNewOf(hasOwn(o, 'resultWasNew') ? o.resultWasNew : undefined),
  }
}
