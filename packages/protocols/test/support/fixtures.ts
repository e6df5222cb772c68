/** Valid sample inputs and stored rows, built fresh on every call so tests never share objects. */
import type {
  MfaCode,
  NewMfaCode,
  NewOAuthIdentity,
  NewOAuthState,
  NewPendingRegistration,
  NewUser,
  OAuthIdentity,
  OAuthState,
  PendingRegistration,
  User,
} from '../../src/index.js'

export const T0: Date = new Date('2025-01-01T00:00:00.000Z')
export const T1: Date = new Date('2025-01-01T00:05:00.000Z')

export function newUser(): NewUser {
  return {
    email: 'ada@example.com',
    hashedPassword: '$argon2id$hash',
    isActive: true,
    isVerified: false,
    isSuperuser: false,
    fullName: 'Ada',
    phoneNumber: '+15550100',
    isMfaEnabled: false,
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
    lastLogin: null,
    tokensInvalidatedAfter: new Date(T1),
  }
}

export function storedUser(): User {
  return { id: 'u1', ...newUser() }
}

export function newPending(): NewPendingRegistration {
  return {
    email: 'bob@example.com',
    hashedPassword: 'h',
    fullName: null,
    tokenHash: 'a'.repeat(64),
    createdAt: new Date(T0),
    expiresAt: new Date(T1),
  }
}

export function storedPending(): PendingRegistration {
  return { id: 'p1', ...newPending() }
}

export function newMfaCode(): NewMfaCode {
  return {
    userId: 'u1',
    kind: 'login_mfa',
    codeHash: 'b'.repeat(64),
    expiresAt: new Date(T1),
    attempts: 0,
    maxAttempts: 5,
    createdAt: new Date(T0),
  }
}

export function storedMfaCode(): MfaCode {
  return { id: 'm1', ...newMfaCode() }
}

export function newIdentity(): NewOAuthIdentity {
  return {
    userId: 'u1',
    provider: 'google',
    subjectId: 'sub-1',
    email: null,
    linkedAt: new Date(T0),
    lastUsedAt: null,
  }
}

export function storedIdentity(): OAuthIdentity {
  return { id: 'i1', ...newIdentity() }
}

export function newState(): NewOAuthState {
  return {
    id: 'state-1',
    provider: 'google',
    codeVerifier: 'verifier',
    nonce: 'nonce',
    redirectTo: '/home',
    mode: 'signin',
    linkingUserId: null,
    createdAt: new Date(T0),
    expiresAt: new Date(T1),
    resultToken: null,
  }
}

export function storedState(): OAuthState {
  return { ...newState(), resultWasNew: false }
}
