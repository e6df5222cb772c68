export type {
  BlacklistEntry,
  LoginAttempt,
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
} from './models.js'
export { MfaKind, MfaVerifyOutcome, OAuthFlowMode } from './models.js'
export type { MfaVerifyResult } from './models.js'
export type {
  BlacklistRepo,
  ListPagedOptions,
  LoginAttemptRepo,
  MfaCodeRepo,
  OAuthIdentityRepo,
  OAuthStateRepo,
  PendingRepo,
  RecordFailureOptions,
  Repos,
  UserCountFilter,
  UserRepo,
} from './repos.js'
export type { Clock } from './clock.js'
export { FrozenClock, SystemClock } from './clock.js'
export type { RegstackErrorCode } from './errors.js'
export {
  InvalidInputError,
  isRegstackStorageError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  RegstackStorageError,
  StorageUnavailableError,
  UserAlreadyExistsError,
} from './errors.js'
export type { LimitedField } from './limits.js'
export { FIELD_LIMITS, MAX_DATE_MS, MIN_DATE_MS, MODEL_DEFAULTS } from './limits.js'
