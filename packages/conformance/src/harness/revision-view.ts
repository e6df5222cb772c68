/** How a check of one contract revision sees a target that may implement another (CONTRACT §0.19). */
import { type ContractRevision, type OAuthStateRepo, type Repos, revisionIncludes } from '@regstack/protocols'
import type { Check } from '../check.js'

/** The revision every check belongs to unless it says otherwise: the seed protocol. */
export const BASE_REVISION: ContractRevision = '2026-05'

/** The revision that introduced `check`'s rule. */
export function sinceOf(check: Check): ContractRevision {
  return check.since ?? BASE_REVISION
}

/** The checks that make up `revision`: every check introduced by it or an earlier one. */
export function checksOfRevision(all: readonly Check[], revision: ContractRevision): readonly Check[] {
  return all.filter((c) => revisionIncludes(revision, sinceOf(c)))
}

/**
 * Removes `resultWasNew` (new in `2026-07`) from a state a `2026-05` check receives, so those checks
 * judge a `2026-07` adapter by the `2026-05` rules only. The field is deleted in place, not copied
 * away: a check that mutates a returned object to prove the store kept no reference to it (§0.7) must
 * still reach the adapter's object. Only an object that refuses the deletion (frozen) is copied.
 */
function withoutResultWasNew(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, 'resultWasNew')) return value
  if (Reflect.deleteProperty(value, 'resultWasNew')) return value
  const { resultWasNew: _dropped, ...rest } = value as Record<string, unknown>
  return rest
}

/**
 * `repos` as a check of `revision` sees them. For a `2026-05` check, `oauthStates.find` and `consume`
 * answer without `resultWasNew`; every call is passed on with exactly its arguments (arity included:
 * the hostile area counts them). Newer revisions see the repositories unchanged.
 */
export function viewForRevision(repos: Repos, revision: ContractRevision): Repos {
  if (revisionIncludes(revision, '2026-07')) return repos
  const states = repos.oauthStates
  const view: OAuthStateRepo = {
    create: (...args) => states.create(...args),
    find: async (...args) =>
      withoutResultWasNew(await states.find(...args)) as Awaited<ReturnType<OAuthStateRepo['find']>>,
    setResultToken: (...args) => states.setResultToken(...args),
    consume: async (...args) =>
      withoutResultWasNew(await states.consume(...args)) as Awaited<ReturnType<OAuthStateRepo['consume']>>,
    purgeExpired: (...args) => states.purgeExpired(...args),
  }
  return {
    users: repos.users,
    pending: repos.pending,
    blacklist: repos.blacklist,
    attempts: repos.attempts,
    mfaCodes: repos.mfaCodes,
    oauthIdentities: repos.oauthIdentities,
    oauthStates: view,
  }
}
