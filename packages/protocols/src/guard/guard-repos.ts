/** `guardRepos`: the one place where CONTRACT §0.6 is enforced for every adapter. */
import type { RawRepos } from '../raw-repos.js'
import type { Repos } from '../repos.js'
import { guardAttempts } from './guard-attempts.js'
import { guardBlacklist } from './guard-blacklist.js'
import { guardMfaCodes } from './guard-mfa-codes.js'
import { guardOAuthIdentities } from './guard-oauth-identities.js'
import { guardOAuthStates } from './guard-oauth-states.js'
import { createGuardContext, type GuardOptions } from './guard-options.js'
import { guardPending } from './guard-pending.js'
import { guardUsers } from './guard-users.js'

/**
 * Wraps an adapter's raw repositories so every engine accepts and rejects exactly the same inputs
 * (CONTRACT §0.6) and the raw code only ever sees validated, fully resolved arguments.
 *
 * - Every argument is validated before `inner` is called; bad input rejects with
 *   `InvalidInputError` (never a synchronous throw).
 * - Values only used to find or compare that no stored row could hold (over the field limit, U+0000,
 *   a lone surrogate; user ids failing `isStorableId`) get the "nothing found" answer — `null`,
 *   `false`, `0`, `[]`, a no-op, or `verify` → `missing` — without calling `inner`, but only after
 *   all other arguments were validated.
 * - Defaults are resolved here: omitted `now`/`when` → `options.clock.now()` (read once per call),
 *   `listPaged` → skip 0 / limit 50 / newest first, `count` → only the given flags, `recordFailure`
 *   → `{ when, ip }` with `ip` null, `mfaCodes.delete` without `kind` → `kind` undefined,
 *   `setResultToken` → `{ wasNew }` always (`false` when not given) plus `newExpiresAt` only when
 *   given; `oauthStates.create` → `resultWasNew` always present (`false` when left out).
 * - `New*` inputs reach `inner` as fresh closed copies; returned models are copied exactly once
 *   here (fresh closed copies with new `Date`s, arrays copied), so `inner` may return objects it
 *   keeps and never copies itself. Errors thrown by `inner` pass through untouched.
 *
 * `inner` is typed {@link RawRepos}: the resolved arguments above are what its signatures say.
 *
 * @throws TypeError synchronously when `options.clock` is not a `Clock` (a wiring bug).
 */
export function guardRepos(inner: RawRepos, options: GuardOptions): Repos {
  const ctx = createGuardContext(options)
  return {
    users: guardUsers(inner.users, ctx),
    pending: guardPending(inner.pending, ctx),
    blacklist: guardBlacklist(inner.blacklist, ctx),
    attempts: guardAttempts(inner.attempts, ctx),
    mfaCodes: guardMfaCodes(inner.mfaCodes, ctx),
    oauthIdentities: guardOAuthIdentities(inner.oauthIdentities, ctx),
    oauthStates: guardOAuthStates(inner.oauthStates, ctx),
  }
}
