/**
 * Validators of the `New*` inputs (CONTRACT §0.6, §0.7). Each takes an untrusted value and returns
 * a FRESH closed copy holding exactly the model's keys (new `Date` objects, unknown keys dropped),
 * so nothing the caller does afterwards can reach storage. A nullable field that is `undefined`
 * becomes `null`; a missing required field is an `InvalidInputError` naming that field.
 */

import { InvalidInputError } from '../errors.js'
import { FIELD_LIMITS } from '../limits.js'
import type { NewMfaCode, NewOAuthIdentity, NewPendingRegistration, NewUser, OAuthState } from '../models.js'
import { ownField, type PlainObject, requireOptions } from './objects.js'
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

/** Reads a nullable field of a `New*` input: an absent or `undefined` value means `null`. */
function nullable(object: PlainObject, key: string): unknown {
  const value = ownField(object, key)
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
    email: requireString(ownField(o, 'email'), 'email', FIELD_LIMITS.email),
    hashedPassword: requireNullableString(
      nullable(o, 'hashedPassword'),
      'hashedPassword',
      FIELD_LIMITS.hashedPassword,
    ),
    isActive: requireBoolean(ownField(o, 'isActive'), 'isActive'),
    isVerified: requireBoolean(ownField(o, 'isVerified'), 'isVerified'),
    isSuperuser: requireBoolean(ownField(o, 'isSuperuser'), 'isSuperuser'),
    fullName: requireNullableString(nullable(o, 'fullName'), 'fullName', FIELD_LIMITS.fullName),
    phoneNumber: requireNullableString(nullable(o, 'phoneNumber'), 'phoneNumber', FIELD_LIMITS.phoneNumber),
    isMfaEnabled: requireBoolean(ownField(o, 'isMfaEnabled'), 'isMfaEnabled'),
    createdAt: requireDate(ownField(o, 'createdAt'), 'createdAt'),
    updatedAt: requireDate(ownField(o, 'updatedAt'), 'updatedAt'),
    lastLogin: requireNullableDate(nullable(o, 'lastLogin'), 'lastLogin'),
    tokensInvalidatedAfter: requireNullableDate(
      nullable(o, 'tokensInvalidatedAfter'),
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
    email: requireString(ownField(o, 'email'), 'email', FIELD_LIMITS.email),
    hashedPassword: requireString(
      ownField(o, 'hashedPassword'),
      'hashedPassword',
      FIELD_LIMITS.hashedPassword,
    ),
    fullName: requireNullableString(nullable(o, 'fullName'), 'fullName', FIELD_LIMITS.fullName),
    tokenHash: requireString(ownField(o, 'tokenHash'), 'tokenHash', FIELD_LIMITS.tokenHash),
    createdAt: requireDate(ownField(o, 'createdAt'), 'createdAt'),
    expiresAt: requireDate(ownField(o, 'expiresAt'), 'expiresAt'),
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
    userId: requireString(ownField(o, 'userId'), 'userId', FIELD_LIMITS.userId),
    kind: requireMfaKind(ownField(o, 'kind'), 'kind'),
    codeHash: requireString(ownField(o, 'codeHash'), 'codeHash', FIELD_LIMITS.codeHash),
    expiresAt: requireDate(ownField(o, 'expiresAt'), 'expiresAt'),
    attempts: requireSafeInteger(ownField(o, 'attempts'), 'attempts', 0),
    maxAttempts: requireSafeInteger(ownField(o, 'maxAttempts'), 'maxAttempts', 0),
    createdAt: requireDate(ownField(o, 'createdAt'), 'createdAt'),
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
    userId: requireString(ownField(o, 'userId'), 'userId', FIELD_LIMITS.userId),
    provider: requireString(ownField(o, 'provider'), 'provider', FIELD_LIMITS.provider),
    subjectId: requireString(ownField(o, 'subjectId'), 'subjectId', FIELD_LIMITS.subjectId),
    email: requireNullableString(nullable(o, 'email'), 'email', FIELD_LIMITS.email),
    linkedAt: requireDate(ownField(o, 'linkedAt'), 'linkedAt'),
    lastUsedAt: requireNullableDate(nullable(o, 'lastUsedAt'), 'lastUsedAt'),
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
  const id = requireString(ownField(o, 'id'), 'id', FIELD_LIMITS.stateId)
  if (id === '') throw new InvalidInputError('id', 'an OAuth state id must not be empty')
  return {
    id,
    provider: requireString(ownField(o, 'provider'), 'provider', FIELD_LIMITS.provider),
    codeVerifier: requireString(ownField(o, 'codeVerifier'), 'codeVerifier', FIELD_LIMITS.codeVerifier),
    nonce: requireString(ownField(o, 'nonce'), 'nonce', FIELD_LIMITS.nonce),
    redirectTo: requireString(ownField(o, 'redirectTo'), 'redirectTo', FIELD_LIMITS.redirectTo),
    mode: requireOAuthFlowMode(ownField(o, 'mode'), 'mode'),
    linkingUserId: requireNullableString(nullable(o, 'linkingUserId'), 'linkingUserId', FIELD_LIMITS.userId),
    createdAt: requireDate(ownField(o, 'createdAt'), 'createdAt'),
    expiresAt: requireDate(ownField(o, 'expiresAt'), 'expiresAt'),
    resultToken: requireNullableString(nullable(o, 'resultToken'), 'resultToken', FIELD_LIMITS.resultToken),
    resultWasNew: wasNewOf(ownField(o, 'resultWasNew')),
  }
}
