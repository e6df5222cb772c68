/**
 * Guards the public surface of CONTRACT §8.2, §8.3 and §0.1: every name must stay importable from the
 * package entry point with the documented shape. Types are checked by the compiler (`tsc`) through
 * `expectTypeOf`; values are checked at runtime.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import type {
  BlacklistEntry,
  BlacklistRepo,
  Clock,
  GuardOptions,
  ListPagedOptions,
  LoginAttempt,
  LoginAttemptRepo,
  MfaCode,
  MfaCodeInit,
  MfaCodeRepo,
  MfaKind,
  MfaVerifyOutcome,
  MfaVerifyResult,
  NewMfaCode,
  NewOAuthIdentity,
  NewOAuthState,
  NewPendingRegistration,
  NewUser,
  OAuthFlowMode,
  OAuthIdentity,
  OAuthIdentityInit,
  OAuthIdentityRepo,
  OAuthState,
  OAuthStateInit,
  OAuthStateRepo,
  PendingRegistration,
  PendingRegistrationInit,
  PendingRepo,
  RawRepos,
  RawUserRepo,
  RecordFailureOptions,
  RegstackErrorCode,
  Repos,
  ResolvedListPagedOptions,
  User,
  UserCountFilter,
  UserInit,
  UserRepo,
} from '../src/index.js'
import * as api from '../src/index.js'

describe('public surface', () => {
  it('exports every runtime name', () => {
    const names = [
      'MfaKind',
      'OAuthFlowMode',
      'MfaVerifyOutcome',
      'SystemClock',
      'FrozenClock',
      'RegstackStorageError',
      'UserAlreadyExistsError',
      'PendingAlreadyExistsError',
      'OAuthIdentityAlreadyLinkedError',
      'OAuthStateAlreadyExistsError',
      'InvalidInputError',
      'StorageUnavailableError',
      'StorageFailureError',
      'isRegstackStorageError',
      'FIELD_LIMITS',
      'MIN_DATE_MS',
      'MAX_DATE_MS',
      'MODEL_DEFAULTS',
      'guardRepos',
      'validateNewUser',
      'validateNewPendingRegistration',
      'validateNewMfaCode',
      'validateNewOAuthIdentity',
      'validateNewOAuthState',
      'requireString',
      'requireNullableString',
      'requireKeyString',
      'requireDate',
      'requireOptionalDate',
      'requireBoolean',
      'requireSafeInteger',
      'requireMfaKind',
      'isWellFormed',
      'isMatchable',
      'mfaCodeDigest',
      'mfaCodeMatches',
      'makeNewUser',
      'makeNewPendingRegistration',
      'makeNewMfaCode',
      'makeNewOAuthIdentity',
      'makeNewOAuthState',
      'isAdmin',
    ]
    for (const name of names) expect(api, name).toHaveProperty(name)
    expect(api.MfaKind).toEqual({ PhoneSetup: 'phone_setup', LoginMfa: 'login_mfa' })
    expect(api.OAuthFlowMode).toEqual({ Signin: 'signin', Link: 'link' })
    expect(api.MfaVerifyOutcome).toEqual({
      Ok: 'ok',
      Wrong: 'wrong',
      Expired: 'expired',
      Locked: 'locked',
      Missing: 'missing',
    })
  })

  it('keeps the documented types', () => {
    expectTypeOf<MfaKind>().toEqualTypeOf<'phone_setup' | 'login_mfa'>()
    expectTypeOf<OAuthFlowMode>().toEqualTypeOf<'signin' | 'link'>()
    expectTypeOf<MfaVerifyOutcome>().toEqualTypeOf<'ok' | 'wrong' | 'expired' | 'locked' | 'missing'>()
    expectTypeOf<MfaVerifyResult>().toEqualTypeOf<{
      readonly outcome: MfaVerifyOutcome
      readonly attemptsRemaining: number
    }>()
    expectTypeOf<NewUser>().toEqualTypeOf<Omit<User, 'id'>>()
    expectTypeOf<NewPendingRegistration>().toEqualTypeOf<Omit<PendingRegistration, 'id'>>()
    expectTypeOf<NewMfaCode>().toEqualTypeOf<Omit<MfaCode, 'id'>>()
    expectTypeOf<NewOAuthIdentity>().toEqualTypeOf<Omit<OAuthIdentity, 'id'>>()
    expectTypeOf<NewOAuthState>().toEqualTypeOf<
      Omit<OAuthState, 'resultWasNew'> & { readonly resultWasNew?: boolean }
    >()
    expectTypeOf<OAuthState['resultWasNew']>().toEqualTypeOf<boolean>()
    expectTypeOf<User['tokensInvalidatedAfter']>().toEqualTypeOf<Date | null>()
    expectTypeOf<LoginAttempt>().toEqualTypeOf<{
      readonly email: string
      readonly when: Date
      readonly ip: string | null
    }>()
    expectTypeOf<BlacklistEntry>().toEqualTypeOf<{ readonly jti: string; readonly exp: Date }>()
    expectTypeOf<Clock['now']>().toEqualTypeOf<() => Date>()
    expectTypeOf<Repos>().toEqualTypeOf<{
      readonly users: UserRepo
      readonly pending: PendingRepo
      readonly blacklist: BlacklistRepo
      readonly attempts: LoginAttemptRepo
      readonly mfaCodes: MfaCodeRepo
      readonly oauthIdentities: OAuthIdentityRepo
      readonly oauthStates: OAuthStateRepo
    }>()
    expectTypeOf<UserRepo['listPaged']>().parameter(0).toEqualTypeOf<ListPagedOptions | null | undefined>()
    expectTypeOf<UserRepo['count']>().parameter(0).toEqualTypeOf<UserCountFilter | null | undefined>()
    expectTypeOf<LoginAttemptRepo['recordFailure']>()
      .parameter(1)
      .toEqualTypeOf<RecordFailureOptions | null | undefined>()
    expectTypeOf<OAuthStateRepo['setResultToken']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<RegstackErrorCode>().toEqualTypeOf<
      | 'USER_ALREADY_EXISTS'
      | 'PENDING_ALREADY_EXISTS'
      | 'OAUTH_IDENTITY_ALREADY_LINKED'
      | 'OAUTH_STATE_ALREADY_EXISTS'
      | 'INVALID_INPUT'
      | 'UNAVAILABLE'
      | 'STORAGE_FAILURE'
    >()
    expectTypeOf(api.guardRepos).toEqualTypeOf<(inner: RawRepos, options: GuardOptions) => Repos>()
    // The raw side an adapter implements receives resolved options: no null, no omitted default.
    expectTypeOf<RawUserRepo['listPaged']>().parameter(0).toEqualTypeOf<ResolvedListPagedOptions>()
    expectTypeOf<ResolvedListPagedOptions>().toEqualTypeOf<{
      readonly skip: number
      readonly limit: number
      readonly sortByCreatedAtDesc: boolean
    }>()
    expectTypeOf<RawRepos['pending']['purgeExpired']>().parameters.toEqualTypeOf<[now: Date]>()
    expectTypeOf<GuardOptions>().toEqualTypeOf<{
      readonly clock: Clock
      readonly isStorableId?: (id: string) => boolean
      readonly resultsAreFresh?: boolean
    }>()
    expectTypeOf(api.makeNewUser).toEqualTypeOf<(init: UserInit, clock: Clock) => NewUser>()
    expectTypeOf(api.makeNewPendingRegistration).toEqualTypeOf<
      (init: PendingRegistrationInit, clock: Clock) => NewPendingRegistration
    >()
    expectTypeOf(api.makeNewMfaCode).toEqualTypeOf<(init: MfaCodeInit, clock: Clock) => NewMfaCode>()
    expectTypeOf(api.makeNewOAuthIdentity).toEqualTypeOf<
      (init: OAuthIdentityInit, clock: Clock) => NewOAuthIdentity
    >()
    expectTypeOf(api.makeNewOAuthState).toEqualTypeOf<(init: OAuthStateInit, clock: Clock) => NewOAuthState>()
    expectTypeOf(api.isAdmin).toEqualTypeOf<(user: User) => boolean>()
    expectTypeOf(api.mfaCodeDigest).toEqualTypeOf<(rawCode: string) => string | null>()
    expectTypeOf(api.mfaCodeMatches).toEqualTypeOf<(rawCode: string, codeHash: string) => boolean>()
    expectTypeOf(api.validateNewUser).toEqualTypeOf<(value: unknown) => NewUser>()
    // §0.1 error constructors: (payload…, options?: ErrorOptions).
    expectTypeOf(api.UserAlreadyExistsError).constructorParameters.toEqualTypeOf<[string, ErrorOptions?]>()
    expectTypeOf(api.PendingAlreadyExistsError).constructorParameters.toEqualTypeOf<[string, ErrorOptions?]>()
    expectTypeOf(api.OAuthIdentityAlreadyLinkedError).constructorParameters.toEqualTypeOf<
      [string, string, ErrorOptions?]
    >()
    expectTypeOf(api.OAuthStateAlreadyExistsError).constructorParameters.toEqualTypeOf<
      [string, ErrorOptions?]
    >()
    expectTypeOf(api.InvalidInputError).constructorParameters.toEqualTypeOf<[string, string, ErrorOptions?]>()
    expectTypeOf<api.InvalidInputError['field']>().toEqualTypeOf<string>()
  })

  it('the UserInit type makes every defaulted field optional', () => {
    const minimal: UserInit = { email: 'a@x.io' }
    const pending: PendingRegistrationInit = {
      email: 'a',
      hashedPassword: 'h',
      tokenHash: 't',
      expiresAt: new Date(),
    }
    const code: MfaCodeInit = { userId: 'u', kind: 'login_mfa', codeHash: 'c', expiresAt: new Date() }
    const identity: OAuthIdentityInit = { userId: 'u', provider: 'p', subjectId: 's' }
    const state: OAuthStateInit = {
      id: 's',
      provider: 'p',
      codeVerifier: 'v',
      nonce: 'n',
      redirectTo: '/',
      mode: 'signin',
    }
    expect([minimal, pending, code, identity, state]).toHaveLength(5)
  })
})
