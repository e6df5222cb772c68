import { createMemoryRepos } from '@regstack/adapter-memory'
import { type Clock, guardRepos, type RawRepos, type Repos } from '@regstack/protocols'

/** Options of {@link createYourRepos}. */
export interface YourReposOptions {
  /** Source of every defaulted "now": `updatedAt`, revocation cutoffs, MFA expiry, omitted `now`/`when`. */
  readonly clock: Clock
}

/**
 * The seven regstack repositories over YourEngine.
 *
 * Start here: take the client your caller built and owns as the first parameter (a connection pool,
 * a database handle), and replace the placeholder repositories one at a time with code that talks to
 * your engine. Until a repository is replaced it comes from the in-memory reference adapter, so the
 * conformance suite is green from the first run and turns red exactly where your code departs from
 * the contract. Drop the `@regstack/adapter-memory` dependency once all seven are yours. (The
 * placeholders are the memory adapter's public, guarded repositories: they accept anything the raw
 * interface hands them, so they fit it as they are.)
 *
 * Your repositories implement `RawRepos` from `@regstack/protocols`, and `guardRepos` stays around
 * them: it validates every argument as the contract requires, resolves every default (`now`, `when`,
 * `listPaged` options) and copies models in and out, so your code only ever sees valid, complete
 * input, typed as such, and may return rows it keeps.
 */
export function createYourRepos(options: YourReposOptions): Repos {
  const placeholder = createMemoryRepos({ clock: options.clock })
  const raw: RawRepos = {
    users: placeholder.users,
    pending: placeholder.pending,
    blacklist: placeholder.blacklist,
    attempts: placeholder.attempts,
    mfaCodes: placeholder.mfaCodes,
    oauthIdentities: placeholder.oauthIdentities,
    oauthStates: placeholder.oauthStates,
  }
  return guardRepos(raw, { clock: options.clock })
}
