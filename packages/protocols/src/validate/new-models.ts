/**
 * Validators of the `New*` inputs (CONTRACT §0.6, §0.7). Each takes an untrusted value and returns
 * a FRESH closed copy holding exactly the model's keys (new `Date` objects, unknown keys dropped),
 * so nothing the caller does afterwards can reach storage. A nullable field that is `undefined`
 * becomes `null`; a missing required field is an `InvalidInputError` naming that field.
 *
 * Each field is read once, with a literal key (a monomorphic load at its own site), and own-only
 * through {@link ownOnly}: every key a validator reads must also be in its `…Unshadowed` test, or a
 * polluted `Object.prototype` could supply that field (test/pollution.test.ts checks every key).
 */

import { InvalidInputError } from '../errors.js'
import { FIELD_LIMITS } from '../limits.js'
import type { NewMfaCode, NewOAuthIdentity, NewPendingRegistration, NewUser, OAuthState } from '../models.js'
import { OBJECT_PROTOTYPE, ownOnly, requireOptions } from './objects.js'
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

const userKeysUnshadowed = (): boolean =>
  !(
    'email' in OBJECT_PROTOTYPE ||
    'hashedPassword' in OBJECT_PROTOTYPE ||
    'isActive' in OBJECT_PROTOTYPE ||
    'isVerified' in OBJECT_PROTOTYPE ||
    'isSuperuser' in OBJECT_PROTOTYPE ||
    'fullName' in OBJECT_PROTOTYPE ||
    'phoneNumber' in OBJECT_PROTOTYPE ||
    'isMfaEnabled' in OBJECT_PROTOTYPE ||
    'createdAt' in OBJECT_PROTOTYPE ||
    'updatedAt' in OBJECT_PROTOTYPE ||
    'lastLogin' in OBJECT_PROTOTYPE ||
    'tokensInvalidatedAfter' in OBJECT_PROTOTYPE
  )

/**
 * Validates a `users.create` input. Required: `email`, `isActive`, `isVerified`, `isSuperuser`,
 * `isMfaEnabled`, `createdAt`, `updatedAt`; nullable: `hashedPassword`, `fullName`, `phoneNumber`,
 * `lastLogin`, `tokensInvalidatedAfter`. @throws InvalidInputError (field `user` when not a plain object).
 */
export function validateNewUser(value: unknown): NewUser {
  const o = requireOptions(value, 'user')
  const f = ownOnly(
    o,
    {
      email: o.email,
      hashedPassword: o.hashedPassword,
      isActive: o.isActive,
      isVerified: o.isVerified,
      isSuperuser: o.isSuperuser,
      fullName: o.fullName,
      phoneNumber: o.phoneNumber,
      isMfaEnabled: o.isMfaEnabled,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      lastLogin: o.lastLogin,
      tokensInvalidatedAfter: o.tokensInvalidatedAfter,
    },
    userKeysUnshadowed,
  )
  return {
    email: requireString(f.email, 'email', FIELD_LIMITS.email),
    hashedPassword: requireNullableString(
      orNull(f.hashedPassword),
      'hashedPassword',
      FIELD_LIMITS.hashedPassword,
    ),
    isActive: requireBoolean(f.isActive, 'isActive'),
    isVerified: requireBoolean(f.isVerified, 'isVerified'),
    isSuperuser: requireBoolean(f.isSuperuser, 'isSuperuser'),
    fullName: requireNullableString(orNull(f.fullName), 'fullName', FIELD_LIMITS.fullName),
    phoneNumber: requireNullableString(orNull(f.phoneNumber), 'phoneNumber', FIELD_LIMITS.phoneNumber),
    isMfaEnabled: requireBoolean(f.isMfaEnabled, 'isMfaEnabled'),
    createdAt: requireDate(f.createdAt, 'createdAt'),
    updatedAt: requireDate(f.updatedAt, 'updatedAt'),
    lastLogin: requireNullableDate(orNull(f.lastLogin), 'lastLogin'),
    tokensInvalidatedAfter: requireNullableDate(orNull(f.tokensInvalidatedAfter), 'tokensInvalidatedAfter'),
  }
}

