import type {
  FrozenClock,
  MfaKind,
  NewMfaCode,
  NewOAuthIdentity,
  NewOAuthState,
  NewPendingRegistration,
  NewUser,
} from '@regstack/protocols'
import fc from 'fast-check'
import { anyDate, shifted } from './dates.js'
import { emailString, hex64, unicodeString, word } from './strings.js'

/** Any valid `NewUser`, with dates across the whole storable range. */
export function newUser(): fc.Arbitrary<NewUser> {
  return fc.record({
    email: emailString(),
    hashedPassword: fc.option(unicodeString({ maxLength: 60 }), { nil: null }),
    isActive: fc.boolean(),
    isVerified: fc.boolean(),
    isSuperuser: fc.boolean(),
    fullName: fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
    phoneNumber: fc.option(fc.string({ unit: fc.constantFrom(...'+0123456789 '), maxLength: 20 }), {
      nil: null,
    }),
    isMfaEnabled: fc.boolean(),
    createdAt: anyDate(),
    updatedAt: anyDate(),
    lastLogin: fc.option(anyDate(), { nil: null }),
    tokensInvalidatedAfter: fc.option(anyDate(), { nil: null }),
  })
}

/** A valid `NewPendingRegistration` expiring `expiresInMs` (generated if omitted) after the clock's now. */
export function newPending(clock: FrozenClock): fc.Arbitrary<NewPendingRegistration> {
  return fc.record({
    email: emailString(),
    hashedPassword: unicodeString({ maxLength: 60 }),
    fullName: fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
    tokenHash: hex64(),
    createdAt: anyDate(),
    expiresAt: fc.integer({ min: 1, max: 86_400_000 }).map((ms) => shifted(clock.now(), ms)),
  })
}

/** A valid `NewMfaCode` for `userId`/`kind` with the hash of `rawCode`, expiring in the future. */
export function mfaKind(): fc.Arbitrary<MfaKind> {
  return fc.constantFrom<MfaKind>('phone_setup', 'login_mfa')
}

/** A valid `NewOAuthIdentity` (unique keys are the caller's business). */
export function newIdentity(): fc.Arbitrary<NewOAuthIdentity> {
  return fc.record({
    userId: unicodeString({ minLength: 1, maxLength: 36 }),
    provider: word(32),
    subjectId: unicodeString({ minLength: 1, maxLength: 255 }),
    email: fc.option(emailString(), { nil: null }),
    linkedAt: anyDate(),
    lastUsedAt: fc.option(anyDate(), { nil: null }),
  })
}

/** A valid `NewOAuthState` expiring after the clock's now. */
export function newState(clock: FrozenClock): fc.Arbitrary<NewOAuthState> {
  return fc.record({
    id: unicodeString({ minLength: 1, maxLength: 64 }),
    provider: word(32),
    codeVerifier: unicodeString({ maxLength: 128 }),
    nonce: unicodeString({ maxLength: 64 }),
    redirectTo: unicodeString({ maxLength: 200 }),
    mode: fc.constantFrom('signin' as const, 'link' as const),
    linkingUserId: fc.option(unicodeString({ minLength: 1, maxLength: 36 }), { nil: null }),
    createdAt: anyDate(),
    expiresAt: fc.integer({ min: 1, max: 86_400_000 }).map((ms) => shifted(clock.now(), ms)),
    resultToken: fc.option(unicodeString({ maxLength: 200 }), { nil: null }),
  })
}

/** Convenience for checks that need an `NewMfaCode` with explicit parts. */
export function mfaCodeOf(
  parts: Omit<NewMfaCode, 'createdAt'> & { createdAt?: Date },
  clock: FrozenClock,
): NewMfaCode {
  return { ...parts, createdAt: parts.createdAt ?? clock.now() }
}
