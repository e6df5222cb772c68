/** The stored fields of each model (see row-codec.ts for the encodings). */
import type { RowSpec } from './row-codec.js'

/** `User`, with its id stored in the row so one HGETALL rebuilds it. */
export const USER_SPEC: RowSpec = {
  id: 'text',
  email: 'text',
  hashedPassword: 'text?',
  isActive: 'bool',
  isVerified: 'bool',
  isSuperuser: 'bool',
  fullName: 'text?',
  phoneNumber: 'text?',
  isMfaEnabled: 'bool',
  createdAt: 'date',
  updatedAt: 'date',
  lastLogin: 'date?',
  tokensInvalidatedAfter: 'date?',
}

/** `PendingRegistration`. */
export const PENDING_SPEC: RowSpec = {
  id: 'text',
  email: 'text',
  hashedPassword: 'text',
  fullName: 'text?',
  tokenHash: 'text',
  createdAt: 'date',
  expiresAt: 'date',
}

/** `MfaCode`. */
export const MFA_CODE_SPEC: RowSpec = {
  id: 'text',
  userId: 'text',
  kind: 'text',
  codeHash: 'text',
  expiresAt: 'date',
  attempts: 'int',
  maxAttempts: 'int',
  createdAt: 'date',
}

/** `OAuthIdentity`. */
export const IDENTITY_SPEC: RowSpec = {
  id: 'text',
  userId: 'text',
  provider: 'text',
  subjectId: 'text',
  email: 'text?',
  linkedAt: 'date',
  lastUsedAt: 'date?',
}

/** `OAuthState`. */
export const STATE_SPEC: RowSpec = {
  id: 'text',
  provider: 'text',
  codeVerifier: 'text',
  nonce: 'text',
  redirectTo: 'text',
  mode: 'text',
  linkingUserId: 'text?',
  createdAt: 'date',
  expiresAt: 'date',
  resultToken: 'text?',
  // Contract revision 2026-07; guardRepos always resolves it (false when left out).
  resultWasNew: 'bool',
}