const pendingKeysUnshadowed = (): boolean =>
  !(
    'email' in OBJECT_PROTOTYPE ||
    'hashedPassword' in OBJECT_PROTOTYPE ||
    'fullName' in OBJECT_PROTOTYPE ||
    'tokenHash' in OBJECT_PROTOTYPE ||
    'createdAt' in OBJECT_PROTOTYPE ||
    'expiresAt' in OBJECT_PROTOTYPE
  )

/**
 * Validates a `pending.upsert` input. Required: `email`, `hashedPassword` (non-null), `tokenHash`,
 * `createdAt`, `expiresAt`; nullable: `fullName`.
 * @throws InvalidInputError (field `pending` when not a plain object).
 */
export function validateNewPendingRegistration(value: unknown): NewPendingRegistration {
  const o = requireOptions(value, 'pending')
  const f = ownOnly(
    o,
    {
      email: o.email,
      hashedPassword: o.hashedPassword,
      fullName: o.fullName,
      tokenHash: o.tokenHash,
      createdAt: o.createdAt,
      expiresAt: o.expiresAt,
    },
    pendingKeysUnshadowed,
  )
  return {
    email: requireString(f.email, 'email', FIELD_LIMITS.email),
    hashedPassword: requireString(f.hashedPassword, 'hashedPassword', FIELD_LIMITS.hashedPassword),
    fullName: requireNullableString(orNull(f.fullName), 'fullName', FIELD_LIMITS.fullName),
    tokenHash: requireString(f.tokenHash, 'tokenHash', FIELD_LIMITS.tokenHash),
    createdAt: requireDate(f.createdAt, 'createdAt'),
    expiresAt: requireDate(f.expiresAt, 'expiresAt'),
  }
}

const mfaCodeKeysUnshadowed = (): boolean =>
  !(
    'userId' in OBJECT_PROTOTYPE ||
    'kind' in OBJECT_PROTOTYPE ||
    'codeHash' in OBJECT_PROTOTYPE ||
    'expiresAt' in OBJECT_PROTOTYPE ||
    'attempts' in OBJECT_PROTOTYPE ||
    'maxAttempts' in OBJECT_PROTOTYPE ||
    'createdAt' in OBJECT_PROTOTYPE
  )

/**
 * Validates an `mfaCodes.put` input; every field is required and `attempts`/`maxAttempts` are safe
 * integers ≥ 0. `userId` may be any storable string (even empty): it is a plain string match.
 * @throws InvalidInputError (field `code` when not a plain object).
 */
export function validateNewMfaCode(value: unknown): NewMfaCode {
  const o = requireOptions(value, 'code')
  const f = ownOnly(
    o,
    {
      userId: o.userId,
      kind: o.kind,
      codeHash: o.codeHash,
      expiresAt: o.expiresAt,
      attempts: o.attempts,
      maxAttempts: o.maxAttempts,
      createdAt: o.createdAt,
    },
    mfaCodeKeysUnshadowed,
  )
  return {
    userId: requireString(f.userId, 'userId', FIELD_LIMITS.userId),
    kind: requireMfaKind(f.kind, 'kind'),
    codeHash: requireString(f.codeHash, 'codeHash', FIELD_LIMITS.codeHash),
    expiresAt: requireDate(f.expiresAt, 'expiresAt'),
    attempts: requireSafeInteger(f.attempts, 'attempts', 0),
    maxAttempts: requireSafeInteger(f.maxAttempts, 'maxAttempts', 0),
    createdAt: requireDate(f.createdAt, 'createdAt'),
  }
}

const identityKeysUnshadowed = (): boolean =>
  !(
    'userId' in OBJECT_PROTOTYPE ||
    'provider' in OBJECT_PROTOTYPE ||
    'subjectId' in OBJECT_PROTOTYPE ||
    'email' in OBJECT_PROTOTYPE ||
    'linkedAt' in OBJECT_PROTOTYPE ||
    'lastUsedAt' in OBJECT_PROTOTYPE
  )

