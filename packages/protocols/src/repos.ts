/**
 * The seven repository interfaces of the regstack storage contract (CONTRACT §3, §8.3) and the
 * {@link Repos} bundle every adapter returns.
 *
 * Shared rules (CONTRACT §0): inputs are validated before anything is read or written and bad ones
 * reject with `InvalidInputError`; strings are stored and matched exactly; dates are millisecond
 * instants returned as fresh `Date`s; an id that is not stored (whatever its shape) gives `null`,
 * `false` or a no-op, never an error; every omitted `now`/`when` is the adapter's injected clock;
 * `undefined` and `null` both mean "not given" for optional options.
 */
import type {
  MfaCode,
  MfaKind,
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

/** Filters of `UserRepo.count`; an omitted (or `null`) flag is ignored. */
export interface UserCountFilter {
  readonly isActive?: boolean | null
  readonly isVerified?: boolean | null
  readonly isSuperuser?: boolean | null
}

/** Options of `UserRepo.listPaged`. */
export interface ListPagedOptions {
  /** Safe integer ≥ 0. @default 0 */
  readonly skip?: number | null
  /** Safe integer ≥ 1 (0 is rejected, unlike Mongo's "unlimited"). @default 50 */
  readonly limit?: number | null
  /** @default true */
  readonly sortByCreatedAtDesc?: boolean | null
}

/** Accounts. Every setter also sets `updatedAt = clock.now()`; unknown ids are silent no-ops. */
export interface UserRepo {
  /**
   * Inserts a user under a new adapter-generated id and returns it as stored.
   * @throws UserAlreadyExistsError when another user has exactly this email; nothing is written.
   */
  create(user: NewUser): Promise<User>
  /** The user whose email equals `email` exactly, or `null`. */
  getByEmail(email: string): Promise<User | null>
  /** The user with this id, or `null` for any other string (never throws on odd ids). */
  getById(userId: string): Promise<User | null>
  /** Sets `lastLogin = when`. */
  setLastLogin(userId: string, when: Date): Promise<void>
  /** Sets `tokensInvalidatedAfter = when` exactly. */
  setTokensInvalidatedAfter(userId: string, when: Date): Promise<void>
  /** One atomic write: `hashedPassword`, and `tokensInvalidatedAfter = updatedAt = clock.now()` (one reading). */
  updatePassword(userId: string, hashedPassword: string): Promise<void>
  /** Sets `isActive`; does not bump the revocation cutoff. */
  setActive(userId: string, opts: { readonly isActive: boolean }): Promise<void>
  setSuperuser(userId: string, opts: { readonly isSuperuser: boolean }): Promise<void>
  /** Sets `fullName`; `null` clears it. */
  setFullName(userId: string, fullName: string | null): Promise<void>
  /** Sets `phoneNumber`; `null` clears it. */
  setPhone(userId: string, phoneNumber: string | null): Promise<void>
  setMfaEnabled(userId: string, opts: { readonly isMfaEnabled: boolean }): Promise<void>
  /**
   * One atomic write: `email = newEmail`, `tokensInvalidatedAfter = updatedAt = clock.now()`.
   * Setting a user's own current email succeeds and still bumps the cutoff. Unknown id: no-op, even
   * when `newEmail` is taken.
   * @throws UserAlreadyExistsError when another user has `newEmail`; nothing changes at all.
   */
  updateEmail(userId: string, newEmail: string): Promise<void>
  /** Removes the user; `true` if one was removed. Does not cascade. */
  delete(userId: string): Promise<boolean>
  /** Number of users matching every given flag; no flags counts all users. */
  count(filter?: UserCountFilter | null): Promise<number>
  /**
   * Users sorted by `createdAt` (descending by default), ties broken by `id` in the same direction
   * (JavaScript string order), after skipping `skip`, at most `limit`.
   * @throws InvalidInputError for `skip < 0`, `limit < 1` or non-integers.
   */
  listPaged(opts?: ListPagedOptions | null): Promise<User[]>
}

/** Sign-ups waiting for email verification, one row per email. No read filters expired rows. */
export interface PendingRepo {
  /**
   * Inserts, or replaces wholesale the row with the same email (which keeps its id). Returns the row.
   * @throws PendingAlreadyExistsError when `tokenHash` is held by a row with another email; nothing changes.
   */
  upsert(pending: NewPendingRegistration): Promise<PendingRegistration>
  /** Exact match, expired rows included; `null` when absent. */
  findByTokenHash(tokenHash: string): Promise<PendingRegistration | null>
  /** Exact match, expired rows included; `null` when absent. */
  findByEmail(email: string): Promise<PendingRegistration | null>
  /** Removes the row for this email if any. */
  deleteByEmail(email: string): Promise<void>
  /** Deletes rows with `expiresAt < now` (default `clock.now()`); returns how many. */
  purgeExpired(now?: Date | null): Promise<number>
  /** Counts rows with `expiresAt > now` (default `clock.now()`). */
  countUnexpired(now?: Date | null): Promise<number>
}

/** Revoked token ids. */
export interface BlacklistRepo {
  /** Records `jti` as revoked until `exp`. Idempotent: when `jti` is already present the first `exp` wins. */
  revoke(jti: string, exp: Date): Promise<void>
  /** True while a row for `jti` exists, whatever its `exp`. */
  isRevoked(jti: string): Promise<boolean>
  /** Deletes rows with `exp < now` (default `clock.now()`); returns how many. */
  purgeExpired(now?: Date | null): Promise<number>
}

/** Options of `LoginAttemptRepo.recordFailure`. */
export interface RecordFailureOptions {
  /** @default clock.now() */
  readonly when?: Date | null
  /** Stored for audit, never queried. @default null */
  readonly ip?: string | null
}

/** Failed logins, the basis of the lockout decision. */
export interface LoginAttemptRepo {
  /** Appends one row (no deduplication); the email is stored exactly as given. */
  recordFailure(email: string, opts?: RecordFailureOptions | null): Promise<void>
  /** Rows for exactly `email` with `when >= now - windowMs`; no upper bound (future rows count). */
  countRecent(email: string, opts: { readonly windowMs: number; readonly now: Date }): Promise<number>
  /** Deletes every row for exactly `email`. */
  clear(email: string): Promise<void>
  /** Deletes rows with `when < now - windowMs` for all emails; returns how many. */
  purgeExpired(now: Date, windowMs: number): Promise<number>
}

/** SMS MFA codes, at most one per (userId, kind). */
export interface MfaCodeRepo {
  /** Inserts, or replaces wholesale (attempts included) the row for (userId, kind), which keeps its id. */
  put(code: NewMfaCode): Promise<void>
  /**
   * The state machine of CONTRACT §3.5, atomically (§0.8): no row → `missing`; `attempts >= maxAttempts`
   * → delete, `locked`; `expiresAt <= clock.now()` → delete, `expired`; SHA-256 hex of `rawCode` differs
   * from `codeHash` → `attempts + 1`, then `locked` (row deleted) when none remain, else `wrong` with
   * the remaining count; match → delete, `ok`.
   */
  verify(opts: {
    readonly userId: string
    readonly kind: MfaKind
    readonly rawCode: string
  }): Promise<MfaVerifyResult>
  /** Removes the code of that kind, or of every kind when `kind` is omitted. */
  delete(opts: { readonly userId: string; readonly kind?: MfaKind | null }): Promise<void>
  /** The stored row (current `attempts` included, expired or not), or `null`. */
  find(opts: { readonly userId: string; readonly kind: MfaKind }): Promise<MfaCode | null>
  /** Deletes rows with `expiresAt < now` (default `clock.now()`); returns how many. */
  purgeExpired(now?: Date | null): Promise<number>
}

/** External OAuth identities linked to users. */
export interface OAuthIdentityRepo {
  /**
   * Inserts the link under a new adapter-generated id and returns it as stored.
   * @throws OAuthIdentityAlreadyLinkedError when (provider, subjectId) or (userId, provider) is taken.
   */
  create(identity: NewOAuthIdentity): Promise<OAuthIdentity>
  /** Exact match on both, or `null`. */
  findBySubject(opts: {
    readonly provider: string
    readonly subjectId: string
  }): Promise<OAuthIdentity | null>
  /** The user's identities by `linkedAt` ascending, ties by `id` ascending; `[]` when none. */
  listForUser(userId: string): Promise<OAuthIdentity[]>
  /** Removes the user's identity for `provider`; `true` if one was removed. */
  delete(opts: { readonly userId: string; readonly provider: string }): Promise<boolean>
  /** Removes all of the user's identities; returns how many. */
  deleteByUserId(userId: string): Promise<number>
  /** Sets `lastUsedAt = when` on the matching identity (nothing else); no-op when none matches. */
  touchLastUsed(opts: {
    readonly provider: string
    readonly subjectId: string
    readonly when: Date
  }): Promise<void>
}

/** Options of `OAuthStateRepo.setResultToken`; `undefined` and `null` both mean "not given". */
export interface SetResultTokenOptions {
  /** Moves `expiresAt` in the same write. */
  readonly newExpiresAt?: Date | null
  /** Whether the callback created a brand-new account. @default false (since revision `2026-07`) */
  readonly wasNew?: boolean | null
}

/** Server-side rows of in-flight OAuth flows, keyed by the caller's state id. */
export interface OAuthStateRepo {
  /**
   * Inserts the state under its own `id`.
   * @throws OAuthStateAlreadyExistsError when the id is already stored; nothing changes.
   */
  create(state: NewOAuthState): Promise<void>
  /** The row, expired or not, or `null`. */
  find(stateId: string): Promise<OAuthState | null>
  /**
   * Sets `resultToken` and `resultWasNew = wasNew ?? false` (a call without `wasNew` resets it), and
   * `expiresAt = newExpiresAt` when given, all in one atomic write (CONTRACT §0.19).
   * Unknown `stateId`: no-op, no row appears.
   * @throws InvalidInputError when `wasNew` is given and not a boolean.
   */
  setResultToken(stateId: string, token: string, opts?: SetResultTokenOptions | null): Promise<void>
  /** Atomically returns the row as it was and deletes it: exactly one caller gets it; otherwise `null`. */
  consume(stateId: string): Promise<OAuthState | null>
  /** Deletes rows with `expiresAt < now` (default `clock.now()`); returns how many. */
  purgeExpired(now?: Date | null): Promise<number>
}

/** The bundle every adapter factory returns. */
export interface Repos {
  readonly users: UserRepo
  readonly pending: PendingRepo
  readonly blacklist: BlacklistRepo
  readonly attempts: LoginAttemptRepo
  readonly mfaCodes: MfaCodeRepo
  readonly oauthIdentities: OAuthIdentityRepo
  readonly oauthStates: OAuthStateRepo
}
