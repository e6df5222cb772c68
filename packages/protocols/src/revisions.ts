/**
 * Contract revisions (CONTRACT §0.19): named, frozen sets of rules an adapter is certified against.
 * A new revision is never forced on an adapter by a minor release of the kit (docs/versioning.md):
 * an adapter declares the revision it implements, and the suite checks exactly that one.
 */
import type { NewOAuthState, OAuthState } from './models.js'
import type { OAuthStateRepo, Repos } from './repos.js'

/** Every revision, oldest first. */
export const CONTRACT_REVISIONS: readonly ['2026-05', '2026-07'] = ['2026-05', '2026-07'] as const

/**
 * One revision of the contract:
 * - `2026-05` — the seed protocol (regstack 0.5.8 – 0.8.2).
 * - `2026-07` — regstack 0.8.3 and later: adds `OAuthState.resultWasNew` and
 *   `setResultToken(…, { wasNew })`.
 */
export type ContractRevision = (typeof CONTRACT_REVISIONS)[number]

/** The newest revision: what the types of this package describe, and what the suite checks by default. */
export const NEWEST_CONTRACT_REVISION: '2026-07' = '2026-07'

/** True when `value` is the id of a revision this kit knows. */
export function isContractRevision(value: unknown): value is ContractRevision {
  return (CONTRACT_REVISIONS as readonly unknown[]).includes(value)
}

/** True when `revision` contains every rule of `since` (revisions only ever add rules). */
export function revisionIncludes(revision: ContractRevision, since: ContractRevision): boolean {
  return CONTRACT_REVISIONS.indexOf(revision) >= CONTRACT_REVISIONS.indexOf(since)
}

/** `OAuthState` as revision `R` defines it: `2026-05` has no `resultWasNew`. */
export type OAuthStateOf<R extends ContractRevision> = R extends '2026-05'
  ? Omit<OAuthState, 'resultWasNew'>
  : OAuthState

/** `NewOAuthState` as revision `R` defines it. */
export type NewOAuthStateOf<R extends ContractRevision> = R extends '2026-05'
  ? Omit<NewOAuthState, 'resultWasNew'>
  : NewOAuthState

/**
 * `OAuthStateRepo` as revision `R` defines it. In `2026-05`, `setResultToken` knows only
 * `newExpiresAt` and states carry no `resultWasNew`; an adapter written against `2026-05` can type its
 * repository with `OAuthStateRepoOf<'2026-05'>` and keep compiling.
 */
export type OAuthStateRepoOf<R extends ContractRevision> = R extends '2026-05'
  ? {
      create(state: NewOAuthStateOf<'2026-05'>): Promise<void>
      find(stateId: string): Promise<OAuthStateOf<'2026-05'> | null>
      setResultToken(
        stateId: string,
        token: string,
        opts?: { readonly newExpiresAt?: Date | null } | null,
      ): Promise<void>
      consume(stateId: string): Promise<OAuthStateOf<'2026-05'> | null>
      purgeExpired(now?: Date | null): Promise<number>
    }
  : OAuthStateRepo

/** The {@link Repos} bundle as revision `R` defines it. */
export type ReposOf<R extends ContractRevision> = Omit<Repos, 'oauthStates'> & {
  readonly oauthStates: OAuthStateRepoOf<R>
}
