/**
 * The raw repositories: what an adapter implements and hands to `guardRepos`, which turns them into
 * the public {@link Repos}. `guardRepos` is the only place that validates, resolves defaults and
 * copies, so the raw side is typed for what it actually receives:
 *
 * - every argument is already valid (types, field limits, no U+0000 or lone surrogates) and
 *   matchable, so a raw method never needs to reject or short-circuit;
 * - every default is already resolved: `now`/`when` are real `Date`s read from the clock, `listPaged`
 *   options are all present, a count filter holds only the flags that were given;
 * - `New*` inputs are fresh copies nobody else holds, so the adapter may keep them as they are;
 * - results may share objects with the adapter's own state: the guard copies every returned model
 *   exactly once before a caller sees it, and never mutates what the adapter returned.
 *
 * Errors a raw method throws pass through the guard untouched, so the typed errors of CONTRACT §5
 * (`UserAlreadyExistsError`, `StorageUnavailableError`, ...) are the adapter's to throw.
 */
import type { MfaKind, OAuthState, User } from './models.js'
import type {
  BlacklistRepo,
  LoginAttemptRepo,
  MfaCodeRepo,
  OAuthIdentityRepo,
  OAuthStateRepo,
  PendingRepo,
  UserRepo,
} from './repos.js'

/** `UserRepo.count`'s filter as the guard resolves it: only the flags that were given, never `null`. */
export interface ResolvedUserCountFilter {
  readonly isActive?: boolean
  readonly isVerified?: boolean
  readonly isSuperuser?: boolean
}

/** `UserRepo.listPaged`'s options with every default resolved (skip 0, limit 50, newest first). */
export interface ResolvedListPagedOptions {
  readonly skip: number
  readonly limit: number
  readonly sortByCreatedAtDesc: boolean
}

/** `LoginAttemptRepo.recordFailure`'s options with `when` read from the clock and `ip` null when not given. */
export interface ResolvedRecordFailureOptions {
  readonly when: Date
  readonly ip: string | null
}

/** {@link UserRepo} as an adapter implements it. */
export interface RawUserRepo extends Omit<UserRepo, 'count' | 'listPaged'> {
  count(filter: ResolvedUserCountFilter): Promise<number>
  listPaged(opts: ResolvedListPagedOptions): Promise<User[]>
}

/** {@link PendingRepo} as an adapter implements it: cutoffs are always given. */
export interface RawPendingRepo extends Omit<PendingRepo, 'purgeExpired' | 'countUnexpired'> {
  purgeExpired(now: Date): Promise<number>
  countUnexpired(now: Date): Promise<number>
}

/** {@link BlacklistRepo} as an adapter implements it: the cutoff is always given. */
export interface RawBlacklistRepo extends Omit<BlacklistRepo, 'purgeExpired'> {
  purgeExpired(now: Date): Promise<number>
}

/** {@link LoginAttemptRepo} as an adapter implements it: `when` and `ip` are always given. */
export interface RawLoginAttemptRepo extends Omit<LoginAttemptRepo, 'recordFailure'> {
  recordFailure(email: string, opts: ResolvedRecordFailureOptions): Promise<void>
}

/**
 * {@link MfaCodeRepo} as an adapter implements it: `delete` gets a real kind or no `kind` key at all
 * (meaning every kind), and the cutoff is always given.
 */
export interface RawMfaCodeRepo extends Omit<MfaCodeRepo, 'delete' | 'purgeExpired'> {
  delete(opts: { readonly userId: string; readonly kind?: MfaKind }): Promise<void>
  purgeExpired(now: Date): Promise<number>
}

/** {@link OAuthIdentityRepo} as an adapter implements it (it has no defaults to resolve). */
export type RawOAuthIdentityRepo = OAuthIdentityRepo

/** `setResultToken`'s options as they reach an adapter: `wasNew` always, `newExpiresAt` only when given. */
export interface RawSetResultTokenOptions {
  readonly newExpiresAt?: Date
  /** Since revision `2026-07`; `false` when the caller left it out, so every call writes the flag. */
  readonly wasNew: boolean
}

/**
 * {@link OAuthStateRepo} as an adapter implements it: `setResultToken` always gets its options
 * resolved, `create` always gets `resultWasNew`, and the cutoff is always given.
 */
export interface RawOAuthStateRepo
  extends Omit<OAuthStateRepo, 'create' | 'setResultToken' | 'purgeExpired'> {
  create(state: OAuthState): Promise<void>
  setResultToken(stateId: string, token: string, opts: RawSetResultTokenOptions): Promise<void>
  purgeExpired(now: Date): Promise<number>
}

/** The bundle an adapter passes to `guardRepos`. */
export interface RawRepos {
  readonly users: RawUserRepo
  readonly pending: RawPendingRepo
  readonly blacklist: RawBlacklistRepo
  readonly attempts: RawLoginAttemptRepo
  readonly mfaCodes: RawMfaCodeRepo
  readonly oauthIdentities: RawOAuthIdentityRepo
  readonly oauthStates: RawOAuthStateRepo
}
