export type { Clock } from './clock.js'
export { FrozenClock, SystemClock } from './clock.js'
export type { DuplicateSubject } from './duplicate-error.js'
export { duplicateError, wrapStorageFailure } from './duplicate-error.js'
export type { RegstackErrorCode } from './errors.js'
export {
  InvalidInputError,
  isRegstackStorageError,
  OAuthIdentityAlreadyLinkedError,
  OAuthStateAlreadyExistsError,
  PendingAlreadyExistsError,
  RegstackStorageError,
  StorageFailureError,
  StorageUnavailableError,
  UserAlreadyExistsError,
} from './errors.js'
export type {
  MfaCodeInit,
  OAuthIdentityInit,
  OAuthStateInit,
  PendingRegistrationInit,
  UserInit,
} from './factories.js'
export {
  isAdmin,
  makeNewMfaCode,
  makeNewOAuthIdentity,
  makeNewOAuthState,
  makeNewPendingRegistration,
  makeNewUser,
} from './factories.js'
export {
  copyMfaCode,
  copyOAuthIdentity,
  copyOAuthState,
  copyPendingRegistration,
  copyUser,
} from './guard/copy-models.js'
export type { GuardOptions } from './guard/guard-options.js'
export { guardRepos } from './guard/guard-repos.js'
export type {
  StoredField,
  StoredKind,
  StoredTable,
  StoredUniqueIndex,
  StoreKey,
} from './layout.js'
export { fieldsOf, STORAGE_LAYOUT, STORE_KEYS } from './layout.js'
export type { LimitedField } from './limits.js'
export { FIELD_LIMITS, MAX_DATE_MS, MIN_DATE_MS, MODEL_DEFAULTS } from './limits.js'
export { mfaCodeDigest, mfaCodeMatches } from './mfa-code-hash.js'
export type {
  BlacklistEntry,
  LoginAttempt,
  MfaCode,
  MfaVerifyResult,
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
export { newHexId } from './new-hex-id.js'
export type {
  RawBlacklistRepo,
  RawLoginAttemptRepo,
  RawMfaCodeRepo,
  RawOAuthIdentityRepo,
  RawOAuthStateRepo,
  RawPendingRepo,
  RawRepos,
  RawSetResultTokenOptions,
  RawUserRepo,
  ResolvedListPagedOptions,
  ResolvedRecordFailureOptions,
  ResolvedUserCountFilter,
} from './raw-repos.js'
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
  SetResultTokenOptions,
  UserCountFilter,
  UserRepo,
} from './repos.js'
export type {
  ContractRevision,
  NewOAuthStateOf,
  OAuthStateOf,
  OAuthStateRepoOf,
  ReposOf,
} from './revisions.js'
export {
  CONTRACT_REVISIONS,
  isContractRevision,
  NEWEST_CONTRACT_REVISION,
  revisionIncludes,
} from './revisions.js'
export { describeKind } from './validate/describe-kind.js'
export {
  validateNewMfaCode,
  validateNewOAuthIdentity,
  validateNewOAuthState,
  validateNewPendingRegistration,
  validateNewUser,
} from './validate/new-models.js'
export type { PlainObject } from './validate/objects.js'
export { isPlainObject, ownField, requireOptionalOptions, requireOptions } from './validate/objects.js'
export {
  requireBoolean,
  requireDate,
  requireMfaKind,
  requireNullableDate,
  requireOAuthFlowMode,
  requireOptionalBoolean,
  requireOptionalDate,
  requireOptionalMfaKind,
  requireOptionalSafeInteger,
  requireSafeInteger,
} from './validate/scalars.js'
export {
  isMatchable,
  isWellFormed,
  loneSurrogateIndex,
  requireKeyString,
  requireNullableString,
  requireString,
} from './validate/strings.js'
export { oauthIdentityWithId, pendingWithId, userWithId } from './with-id.js'