/**
 * Validates an `oauthIdentities.create` input. Required: `userId`, `provider`, `subjectId`,
 * `linkedAt`; nullable: `email`, `lastUsedAt`.
 * @throws InvalidInputError (field `identity` when not a plain object).
 */
export function validateNewOAuthIdentity(value: unknown): NewOAuthIdentity {
  const o = requireOptions(value, 'identity')
  const f = ownOnly(
    o,
    {
      userId: o.userId,
      provider: o.provider,
      subjectId: o.subjectId,
      email: o.email,
      linkedAt: o.linkedAt,
      lastUsedAt: o.lastUsedAt,
    },
    identityKeysUnshadowed,
  )
  return {
    userId: requireString(f.userId, 'userId', FIELD_LIMITS.userId),
    provider: requireString(f.provider, 'provider', FIELD_LIMITS.provider),
    subjectId: requireString(f.subjectId, 'subjectId', FIELD_LIMITS.subjectId),
    email: requireNullableString(orNull(f.email), 'email', FIELD_LIMITS.email),
    linkedAt: requireDate(f.linkedAt, 'linkedAt'),
    lastUsedAt: requireNullableDate(orNull(f.lastUsedAt), 'lastUsedAt'),
  }
}

const stateKeysUnshadowed = (): boolean =>
  !(
    'id' in OBJECT_PROTOTYPE ||
    'provider' in OBJECT_PROTOTYPE ||
    'codeVerifier' in OBJECT_PROTOTYPE ||
    'nonce' in OBJECT_PROTOTYPE ||
    'redirectTo' in OBJECT_PROTOTYPE ||
    'mode' in OBJECT_PROTOTYPE ||
    'linkingUserId' in OBJECT_PROTOTYPE ||
    'createdAt' in OBJECT_PROTOTYPE ||
    'expiresAt' in OBJECT_PROTOTYPE ||
    'resultToken' in OBJECT_PROTOTYPE ||
    'resultWasNew' in OBJECT_PROTOTYPE
  )

/**
 * Validates an `oauthStates.create` input. `id` is required and must be non-empty (the only field
 * where an empty string is rejected); nullable: `linkingUserId`, `resultToken`; `resultWasNew` left out is `false`
 * (revision `2026-07`); the rest required. The result is the state as stored, every field present.
 * @throws InvalidInputError (field `state` when not a plain object).
 */
export function validateNewOAuthState(value: unknown): OAuthState {
  const o = requireOptions(value, 'state')
  const f = ownOnly(
    o,
    {
      id: o.id,
      provider: o.provider,
      codeVerifier: o.codeVerifier,
      nonce: o.nonce,
      redirectTo: o.redirectTo,
      mode: o.mode,
      linkingUserId: o.linkingUserId,
      createdAt: o.createdAt,
      expiresAt: o.expiresAt,
      resultToken: o.resultToken,
      resultWasNew: o.resultWasNew,
    },
    stateKeysUnshadowed,
  )
  const id = requireString(f.id, 'id', FIELD_LIMITS.stateId)
  if (id === '') throw new InvalidInputError('id', 'an OAuth state id must not be empty')
  return {
    id,
    provider: requireString(f.provider, 'provider', FIELD_LIMITS.provider),
    codeVerifier: requireString(f.codeVerifier, 'codeVerifier', FIELD_LIMITS.codeVerifier),
    nonce: requireString(f.nonce, 'nonce', FIELD_LIMITS.nonce),
    redirectTo: requireString(f.redirectTo, 'redirectTo', FIELD_LIMITS.redirectTo),
    mode: requireOAuthFlowMode(f.mode, 'mode'),
    linkingUserId: requireNullableString(orNull(f.linkingUserId), 'linkingUserId', FIELD_LIMITS.userId),
    createdAt: requireDate(f.createdAt, 'createdAt'),
    expiresAt: requireDate(f.expiresAt, 'expiresAt'),
    resultToken: requireNullableString(orNull(f.resultToken), 'resultToken', FIELD_LIMITS.resultToken),
    resultWasNew: wasNewOf(f.resultWasNew),
  }
}
