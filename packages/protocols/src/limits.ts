/**
 * Field limits of CONTRACT §0.6, in UTF-16 code units (regstack's SQL column widths). Values up to
 * these limits round-trip on every engine; one past is `InvalidInputError` when written, and "matches
 * nothing" when only looked up.
 */
export const FIELD_LIMITS: {
  readonly email: 320
  readonly fullName: 200
  readonly phoneNumber: 20
  readonly provider: 32
  readonly subjectId: 255
  readonly userId: 36
  readonly stateId: 64
  readonly jti: 64
  readonly tokenHash: 64
  readonly codeHash: 64
  readonly nonce: 64
  readonly ip: 64
  readonly hashedPassword: 4096
  readonly codeVerifier: 4096
  readonly redirectTo: 4096
  readonly resultToken: 4096
  readonly id: 36
} = {
  email: 320,
  fullName: 200,
  phoneNumber: 20,
  provider: 32,
  subjectId: 255,
  userId: 36,
  stateId: 64,
  jti: 64,
  tokenHash: 64,
  codeHash: 64,
  nonce: 64,
  ip: 64,
  hashedPassword: 4096,
  codeVerifier: 4096,
  redirectTo: 4096,
  resultToken: 4096,
  /** Adapter-generated ids (users, pending rows, MFA codes, identities). */
  id: 36,
} as const

/** Name of a limited field. */
export type LimitedField = keyof typeof FIELD_LIMITS

/** Earliest storable instant (CONTRACT §0.3), inclusive. */
export const MIN_DATE_MS: number = Date.UTC(1970, 0, 1, 0, 0, 0, 0)
/** Latest storable instant (CONTRACT §0.3), inclusive: 9999-12-31T23:59:59.999Z. */
export const MAX_DATE_MS: number = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/** Defaults applied by the model factories (CONTRACT §2). */
export const MODEL_DEFAULTS: {
  readonly mfaMaxAttempts: 5
  readonly oauthStateTtlMs: 300000
  readonly listPagedLimit: 50
} = {
  mfaMaxAttempts: 5,
  oauthStateTtlMs: 300_000,
  listPagedLimit: 50,
} as const
